package jgrad.examples;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.function.Consumer;
import java.util.function.IntConsumer;
import java.util.function.IntToDoubleFunction;
import java.util.random.RandomGenerator;
import jgrad.charts.Series;
import jgrad.data.Batch;
import jgrad.data.DataLoader;
import jgrad.data.Dataset;
import jgrad.nn.BatchNorm1d;
import jgrad.nn.Init;
import jgrad.nn.Layer;
import jgrad.nn.Linear;
import jgrad.nn.Losses;
import jgrad.nn.Relu;
import jgrad.nn.Sequential;
import jgrad.optim.Optimizer;
import jgrad.tensor.Tensor;
import jgrad.train.Metrics;

/**
 * What the chapter 6 examples of ゼロから作るDeep Learning share ({@code optimizers},
 * {@code weight-init}, {@code batch-norm}, {@code overfitting}): the book's {@code MultiLayerNet}
 * (784 - 100 x n - 10, ReLU) built from {@code jgrad.nn}, its mini-batches drawn at random with
 * replacement ({@code np.random.choice(train_size, batch_size)}), one training step, the two
 * training loops (nets side by side per iteration; epochs measured after their first iteration),
 * the accuracy and the book's {@code smooth_curve}.
 */
final class Chapter6 {
    private Chapter6() {}

    /** The book's "Xavier" scale, {@code 1 / sqrt(n)} for {@code n} inputs (its {@code 'sigmoid'} setting). */
    static final IntToDoubleFunction XAVIER = n -> 1 / Math.sqrt(n);
    /** The book's "He" scale, {@code sqrt(2 / n)} for {@code n} inputs (its {@code 'relu'} setting). */
    static final IntToDoubleFunction HE = n -> Math.sqrt(2.0 / n);

    /** A fixed standard deviation, whatever the number of inputs. */
    static IntToDoubleFunction std(double std) {
        return n -> std;
    }

    /**
     * The book's {@code MultiLayerNet(Extend)}: {@code hiddenLayers} hidden layers of 100 units,
     * each Affine, then batch normalisation if asked (book: momentum 0.9, eps 1e-6, here as
     * PyTorch's momentum 0.1), ReLU, then the book's dropout ({@link BookDropout}) if {@code dropout > 0};
     * a last Affine to 10 classes.
     * Each weight {@code (out, in)} is {@code std(in) * randn}; biases are zero.
     */
    static Sequential reluNet(int hiddenLayers, IntToDoubleFunction std, boolean batchNorm, double dropout, RandomGenerator rng) {
        List<Layer> layers = new ArrayList<>();
        int in = 784;
        for (int i = 0; i < hiddenLayers; i++) {
            layers.add(new Linear(Init.normal(rng, std.applyAsDouble(in), 100, in), Init.zeros(100)));
            if (batchNorm) layers.add(new BatchNorm1d(100, 0.1, 1e-6));
            layers.add(new Relu());
            if (dropout > 0) layers.add(new BookDropout(dropout, rng));
            in = 100;
        }
        layers.add(new Linear(Init.normal(rng, std.applyAsDouble(in), 10, in), Init.zeros(10)));
        return new Sequential(layers.toArray(Layer[]::new));
    }

    /** {@code size} examples of {@code data} drawn uniformly with replacement, as the book's {@code np.random.choice}. */
    static Batch sample(Dataset data, int size, RandomGenerator rng) {
        int f = data.featureSize();
        float[] x = new float[size * f];
        int[] labels = new int[size];
        for (int i = 0; i < size; i++) {
            int k = rng.nextInt(data.size());
            data.copyFeatures(k, x, i * f);
            labels[i] = data.label(k);
        }
        return new Batch(Tensor.of(x, size, f), labels, null);
    }

    /** One step on {@code batch} (mean cross entropy, backward, every optimizer's update); returns the loss. */
    static double step(Layer net, List<Optimizer> optimizers, Batch batch) {
        Tensor loss = Losses.crossEntropy(net.forward(batch.x()), batch.labels());
        for (Optimizer o : optimizers) o.zeroGrad();
        loss.backward();
        for (Optimizer o : optimizers) o.step();
        return loss.item();
    }

    /**
     * Trains the nets side by side, net {@code k} with {@code optimizers.get(k)}, on the same
     * {@code iterations} random batches of {@code train} (drawn from seed {@code seed + 1}); prints
     * each net's loss every 500 iterations and after the last, under {@code columns} (one short
     * name per net, 9 characters at most), and returns each net's loss per iteration.
     */
    static List<double[]> sideBySide(List<Layer> nets, List<Optimizer> optimizers, List<String> columns, Dataset train,
            int batchSize, int iterations, long seed, PrintStream out) {
        List<double[]> losses = new ArrayList<>();
        for (int k = 0; k < nets.size(); k++) losses.add(new double[iterations]);
        var header = new StringBuilder("  iteration");
        for (String c : columns) header.append(String.format(Locale.ROOT, " %9s", c));
        out.println(header + "   (loss, cross entropy)");
        var batches = new SplittableRandom(seed + 1);
        for (int it = 0; it < iterations; it++) {
            Batch b = sample(train, batchSize, batches);
            for (int k = 0; k < nets.size(); k++) losses.get(k)[it] = step(nets.get(k), List.of(optimizers.get(k)), b);
            if (it % 500 == 0 || it == iterations - 1) {
                var row = new StringBuilder(String.format(Locale.ROOT, "  %9d", it));
                for (double[] l : losses) row.append(String.format(Locale.ROOT, " %9.4f", l[it]));
                out.println(row);
            }
        }
        return losses;
    }

