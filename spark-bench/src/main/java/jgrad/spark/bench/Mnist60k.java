package jgrad.spark.bench;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import jgrad.data.DataDir;
import jgrad.data.Dataset;
import jgrad.data.Mnist;
import jgrad.data.Normalization;

/** The shipped MNIST, standardised with its usual mean and deviation, as every side of a benchmark sees it. */
final class Mnist60k {
    static final float MEAN = 0.1307f;
    static final float STD = 0.3081f;

    private Mnist60k() {}

    static Path dir() {
        return DataDir.root().resolve("mnist").toAbsolutePath();
    }

    static Dataset load(Mnist.Split split, int... shape) throws IOException {
        return Normalization.of(MEAN, STD).apply(Mnist.load(dir(), split)).reshape(shape);
    }

    /** Part {@code p} of {@code parts} of a split, read from the IDX files (for tasks). */
    static jgrad.data.Idx.Part[] part(String prefix, int p, int parts) throws IOException {
        try (InputStream x = Files.newInputStream(dir().resolve(prefix + "-images-idx3-ubyte.gz"));
                InputStream y = Files.newInputStream(dir().resolve(prefix + "-labels-idx1-ubyte.gz"))) {
            return new jgrad.data.Idx.Part[] {jgrad.data.Idx.readPart(x, prefix, p, parts), jgrad.data.Idx.readPart(y, prefix, p, parts)};
        }
    }
}
