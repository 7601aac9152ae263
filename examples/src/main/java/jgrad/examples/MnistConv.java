package jgrad.examples;

import java.io.IOException;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.random.RandomGenerator;
import jgrad.nn.BatchNorm1d;
import jgrad.nn.BatchNorm2d;
import jgrad.nn.Conv2d;
import jgrad.nn.Dropout;
import jgrad.nn.Flatten;
import jgrad.nn.Init;
import jgrad.nn.Layer;
import jgrad.nn.MaxPool2d;
import jgrad.nn.Relu;
import jgrad.nn.Sequential;
import jgrad.train.ConsoleProgress;

/**
 * The curriculum's SimpleConvNet on MNIST: conv 30 filters 5x5 (stride 1, no padding) - ReLU -
 * max pool 2x2 - affine 4320-100 - ReLU - affine 100-10, trained with Adam (lr 0.001, batch 100)
 * through {@link jgrad.train.Trainer}; one epoch by default, which reaches about 98 % test
 * accuracy. With {@code --batch-norm}, batch normalisation follows the convolution and the hidden
 * affine layer; {@code --dropout P} drops after the hidden ReLU.
 *
 * <p>Options as for {@code mnist} ({@link MnistMlp}), with {@code --hidden 100} the size of the
 * hidden affine layer and {@code --optimizer adam}, {@code --lr 0.001}, {@code --lr-decay 1}, {@code --epochs 1} by default.
 */
public final class MnistConv {
    private MnistConv() {}

    /** Filters of the convolution. */
    static final int FILTERS = 30;
    /** Kernel size of the convolution. */
    static final int KERNEL = 5;

    /** Parses {@code args} with this example's defaults. */
    static MnistTraining.Settings settings(String[] args) {
        var s = MnistTraining.parse("mnist-conv", args, new int[] {100}, "adam", 1, 0.001, 1);
        if (s.hidden().length != 1) throw new IllegalArgumentException("mnist-conv: --hidden takes one size");
        return s;
    }

    /** The network for the given settings. */
    static Layer model(MnistTraining.Settings s, RandomGenerator rng) {
        int pooled = FILTERS * 12 * 12; // 28 - 5 + 1 = 24, pooled 2x2 to 12
        int hidden = s.hidden()[0];
        List<Layer> layers = new ArrayList<>();
        layers.add(new Conv2d(MnistTraining.weight(s, rng, FILTERS, 1, KERNEL, KERNEL), Init.zeros(FILTERS), 1, 0));
        if (s.batchNorm()) layers.add(new BatchNorm2d(FILTERS));
        layers.add(new Relu());
        layers.add(new MaxPool2d(2, 2));
        layers.add(new Flatten());
        layers.add(MnistTraining.linear(s, rng, pooled, hidden));
        if (s.batchNorm()) layers.add(new BatchNorm1d(hidden));
        layers.add(new Relu());
        if (s.dropout() > 0) layers.add(new Dropout(s.dropout(), rng));
        layers.add(MnistTraining.linear(s, rng, hidden, 10));
        return new Sequential(layers.toArray(Layer[]::new));
    }

    /** Trains with the given settings. */
    static MnistTraining.Run run(MnistTraining.Settings s, ConsoleProgress progress, PrintStream out) throws IOException {
        return MnistTraining.train("SimpleConvNet conv " + FILTERS + "x" + KERNEL + "x" + KERNEL + " - relu - pool 2 - "
                + s.hidden()[0] + " - relu - 10", s, new int[] {1, 28, 28}, rng -> model(s, rng), progress, out);
    }

    /** Runs the example. */
    public static void main(String[] args) throws IOException {
        run(settings(args), ConsoleProgress.auto(), System.out);
    }
}
