package jgrad.examples;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;
import java.util.random.RandomGenerator;
import jgrad.data.DataLoader;
import jgrad.data.Dataset;
import jgrad.data.Mnist;
import jgrad.data.Normalization;
import jgrad.io.SafeTensors;
import jgrad.nn.Init;
import jgrad.nn.Layer;
import jgrad.nn.Linear;
import jgrad.optim.AdaGrad;
import jgrad.optim.Adam;
import jgrad.optim.LrSchedule;
import jgrad.optim.Optimizer;
import jgrad.optim.RmsProp;
import jgrad.optim.Sgd;
import jgrad.tensor.Tensor;
import jgrad.tensor.kernel.Parallel;
import jgrad.train.ConsoleProgress;
import jgrad.train.LossFunction;
import jgrad.train.ResumableRandom;
import jgrad.train.Trainer;
import jgrad.train.TrainingEvent;

/**
 * What the {@code mnist} and {@code mnist-conv} examples share: their options, the optimizer and
 * initialiser choices, loading the data, training with {@link Trainer}, timing the steps and
 * saving the model.
 */
final class MnistTraining {
    private MnistTraining() {}

    /** Mean of MNIST's training pixels (scaled to [0, 1]), used to standardise the input. */
    static final double MEAN = 0.1307;
    /** Standard deviation of MNIST's training pixels (scaled to [0, 1]). */
    static final double STD = 0.3081;

    /** Options taking a value. */
    static final List<String> OPTIONS = List.of("hidden", "optimizer", "init", "dropout", "epochs", "batch-size", "lr",
            "lr-decay", "seed", "data-dir", "save", "limit");
    /** Options without a value. */
    static final List<String> FLAGS = List.of("batch-norm");

    /** The optimizers {@code --optimizer} accepts, with their default learning rates. */
    static final Map<String, Double> DEFAULT_LR = new LinkedHashMap<>();

    static {
        DEFAULT_LR.put("sgd", 0.1);
        DEFAULT_LR.put("momentum", 0.01);
        DEFAULT_LR.put("adagrad", 0.01);
        DEFAULT_LR.put("rmsprop", 0.001);
        DEFAULT_LR.put("adam", 0.001);
    }

    /** Weight initialisers {@code --init} accepts. */
    static final List<String> INITS = List.of("normal", "xavier", "he");

    /**
     * The settings of a run.
     *
     * @param hidden hidden layer sizes
     * @param init {@code normal} (std 0.01), {@code xavier} or {@code he}
     * @param dropout drop probability after each hidden layer (0: none)
     * @param lrDecay factor applied to the learning rate after each epoch
     * @param dataDir a folder with the four IDX files, or null for the default
     * @param save where to write the trained model (safetensors), or null
     * @param limit use only the first {@code limit} training and test images (0: all)
     */
    record Settings(int[] hidden, String optimizer, String init, boolean batchNorm, double dropout, int epochs,
            int batchSize, double lr, double lrDecay, long seed, String dataDir, Path save, int limit) {}

    /**
     * Reads the settings from the command line, with the example's defaults; {@code adamLr} is
     * the default learning rate of Adam, {@code lrDecay} the default factor per epoch.
     */
    static Settings parse(String example, String[] args, int[] hidden, String optimizer, int epochs, double adamLr,
            double lrDecay) {
        var o = new Options(example, args, OPTIONS, FLAGS);
        String opt = o.string("optimizer", optimizer);
        if (!DEFAULT_LR.containsKey(opt)) {
            throw new IllegalArgumentException(example + ": --optimizer must be one of " + String.join("|", DEFAULT_LR.keySet())
                    + ", got '" + opt + "'");
        }
        String init = o.string("init", "xavier");
        if (!INITS.contains(init)) {
            throw new IllegalArgumentException(example + ": --init must be one of " + String.join("|", INITS) + ", got '" + init + "'");
        }
        var s = new Settings(o.integers("hidden", hidden), opt, init, o.has("batch-norm"), o.number("dropout", 0),
                o.integer("epochs", epochs), o.integer("batch-size", 100), o.number("lr", opt.equals("adam") ? adamLr : DEFAULT_LR.get(opt)), o.number("lr-decay", lrDecay),
                o.longInteger("seed", 1), o.string("data-dir", null),
                o.has("save") ? Path.of(o.string("save", "")) : null, o.integer("limit", 0));
        if (s.hidden().length == 0 || Arrays.stream(s.hidden()).anyMatch(h -> h < 1)) {
            throw new IllegalArgumentException(example + ": --hidden sizes must be >= 1");
        }
        if (!(s.dropout() >= 0 && s.dropout() < 1)) throw new IllegalArgumentException(example + ": --dropout must be in [0, 1)");
        if (s.epochs() < 1 || s.batchSize() < 1 || !(s.lr() > 0) || !(s.lrDecay() > 0) || s.limit() < 0) {
            throw new IllegalArgumentException(example + ": need --epochs >= 1, --batch-size >= 1, --lr > 0, --lr-decay > 0, --limit >= 0");
        }
        return s;
    }

    /** A new optimizer of the chosen kind over {@code params}. */
    static Optimizer optimizer(Settings s, List<? extends Tensor> params) {
        return switch (s.optimizer()) {
            case "sgd" -> new Sgd(params, s.lr());
            case "momentum" -> new Sgd(params, s.lr()).momentum(0.9);
            case "adagrad" -> new AdaGrad(params, s.lr());
            case "rmsprop" -> new RmsProp(params, s.lr());
            case "adam" -> new Adam(params, s.lr());
            default -> throw new IllegalArgumentException("unknown optimizer " + s.optimizer());
        };
    }

