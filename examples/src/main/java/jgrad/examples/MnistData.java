package jgrad.examples;

import java.io.IOException;
import java.nio.file.Path;
import jgrad.data.DataDir;
import jgrad.data.Dataset;
import jgrad.data.Mnist;

/** How the MNIST examples find their data: {@code --data-dir}, else {@code JGRAD_DATA}, else the shipped copy. */
final class MnistData {
    private MnistData() {}

    /**
     * One split from {@code dataDir} (a folder holding the four IDX files; Fashion-MNIST works
     * too) or, when it is null, from {@code Mnist.load(split)}; cut to its first {@code limit}
     * examples when {@code limit > 0}.
     */
    static Dataset load(String dataDir, Mnist.Split split, int limit) throws IOException {
        Dataset d = dataDir == null ? Mnist.load(split) : Mnist.load(Path.of(dataDir), split);
        return limit > 0 && limit < d.size() ? d.subset(0, limit) : d;
    }

    /** Where the data comes from, for the first line of output. */
    static String describe(String dataDir) {
        if (dataDir != null) return Path.of(dataDir).toAbsolutePath().normalize().toString();
        String property = System.getProperty(DataDir.PROPERTY);
        if (property != null && !property.isBlank()) return property + " (-D" + DataDir.PROPERTY + ")";
        String env = System.getenv(DataDir.ENV);
        return env != null && !env.isBlank() ? env + " (" + DataDir.ENV + ")" : "the bundled data/mnist";
    }
}