    /**
     * The book's epochs on few images: {@code epochs} epochs of {@code perEpoch} iterations, each
     * iteration {@code step} on a random batch of {@code train} (drawn from seed {@code seed + 1}),
     * and {@code measure.accept(epoch)} after each epoch's first iteration, as the book measures.
     */
    static void epochs(Dataset train, int batchSize, int perEpoch, int epochs, long seed, Consumer<Batch> step,
            IntConsumer measure) {
        var batches = new SplittableRandom(seed + 1);
        for (int i = 0, epoch = 0; epoch < epochs; i++) {
            step.accept(sample(train, batchSize, batches));
            if (i % perEpoch == 0) measure.accept(epoch++);
        }
    }

    /** {@return {@code losses} smoothed by {@link #smooth}, against the iteration, as a chart series} */
    static Series smoothedLoss(String name, double[] losses) {
        double[] y = smooth(losses);
        double[] x = new double[y.length];
        for (int i = 0; i < x.length; i++) x[i] = i;
        return new Series(name, x, y);
    }

    /** The fraction of {@code data} the net classifies right, in evaluation mode. */
    static double accuracy(Layer net, Dataset data) {
        return Metrics.accuracy(net, DataLoader.inOrder(data, 1000));
    }

    /** How many of the last iterations the printed final loss averages (all of them if fewer). */
    static final int FINAL_ITERATIONS = 100;

    /** The heading of the final-loss table of a run of {@code iterations} iterations. */
    static String finalLossHeading(int iterations) {
        return "final loss (mean of the last " + Math.min(FINAL_ITERATIONS, iterations) + " iterations):";
    }

    /** The mean of the last {@code n} values (all of them if fewer). */
    static double meanOfLast(double[] values, int n) {
        int from = Math.max(0, values.length - n);
        double sum = 0;
        for (int i = from; i < values.length; i++) sum += values[i];
        return sum / (values.length - from);
    }

    /**
     * The book's {@code smooth_curve} ({@code common/util.py}): a Kaiser window of 11 points with
     * beta 2, over the values mirrored at both ends, so the output has as many values as the input.
     */
    static double[] smooth(double[] x) {
        int len = 11, half = len / 2;
        if (x.length < len) return x.clone();
        double[] w = new double[len];
        double sum = 0;
        for (int i = 0; i < len; i++) {
            double r = 2.0 * i / (len - 1) - 1;
            w[i] = besselI0(2 * Math.sqrt(1 - r * r)) / besselI0(2);
            sum += w[i];
        }
        // s = r_[x[len-1:0:-1], x, x[-1:-len:-1]], convolved 'valid', then y[5:-5]
        int n = x.length;
        double[] s = new double[n + 2 * (len - 1)];
        for (int i = 0; i < len - 1; i++) s[i] = x[len - 1 - i];
        System.arraycopy(x, 0, s, len - 1, n);
        for (int i = 0; i < len - 1; i++) s[len - 1 + n + i] = x[n - 1 - i];
        double[] y = new double[n];
        for (int i = 0; i < n; i++) {
            double acc = 0;
            for (int j = 0; j < len; j++) acc += w[j] / sum * s[i + half + j];
            y[i] = acc;
        }
        return y;
    }

    /** The modified Bessel function of the first kind of order 0 (its power series), for the Kaiser window. */
    private static double besselI0(double x) {
        double term = 1, sum = 1, q = x * x / 4;
        for (int k = 1; k < 50; k++) {
            term *= q / ((double) k * k);
            sum += term;
        }
        return sum;
    }

    /**
     * The book's {@code Dropout} ({@code common/layers.py}): in training each element is kept with
     * probability {@code 1 - p} and not rescaled; in evaluation every element is multiplied by
     * {@code 1 - p}. {@link jgrad.nn.Dropout} (inverted dropout) has the same expectation, but
     * trains this 7-layer net much faster: without the rescaling, the signal and the gradients
     * shrink by {@code (1 - p)} per layer while training, which slows the book's run (measured on
     * 300 images, 201 epochs, p 0.15, seed 1: 73.7 % train / 60.7 % test for the book's NumPy code,
     * 74.7 % / 57.6 % with this layer, 96.3 % / 71.5 % with inverted dropout). Composite:
     * differentiated through its multiplication.
     */
    static final class BookDropout extends Layer {
        private final double p;
        private final RandomGenerator rng;

        BookDropout(double p, RandomGenerator rng) {
            this.p = p;
            this.rng = rng;
        }

        @Override
        public Tensor forward(Tensor x) {
            if (!isTraining()) return x.mul(1 - p);
            float[] mask = new float[x.numel()];
            for (int i = 0; i < mask.length; i++) mask[i] = rng.nextDouble() > p ? 1 : 0;
            return x.mul(Tensor.of(mask, x.shape()));
        }

        @Override
        protected String describe() {
            return "BookDropout(p=" + p + ")";
        }
    }
}