    /** An initial weight of the given shape {@code (out, in, ...)} drawn with the chosen initialiser. */
    static Tensor weight(Settings s, RandomGenerator rng, int... shape) {
        return switch (s.init()) {
            case "normal" -> Init.normal(rng, 0.01, shape);
            case "xavier" -> Init.xavierNormal(rng, shape);
            case "he" -> Init.heNormal(rng, shape);
            default -> throw new IllegalArgumentException("unknown init " + s.init());
        };
    }

    /** A fully connected layer {@code in -> out} with the chosen initial weight and a zero bias. */
    static Linear linear(Settings s, RandomGenerator rng, int in, int out) {
        return new Linear(weight(s, rng, out, in), Init.zeros(out));
    }

    /** What a run produced. */
    record Run(Layer model, List<TrainingEvent.EpochEnded> history, double medianStepMillis, int timedSteps) {
        double testAccuracy() {
            return history.getLast().testAccuracy();
        }
    }

    /**
     * Loads the data ({@code featureShape} per image, e.g. {@code 784} or {@code 1, 28, 28}),
     * builds the model with {@code model} (given the settings and the random generator shared by
     * initialisation and dropout), trains and evaluates it, prints progress to {@code out} and
     * saves it if asked.
     */
    static Run train(String title, Settings s, int[] featureShape, Function<RandomGenerator, Layer> model,
            ConsoleProgress progress, PrintStream out) throws IOException {
        // NOTE: standardising the pixels (MNIST's mean and deviation) speeds up the first epochs
        // noticeably (about 97.5 % instead of 96 % after 2 epochs of the default MLP).
        Normalization standardise = Normalization.of(MEAN, STD);
        Dataset train = shaped(standardise.apply(MnistData.load(s.dataDir(), Mnist.Split.TRAIN, s.limit())), featureShape);
        Dataset test = shaped(standardise.apply(MnistData.load(s.dataDir(), Mnist.Split.TEST, s.limit())), featureShape);
        var rng = new ResumableRandom(s.seed());
        Layer net = model.apply(rng);
        Optimizer optimizer = optimizer(s, net.parameters());
        int parameters = net.parameters().stream().mapToInt(Tensor::numel).sum();
        out.printf(Locale.ROOT, "%s: %,d parameters, init %s%s%s%n", title, parameters, s.init(),
                s.batchNorm() ? ", batch norm" : "", s.dropout() > 0 ? ", dropout " + s.dropout() : "");
        out.printf(Locale.ROOT, "MNIST from %s: %d train / %d test images; %s lr %s (x %s per epoch), batch %d, %d epoch%s, seed %d, %d thread%s%n",
                MnistData.describe(s.dataDir()), train.size(), test.size(), s.optimizer(), s.lr(), s.lrDecay(), s.batchSize(), s.epochs(),
                s.epochs() == 1 ? "" : "s", s.seed(), Parallel.threads(), Parallel.threads() == 1 ? "" : "s");
        var timer = new StepTimer();
        List<TrainingEvent.EpochEnded> history = new Trainer(net, LossFunction.crossEntropy(), optimizer)
                .random(rng)
                .schedule(LrSchedule.step(s.lr(), 1, s.lrDecay()))
                .listener(progress)
                .listener(timer)
                .fit(DataLoader.shuffled(train, s.batchSize(), s.seed()), DataLoader.inOrder(test, 1000), s.epochs());
        out.printf(Locale.ROOT, "test accuracy %.2f%%%n", 100 * history.getLast().testAccuracy());
        out.printf(Locale.ROOT, "training step (forward, backward, update, batch %d): median %.2f ms over %d steps%s%n",
                s.batchSize(), timer.medianMillis(), timer.count(), s.epochs() == 1 ? ""
                        : String.format(Locale.ROOT, ", %.2f ms in the last epoch", timer.lastEpochMedianMillis()));
        if (s.save() != null) {
            SafeTensors.save(s.save(), net.stateDict(), Map.of("architecture", net.toString(), "example", title));
            out.println("saved the model to " + s.save());
        }
        return new Run(net, history, timer.medianMillis(), timer.count());
    }

    /** {@code data} with features of {@code shape} (no extra view when they already are). */
    private static Dataset shaped(Dataset data, int[] shape) {
        return Arrays.equals(data.featureShape(), shape) ? data : data.reshape(shape);
    }

    /**
     * Times training steps from one {@link TrainingEvent.BatchEnded} to the next within an epoch,
     * so that the test evaluation between epochs is not counted.
     */
    static final class StepTimer implements java.util.function.Consumer<TrainingEvent> {
        private final List<Long> nanos = new ArrayList<>();
        private int lastEpochStart;
        private long last;

        @Override
        public void accept(TrainingEvent event) {
            long now = System.nanoTime();
            switch (event) {
                case TrainingEvent.EpochStarted e -> {
                    lastEpochStart = nanos.size();
                    last = now;
                }
                case TrainingEvent.BatchEnded b -> {
                    nanos.add(now - last);
                    last = now;
                }
                default -> { }
            }
        }

        /** The number of steps timed. */
        int count() {
            return nanos.size();
        }

        /** The number of steps of the last epoch. */
        int lastEpochCount() {
            return nanos.size() - lastEpochStart;
        }

        /** The median step time in milliseconds over all steps (NaN before any step). */
        double medianMillis() {
            return median(0);
        }

        /** The median step time in milliseconds over the last epoch, after the JIT compiler has warmed up. */
        double lastEpochMedianMillis() {
            return median(lastEpochStart);
        }

        private double median(int from) {
            if (nanos.size() <= from) return Double.NaN;
            long[] t = nanos.subList(from, nanos.size()).stream().mapToLong(Long::longValue).sorted().toArray();
            return t[t.length / 2] / 1e6;
        }
    }
}
