package jgrad.data;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * Where labelled examples come from, as the command line names them ({@link #parse}): MNIST,
 * Fashion-MNIST, the shipped iris table, a CSV file, or a folder of images with one sub-folder
 * per class. {@link #train()} reads the examples to learn from; {@link #test()} the held-out
 * test examples for sources that come with them (MNIST's 10,000 test images).
 */
public sealed interface DataSource {
    /**
     * Examples read from a source.
     *
     * @param data the examples (raw values: pixels in [0, 1], CSV numbers as written)
     * @param classNames the name of each class, in index order
     * @param featureNames the name of each feature for tabular data; empty for images
     */
    record Loaded(Dataset data, List<String> classNames, List<String> featureNames) {
        /** Copies the lists. */
        public Loaded {
            Objects.requireNonNull(data, "data");
            classNames = List.copyOf(classNames);
            featureNames = List.copyOf(featureNames);
        }
    }

    /**
     * The examples to train on (for MNIST, the 60,000 training images; for a table, all its rows).
     *
     * @return the examples with their class and feature names
     * @throws IOException if the source's files cannot be read
     */
    Loaded train() throws IOException;

    /**
     * The source's own test examples (MNIST's 10,000), or empty for a source without a test split.
     *
     * @return the test examples, or empty
     * @throws IOException if the source's test files cannot be read
     */
    default Optional<Loaded> test() throws IOException {
        return Optional.empty();
    }

    /** {@return how images of this source look ({@link Images.Format#MNIST} for MNIST), or empty for tabular data} */
    default Optional<Images.Format> imageFormat() {
        return Optional.empty();
    }

    /**
     * This source read for a model that knows these features and classes: CSV columns are picked
     * by name and labels (CSV values, image sub-folders) mapped to the model's classes by name.
     * Empty lists keep what the data says.
     *
     * @param featureNames the model's feature names, or empty
     * @param classNames the model's class names, or empty
     * @return a source that reads for that model
     */
    default DataSource forModel(List<String> featureNames, List<String> classNames) {
        return this;
    }

    /**
     * MNIST or a dataset in its layout: the four IDX files of {@link Mnist}.
     *
     * @param name {@code "mnist"} or {@code "fashion-mnist"}: chooses the class names
     * @param dir the folder of the IDX files, or null for MNIST's bundled copy ({@link DataDir})
     */
    record IdxImages(String name, Path dir) implements DataSource {
        private static final List<String> FASHION = List.of("T-shirt/top", "Trouser", "Pullover", "Dress", "Coat",
                "Sandal", "Shirt", "Sneaker", "Bag", "Ankle boot");
        private static final List<String> DIGITS = List.of("0", "1", "2", "3", "4", "5", "6", "7", "8", "9");

        /** Checks the name, and that Fashion-MNIST has a folder. */
        public IdxImages {
            if (!name.equals("mnist") && !name.equals("fashion-mnist")) {
                throw new IllegalArgumentException("DataSource.IdxImages: name must be mnist or fashion-mnist, got " + name);
            }
            if (name.equals("fashion-mnist") && dir == null) {
                throw new IllegalArgumentException("DataSource.IdxImages: fashion-mnist needs the folder of its IDX files");
            }
        }

        @Override
        public Loaded train() throws IOException {
            return load(Mnist.Split.TRAIN);
        }

        @Override
        public Optional<Loaded> test() throws IOException {
            return Optional.of(load(Mnist.Split.TEST));
        }

        @Override
        public Optional<Images.Format> imageFormat() {
            return Optional.of(Images.Format.MNIST);
        }

        private Loaded load(Mnist.Split split) throws IOException {
            Dataset d = dir == null ? Mnist.load(split) : Mnist.load(dir, split);
            return new Loaded(d, name.equals("mnist") ? DIGITS : FASHION, List.of());
        }
    }

    /**
     * A CSV table with a header line, read by {@link Csv}.
     *
     * @param file the file
     * @param labelColumn the label column's name, or null for the last column
     * @param featureNames the feature columns to read, in order (empty: all but the label)
     * @param classNames the classes labels map to (empty: derived from the labels, see {@link Csv})
     */
    record CsvTable(Path file, String labelColumn, List<String> featureNames, List<String> classNames)
            implements DataSource {
        /** Copies the lists. */
        public CsvTable {
            Objects.requireNonNull(file, "file");
            featureNames = List.copyOf(featureNames);
            classNames = List.copyOf(classNames);
        }

        @Override
        public Loaded train() throws IOException {
            String label = labelColumn != null ? labelColumn : Csv.header(file).getLast();
            ArrayDataset d = Csv.load(file, label, featureNames, classNames);
            return new Loaded(d, d.classNames(), d.featureNames());
        }

        @Override
        public DataSource forModel(List<String> features, List<String> classes) {
            return new CsvTable(file, labelColumn, features, classes);
        }
    }

    /**
     * A folder with one sub-folder of images per class, read by {@link ImageFolder}.
     *
     * @param dir the folder
     * @param format the size, channels and background every image is converted to
     * @param classNames the classes sub-folders map to (empty: the sub-folders, sorted)
     */
    record ImageDir(Path dir, Images.Format format, List<String> classNames) implements DataSource {
        /** Copies the list. */
        public ImageDir {
            Objects.requireNonNull(dir, "dir");
            Objects.requireNonNull(format, "format");
            classNames = List.copyOf(classNames);
        }

        @Override
        public Loaded train() throws IOException {
            ArrayDataset d = ImageFolder.load(dir, format, classNames);
            return new Loaded(d, d.classNames(), List.of());
        }

        @Override
        public Optional<Images.Format> imageFormat() {
            return Optional.of(format);
        }

        @Override
        public DataSource forModel(List<String> features, List<String> classes) {
            return new ImageDir(dir, format, classes);
        }
    }

    /**
     * The source a command-line word names: {@code mnist}, {@code fashion-mnist}, {@code iris}
     * (the shipped {@code iris.csv}, label {@code species}), a path ending in {@code .csv}, or
     * else a folder of images.
     *
     * @param source the word
     * @param dataDir the folder of the IDX files for {@code mnist} (null: bundled) and
     *     {@code fashion-mnist} (required)
     * @param labelColumn the label column of a CSV file (null: the last column)
     * @param images the format images of a folder are converted to
     * @return the source; nothing is read yet
     * @throws IllegalArgumentException if the options do not fit the source (the message says which)
     */
    static DataSource parse(String source, Path dataDir, String labelColumn, Images.Format images) {
        String word = source.strip();
        boolean csv = word.toLowerCase(Locale.ROOT).endsWith(".csv");
        if (labelColumn != null && !csv) {
            throw new IllegalArgumentException("a label column is only for a .csv file, not for '" + word + "'");
        }
        if (dataDir != null && !word.equals("mnist") && !word.equals("fashion-mnist")) {
            throw new IllegalArgumentException("a folder of IDX files is only for mnist or fashion-mnist, not for '" + word + "'");
        }
        return switch (word) {
            case "mnist", "fashion-mnist" -> {
                if (word.equals("fashion-mnist") && dataDir == null) {
                    throw new IllegalArgumentException("fashion-mnist needs the folder of its four IDX files");
                }
                yield new IdxImages(word, dataDir);
            }
            case "iris" -> new CsvTable(DataDir.root().resolve("iris.csv"), "species", List.of(), List.of());
            default -> csv ? new CsvTable(Path.of(word), labelColumn, List.of(), List.of())
                    : new ImageDir(Path.of(word), images, List.of());
        };
    }
}
