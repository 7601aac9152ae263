package jgrad.examples;

import java.nio.file.Path;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;

/**
 * The model and training options {@code mnist} and {@code mnist-conv} share (a picocli mixin).
 * {@code --hidden}, {@code --optimizer}, {@code --epochs}, {@code --lr} and {@code --lr-decay}
 * have no default here: each command gives its own through its default value provider.
 */
public final class MnistOptions {
    @Option(names = "--hidden", split = ",", paramLabel = "N[,N...]", description = "hidden layer sizes (default: ${DEFAULT-VALUE})")
    int[] hidden;

    @Option(names = "--optimizer", converter = MnistTraining.OptimizerKind.Names.class,
            description = "sgd|momentum|adagrad|rmsprop|adam (default: ${DEFAULT-VALUE})")
    MnistTraining.OptimizerKind optimizer;

    @Option(names = "--init", defaultValue = "xavier", converter = MnistTraining.InitKind.Names.class,
            description = "initial weights: normal (std 0.01)|xavier|he (default: ${DEFAULT-VALUE})")
    MnistTraining.InitKind init;

    @Option(names = "--batch-norm", description = "batch normalisation before each hidden ReLU (default: off)")
    boolean batchNorm;

    @Option(names = "--dropout", paramLabel = "P", defaultValue = "0", description = "drop probability after each hidden ReLU (default: ${DEFAULT-VALUE})")
    double dropout;

    @Option(names = "--epochs", description = "passes over the training images (default: ${DEFAULT-VALUE})")
    int epochs;

    @Option(names = "--batch-size", defaultValue = "100", description = "images per step (default: ${DEFAULT-VALUE})")
    int batchSize;

    @Option(names = "--lr", description = "learning rate (default: ${DEFAULT-VALUE} with adam; sgd 0.1, momentum 0.01, adagrad 0.01, rmsprop 0.001)")
    double lr;

    @Option(names = "--lr-decay", description = "factor by which the learning rate falls over the run, in equal steps after each epoch "
            + "(default: ${DEFAULT-VALUE}; 1: constant)")
    double lrDecay;

    @Option(names = "--seed", defaultValue = "1", description = "seed of the weights, dropout and the shuffles (default: ${DEFAULT-VALUE})")
    long seed;

    @Option(names = "--save", paramLabel = "FILE", description = "write the trained model there (safetensors; default: not saved)")
    Path save;

    /**
     * The settings of a run, checked; {@code --lr} falls back to the chosen optimizer's default
     * unless given (the default shown for adam is the command's).
     */
    MnistTraining.Settings settings(CommandSpec spec, MnistSource source) {
        boolean lrGiven = spec.commandLine() != null && spec.commandLine().getParseResult() != null
                && spec.commandLine().getParseResult().hasMatchedOption("--lr");
        double rate = lrGiven || optimizer == MnistTraining.OptimizerKind.ADAM ? lr : optimizer.defaultLr();
        Checks.require(spec, hidden.length > 0 && java.util.Arrays.stream(hidden).allMatch(h -> h >= 1), "--hidden sizes must be >= 1");
        Checks.require(spec, dropout >= 0 && dropout < 1, "--dropout must be in [0, 1), got " + dropout);
        Checks.require(spec, epochs >= 1 && batchSize >= 1, "--epochs and --batch-size must be >= 1");
        Checks.require(spec, rate > 0 && Double.isFinite(rate), "--lr must be a positive number, got " + rate);
        Checks.require(spec, lrDecay > 0 && lrDecay <= 1, "--lr-decay must be in (0, 1], got " + lrDecay);
        Checks.require(spec, source.limit >= 0, "--limit must be >= 0 (0: all images), got " + source.limit);
        return new MnistTraining.Settings(hidden.clone(), optimizer, init, batchNorm, dropout, epochs, batchSize, rate, lrDecay, seed,
                source.dataDir, save, source.limit);
    }
}
