package jgrad.examples;

import java.io.IOException;
import jgrad.data.Dataset;
import jgrad.data.Mnist;
import picocli.CommandLine.Option;

/** The options of the MNIST-based examples that say which images to use (a picocli mixin). */
public final class MnistSource {
    @Option(names = "--data-dir", paramLabel = "DIR",
            description = "a folder with the four MNIST IDX files, gzipped or not (Fashion-MNIST works too); "
                    + "default: the folder named by JGRAD_DATA, else the bundled data/mnist")
    String dataDir;

    @Option(names = "--limit", paramLabel = "N", defaultValue = "0",
            description = "use only the first N training and test images, for quick runs (default: ${DEFAULT-VALUE}, all)")
    int limit;

    /** One split, cut to {@code --limit} images. */
    Dataset load(Mnist.Split split) throws IOException {
        return MnistData.load(dataDir, split, limit);
    }

    /** Where the data comes from, for the first line of output. */
    String describe() {
        return MnistData.describe(dataDir);
    }
}
