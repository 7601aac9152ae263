package jgrad.examples;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.random.RandomGenerator;
import java.util.stream.Collectors;
import jgrad.nn.BatchNorm1d;
import jgrad.nn.Dropout;
import jgrad.nn.Layer;
import jgrad.nn.Relu;
import jgrad.nn.Sequential;
import jgrad.train.ConsoleProgress;

/**
 * An MLP on MNIST with {@code jgrad.nn} and {@link jgrad.train.Trainer}: 784-100-10 with ReLU by
 * default, each hidden layer optionally followed by batch normalisation (before the ReLU) and
 * dropout (after it). The default, Adam (lr 0.003, times 0.2 after each epoch) with Xavier initialisation for 2 epochs, reaches about 97 %
 * test accuracy in a few seconds.
 *
 * <p>Options: {@code --hidden 100} (comma-separated for several layers, e.g. {@code 100,50}),
 * {@code --optimizer sgd|momentum|adagrad|rmsprop|adam}, {@code --init normal|xavier|he} (default xavier;
 * {@code normal}: std 0.01), {@code --batch-norm}, {@code --dropout P}, {@code --epochs 2},
 * {@code --batch-size 100}, {@code --lr} (default per optimizer: sgd 0.1, momentum 0.01,
 * adagrad 0.01, rmsprop 0.001, adam 0.003), {@code --lr-decay 0.2} (factor per epoch), {@code --seed 1}, {@code --data-dir DIR} (else
 * {@code JGRAD_DATA}, else the bundled MNIST; Fashion-MNIST in the same format works),
 * {@code --save model.safetensors}, {@code --limit N} (first N training and test images only).
 */
public final class MnistMlp {
    private MnistMlp() {}

    /** The default hidden layer sizes. */
    static final int[] DEFAULT_HIDDEN = {100};

    /** Parses {@code args} with this example's defaults. */
    static MnistTraining.Settings settings(String[] args) {
        return MnistTraining.parse("mnist", args, DEFAULT_HIDDEN, "adam", 2, 0.003, 0.2);
    }

    /** The network for the given settings: {@code 784 -> hidden... -> 10}. */
    static Layer model(MnistTraining.Settings s, RandomGenerator rng) {
        List<Layer> layers = new ArrayList<>();
        int in = 784;
        for (int h : s.hidden()) {
            layers.add(MnistTraining.linear(s, rng, in, h));
            if (s.batchNorm()) layers.add(new BatchNorm1d(h));
            layers.add(new Relu());
            if (s.dropout() > 0) layers.add(new Dropout(s.dropout(), rng));
            in = h;
        }
        layers.add(MnistTraining.linear(s, rng, in, 10));
        return new Sequential(layers.toArray(Layer[]::new));
    }

    /** Trains with the given settings, printing to standard output with {@code progress}. */
    static MnistTraining.Run run(MnistTraining.Settings s, ConsoleProgress progress, java.io.PrintStream out) throws IOException {
        String sizes = Arrays.stream(s.hidden()).mapToObj(Integer::toString).collect(Collectors.joining("-"));
        return MnistTraining.train("MLP 784-" + sizes + "-10 (ReLU)", s, new int[] {784}, rng -> model(s, rng), progress, out);
    }

    /** Runs the example. */
    public static void main(String[] args) throws IOException {
        run(settings(args), ConsoleProgress.auto(), System.out);
    }
}
