package jgrad.spark;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.zip.GZIPOutputStream;
import jgrad.data.DataDir;
import jgrad.data.Idx;

/** The first examples of the shipped MNIST, written as a folder of the four IDX files (gzipped). */
final class SmallMnist {
    private SmallMnist() {}

    /** Writes {@code train} training and {@code test} test examples to {@code dir}; returns it. */
    static Path write(Path dir, int train, int test) throws IOException {
        Path mnist = DataDir.root().resolve("mnist");
        copy(mnist, dir, "train", train);
        copy(mnist, dir, "t10k", test);
        return dir;
    }

    private static void copy(Path from, Path to, String prefix, int n) throws IOException {
        var images = Idx.read(from.resolve(prefix + "-images-idx3-ubyte.gz"));
        var labels = Idx.read(from.resolve(prefix + "-labels-idx1-ubyte.gz"));
        int width = images.dims()[1] * images.dims()[2];
        write(to.resolve(prefix + "-images-idx3-ubyte.gz"), new int[] {n, images.dims()[1], images.dims()[2]},
                Arrays.copyOf(images.values(), n * width));
        write(to.resolve(prefix + "-labels-idx1-ubyte.gz"), new int[] {n}, Arrays.copyOf(labels.values(), n));
    }

    private static void write(Path file, int[] dims, byte[] values) throws IOException {
        ByteBuffer b = ByteBuffer.allocate(4 + 4 * dims.length + values.length);
        b.put((byte) 0).put((byte) 0).put((byte) 8).put((byte) dims.length);
        for (int d : dims) b.putInt(d);
        b.put(values);
        var out = new ByteArrayOutputStream();
        try (var gz = new GZIPOutputStream(out)) {
            gz.write(b.array());
        }
        Files.write(file, out.toByteArray());
    }
}
