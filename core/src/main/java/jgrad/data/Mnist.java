package jgrad.data;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Objects;
import jgrad.tensor.kernel.ByteTable;

/**
 * MNIST (and datasets in the same layout, such as Fashion-MNIST): 28x28 grey images of 10
 * classes, read from IDX files.
 *
 * <p>A folder holds {@code train-images-idx3-ubyte}, {@code train-labels-idx1-ubyte},
 * {@code t10k-images-idx3-ubyte} and {@code t10k-labels-idx1-ubyte}, each gzipped ({@code .gz})
 * or not. jgrad ships MNIST under {@code data/mnist} (see {@link DataDir}) with a
 * {@code SHA256SUMS} manifest; every file the manifest of a folder lists is checked against it
 * on load, so a corrupt copy is an error rather than a silently wrong dataset. Folders without a
 * manifest (your own Fashion-MNIST download, say) are checked for format only.
 *
 * <p>Features are the pixels scaled to {@code [0, 1]}, of shape {@code [784]}; use
 * {@code reshape(1, 28, 28)} for a convolutional network. Labels are the digits 0 to 9.
 */
public final class Mnist {
    /** Which half of the dataset to load. */
    public enum Split {
        /** The 60,000 training images. */
        TRAIN("train"),
        /** The 10,000 test images. */
        TEST("t10k");

        private final String prefix;

        Split(String prefix) {
            this.prefix = prefix;
        }
    }

    private static final int CLASSES = 10;

    private Mnist() {}

    /**
     * Loads MNIST from {@code DataDir.root()/mnist}. For the copy that ships with jgrad (no
     * {@code jgrad.data} / {@code JGRAD_DATA} setting), the SHA-256 manifest must list and match
     * both files. A folder the user configured is treated as in {@link #load(Path, Split)}; it may
     * hold the IDX files itself (like a {@code --data-dir} folder, e.g. Fashion-MNIST) or in
     * {@code mnist/}.
     *
     * @param split which images to load
     * @return the 60,000 training or 10,000 test images, features {@code [784]} in {@code [0, 1]}
     * @throws IOException if a file is missing, corrupt or does not match its hash
     */
    public static Dataset load(Split split) throws IOException {
        Path root = DataDir.root();
        if (DataDir.configured() == null) return load(root.resolve("mnist"), split, true);
        String images = split.prefix + "-images-idx3-ubyte";
        boolean direct = Files.isRegularFile(root.resolve(images + ".gz")) || Files.isRegularFile(root.resolve(images));
        return load(direct ? root : root.resolve("mnist"), split, false);
    }

    /**
     * Loads MNIST or a dataset in the same format (Fashion-MNIST, KMNIST) from {@code dir}.
     * Files listed in a {@code SHA256SUMS} manifest in {@code dir} are checked against it.
     *
     * @param dir the folder holding the four IDX files (gzipped or not)
     * @param split which images to load
     * @return the 60,000 training or 10,000 test images, features {@code [784]} in {@code [0, 1]}
     * @throws IOException if a file is missing, malformed, inconsistent with its partner, or
     *     does not match the manifest; the message names the file and the problem
     */
    public static Dataset load(Path dir, Split split) throws IOException {
        return load(dir, split, false);
    }

    private static Dataset load(Path dir, Split split, boolean requireManifest) throws IOException {
        Path imagesFile = find(dir, split.prefix + "-images-idx3-ubyte");
        Path labelsFile = find(dir, split.prefix + "-labels-idx1-ubyte");
        Idx.UnsignedBytes images = readChecked(imagesFile, requireManifest);
        Idx.UnsignedBytes labels = readChecked(labelsFile, requireManifest);
        if (images.dims().length != 3) {
            throw new IOException(imagesFile + ": expected 3 dimensions (count, rows, columns), found "
                    + Arrays.toString(images.dims()));
        }
        if (labels.dims().length != 1) {
            throw new IOException(labelsFile + ": expected 1 dimension (count), found " + Arrays.toString(labels.dims()));
        }
        if (images.count() != labels.count()) {
            throw new IOException(imagesFile + " holds " + images.count() + " images but " + labelsFile + " holds "
                    + labels.count() + " labels");
        }
        byte[] y = labels.values();
        for (int i = 0; i < y.length; i++) {
            if ((y[i] & 0xFF) >= CLASSES) {
                throw new IOException(labelsFile + ": label " + (y[i] & 0xFF) + " at index " + i + " is not in 0..9");
            }
        }
        return new Images(images.values(), images.dims()[1] * images.dims()[2], y);
    }

    private static Path find(Path dir, String name) throws IOException {
        Path gz = dir.resolve(name + ".gz");
        if (Files.isRegularFile(gz)) return gz;
        Path plain = dir.resolve(name);
        if (Files.isRegularFile(plain)) return plain;
        throw new NoSuchFileException(gz.toString(), null, "neither " + gz.getFileName() + " nor " + name
                + " found in " + dir.toAbsolutePath() + " (set -D" + DataDir.PROPERTY + "=... or " + DataDir.ENV
                + " to the folder holding mnist/)");
    }

    private static Idx.UnsignedBytes readChecked(Path file, boolean requireManifest) throws IOException {
        byte[] bytes = Files.readAllBytes(file);
        Checksums.verify(file, bytes, requireManifest);
        return Idx.parse(bytes, file.toString());
    }

    /** Images kept as bytes (47 MB for the training set) and scaled to floats when copied. */
    private static final class Images implements Views.ByteCoded {
        /** {@code b / 255f} for each byte value {@code b}. */
        private static final ByteTable SCALED = ByteTable.scaled(255);

        private final byte[] pixels;
        private final int pixelsPerImage;
        private final byte[] labels;

        Images(byte[] pixels, int pixelsPerImage, byte[] labels) {
            this.pixels = pixels;
            this.pixelsPerImage = pixelsPerImage;
            this.labels = labels;
        }

        @Override public int size() { return labels.length; }
        @Override public int[] featureShape() { return new int[] {pixelsPerImage}; }
        @Override public int featureSize() { return pixelsPerImage; }
        @Override public int classes() { return CLASSES; }
        @Override public ByteTable byteTable() { return SCALED; }

        @Override
        public int label(int index) {
            return labels[index] & 0xFF;
        }

        @Override
        public void copyFeatures(int index, ByteTable table, float[] dest, int offset) {
            int base = Math.multiplyExact(Objects.checkIndex(index, labels.length), pixelsPerImage);
            table.decode(pixels, base, dest, offset, pixelsPerImage);
        }

        @Override
        public void copyFeatures(int[] indices, int from, int to, ByteTable table, float[] dest, int offset) {
            Objects.checkFromToIndex(from, to, indices.length);
            for (int i = from; i < to; i++) Objects.checkIndex(indices[i], labels.length);
            table.decodeRows(pixels, indices, from, to, pixelsPerImage, dest, offset);
        }
    }
}
