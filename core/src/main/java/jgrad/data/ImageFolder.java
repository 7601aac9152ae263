package jgrad.data;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;

/**
 * A labelled image dataset on disk: a folder with one sub-folder per class, named after the
 * class, holding that class's images ({@code .png}, {@code .jpg}, {@code .jpeg}, {@code .gif},
 * {@code .bmp}), like PyTorch's {@code ImageFolder}:
 * <pre>
 *   digits/0/a.png  digits/0/b.png  digits/1/c.jpg ...
 * </pre>
 * Classes are the sub-folders sorted by name; images are read in name order and converted by
 * {@link Images#convert} to one {@link Images.Format}, so they may differ in size and colour.
 * Hidden files and other files are skipped.
 */
public final class ImageFolder {
    private static final List<String> EXTENSIONS = List.of(".png", ".jpg", ".jpeg", ".gif", ".bmp");

    private ImageFolder() {}

    /**
     * Loads every image of the folder, the classes being its sub-folders in name order.
     *
     * @param dir the folder holding one sub-folder per class
     * @param format the size, channels and background every image is converted to
     * @return features of shape {@code format.shape()} in {@code [0, 1]}, with class names
     * @throws IOException if the folder is missing, has no class sub-folders or no images, or an
     *     image does not decode (the message names the file)
     */
    public static ArrayDataset load(Path dir, Images.Format format) throws IOException {
        return load(dir, format, List.of());
    }

    /**
     * Loads the folder for a model that knows {@code classNames}: each sub-folder must be one of
     * them (not all need to be present), and its images get that class's index.
     *
     * @param dir the folder holding one sub-folder per class
     * @param format the size, channels and background every image is converted to
     * @param classNames the model's classes in index order; empty: the sub-folders, sorted
     * @return the examples, with the classes as class names
     * @throws IOException as {@link #load(Path, Images.Format)}, or if a sub-folder is not one of
     *     {@code classNames}
     */
    public static ArrayDataset load(Path dir, Images.Format format, List<String> classNames) throws IOException {
        if (!Files.exists(dir)) {
            throw new NoSuchFileException(dir.toString(), null, "expected a folder with one sub-folder of images per class");
        }
        if (!Files.isDirectory(dir)) {
            throw new NotDirectoryException(dir + " (expected a folder with one sub-folder of images per class)");
        }
        List<Path> classDirs = sorted(dir, Files::isDirectory);
        if (classDirs.isEmpty()) {
            throw new IOException(dir + ": no sub-folders; put the images of each class in a sub-folder named after it");
        }
        List<String> names = new ArrayList<>();
        for (Path d : classDirs) names.add(d.getFileName().toString());
        List<String> classes = classNames.isEmpty() ? List.copyOf(names) : List.copyOf(classNames);
        List<Path> files = new ArrayList<>();
        List<Integer> labels = new ArrayList<>();
        for (int k = 0; k < classDirs.size(); k++) {
            int label = classes.indexOf(names.get(k));
            if (label < 0) {
                throw new IOException(classDirs.get(k) + ": class '" + names.get(k) + "' is not one of the model's classes "
                        + classes);
            }
            for (Path f : sorted(classDirs.get(k), ImageFolder::isImage)) {
                files.add(f);
                labels.add(label);
            }
        }
        if (files.isEmpty()) {
            throw new IOException(dir + ": no images (" + String.join(", ", EXTENSIONS) + ") in its sub-folders " + names);
        }
        int size = format.size();
        float[] features = new float[Math.multiplyExact(files.size(), size)];
        for (int i = 0; i < files.size(); i++) {
            System.arraycopy(Images.read(files.get(i), format), 0, features, i * size, size);
        }
        return ArrayDataset.labeled(features, format.shape(), labels.stream().mapToInt(Integer::intValue).toArray(),
                classes);
    }

    /** True for a visible regular file with an image extension. */
    static boolean isImage(Path file) {
        String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
        return Files.isRegularFile(file) && EXTENSIONS.stream().anyMatch(name::endsWith);
    }

    private static List<Path> sorted(Path dir, java.util.function.Predicate<Path> keep) throws IOException {
        try (Stream<Path> entries = Files.list(dir)) {
            return entries.filter(p -> !p.getFileName().toString().startsWith(".")).filter(keep).sorted().toList();
        }
    }
}
