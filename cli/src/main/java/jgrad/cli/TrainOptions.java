package jgrad.cli;

import java.nio.file.Path;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * The options of {@code ./jgrad train}, as a picocli mixin, so that every command that trains
 * (also {@code ./jgrad spark-train} in module {@code spark}) takes them with the same names,
 * defaults and help. Their meaning is a contract: change it here, and it changes for all.
 */
public final class TrainOptions {
    /** Options with their defaults; picocli fills them from the command line. */
    public TrainOptions() {}

    @Mixin
    DataOptions dataOptions;

    @Mixin
    ImageOptions imageOptions;

    @Option(names = "--model", paramLabel = "SPEC", description = {"mlp:H1,H2,... (hidden sizes), linear, convnet (images),"
            + " or a JSON spec file (docs/model-format.md) (default: mlp:100 for images, mlp:64 for tables)"})
    String model;

    @Option(names = "--optimizer", paramLabel = "NAME", defaultValue = "adam",
            description = "sgd, momentum, nesterov, adagrad, rmsprop, adam or adamw (default: ${DEFAULT-VALUE})")
    String optimizer;

    @Option(names = "--lr", paramLabel = "RATE", description = "learning rate (default: the optimizer's: sgd 0.1,"
            + " momentum/nesterov/adagrad 0.01, rmsprop/adam/adamw 0.001)")
    Double lr;

    @Option(names = "--epochs", paramLabel = "N", description = "passes over the training data (default: 5 for images;"
            + " for tables, enough for about 2,000 steps, 5 to 100); with --resume the new total")
    Integer epochs;

    @Option(names = "--batch-size", paramLabel = "N", description = "examples per step (default: 100 for images, 32 for tables)")
    Integer batchSize;

    @Option(names = "--seed", paramLabel = "N", defaultValue = "1",
            description = "seeds the initial weights, the shuffling, dropout and the validation split (default: ${DEFAULT-VALUE})")
    long seed;

    @Option(names = "--threads", paramLabel = "N", description = "kernel threads; results do not depend on it"
            + " (default: JGRAD_THREADS, else all processors)")
    Integer threads;

    @Option(names = "--val-split", paramLabel = "F", description = "fraction of the data held out for validation"
            + " (default: 0.2 for sources without a test split; MNIST and Fashion-MNIST report on their test set)")
    Double valSplit;

    @Option(names = "--out", paramLabel = "DIR", description = "the run folder, new or empty (default: runs/<date-time>)")
    Path out;

    @Option(names = "--resume", paramLabel = "DIR", description = "continue the run in DIR from its checkpoint, with its"
            + " settings (only --epochs and --threads may change)")
    Path resume;
}
