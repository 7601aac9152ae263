package jgrad.examples;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.SequencedMap;
import java.util.Map;
import java.util.function.Function;
import java.util.random.RandomGenerator;
import jgrad.charts.Pixels;
import jgrad.charts.RunReport;
import jgrad.data.Batch;
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
import jgrad.tensor.GradMode;
import jgrad.tensor.Tensor;
import jgrad.tensor.kernel.Parallel;
import jgrad.train.ConfusionMatrix;
import jgrad.train.ConsoleProgress;
import jgrad.train.LossFunction;
import jgrad.train.Metrics;
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

    /** The optimizers {@code --optimizer} accepts, with their default learning rates. */
    enum OptimizerKind {
        SGD(0.1), MOMENTUM(0.01), ADAGRAD(0.01), RMSPROP(0.001), ADAM(0.001);

        private final double defaultLr;

        OptimizerKind(double defaultLr) {
            this.defaultLr = defaultLr;
        }

        /** The learning rate used when {@code --lr} is not given (adam's depends on the example). */
        double defaultLr() {
            return defaultLr;
        }

        /** Converts {@code sgd|momentum|adagrad|rmsprop|adam}. */
        static final class Names extends LowerCaseEnum<OptimizerKind> {
            Names() { super(OptimizerKind.class); }
        }
    }

    /** The weight initialisers {@code --init} accepts. */
    enum InitKind {
        /** Normal with standard deviation 0.01. */
        NORMAL,
        /** Xavier/Glorot normal. */
        XAVIER,
        /** He/Kaiming normal, for ReLU. */
        HE;

        /** Converts {@code normal|xavier|he}. */
        static final class Names extends LowerCaseEnum<InitKind> {
            Names() { super(InitKind.class); }
        }
    }

    /**
     * The settings of a run.
     *
     * @param hidden hidden layer sizes
     * @param dropout drop probability after each hidden layer (0: none)
     * @param lrDecay factor by which the learning rate falls over the run, in equal steps after each epoch
     * @param dataDir a folder with the four IDX files, or null for the default
     * @param save where to write the trained model (safetensors), or null
     * @param limit use only the first {@code limit} training and test images (0: all)
     */
    record Settings(int[] hidden, OptimizerKind optimizer, InitKind init, boolean batchNorm, double dropout, int epochs,
            int batchSize, double lr, double lrDecay, long seed, String dataDir, Path save, int limit) {
        /** The factor applied after each epoch: {@code lrDecay^(1 / (epochs - 1))}, so the last epoch runs at {@code lr * lrDecay}. */
        double lrDecayPerEpoch() {
            return epochs > 1 ? Math.pow(lrDecay, 1.0 / (epochs - 1)) : 1;
        }
    }

    /** A new optimizer of the chosen kind over {@code params}. */
    static Optimizer optimizer(Settings s, List<? extends Tensor> params) {
        return switch (s.optimizer()) {
            case SGD -> new Sgd(params, s.lr());
            case MOMENTUM -> new Sgd(params, s.lr()).momentum(0.9);
            case ADAGRAD -> new AdaGrad(params, s.lr());
            case RMSPROP -> new RmsProp(params, s.lr());
            case ADAM -> new Adam(params, s.lr());
        };
    }

    /** An initial weight of the given shape {@code (out, in, ...)} drawn with the chosen initialiser. */
    static Tensor weight(Settings s, RandomGenerator rng, int... shape) {
        return switch (s.init()) {
            case NORMAL -> Init.normal(rng, 0.01, shape);
            case XAVIER -> Init.xavierNormal(rng, shape);
            case HE -> Init.heNormal(rng, shape);
        };
    }

    /** A fully connected layer {@code in -> out} with the chosen initial weight and a zero bias. */
    static Linear linear(Settings s, RandomGenerator rng, int in, int out) {
        return new Linear(weight(s, rng, out, in), Init.zeros(out));
    }

    /** What a run produced; {@code reportFiles} are the run report's files (empty without a report). */
    record Run(Layer model, List<TrainingEvent.EpochEnded> history, double medianStepMillis, int timedSteps,
               List<Path> reportFiles) {
        double testAccuracy() {
            return history.getLast().testAccuracy();
        }
    }

    /**
     * Loads the data ({@code featureShape} per image, e.g. {@code 784} or {@code 1, 28, 28}),
     * builds the model with {@code model} (given the settings and the random generator shared by
     * initialisation and dropout), trains and evaluates it, prints progress to {@code out} and
     * saves it if asked. With a {@code reportDir} (else null) it writes the run report there: the
     * loss and accuracy curves, the test confusion matrix, a grid of misclassified test digits and
     * {@code report.html}, rewritten after every epoch.
     */
    static Run train(String title, Settings s, int[] featureShape, Function<RandomGenerator, Layer> model,
            ConsoleProgress progress, PrintStream out, Path reportDir) throws IOException {
        // NOTE: standardising the pixels (MNIST's mean and deviation) speeds up the first epochs
        // noticeably (about 97.5 % instead of 96 % after 2 epochs of the default MLP).
        if (s.save() != null) requireWritable(s.save());
        Normalization standardise = Normalization.of(MEAN, STD);
        Dataset train = shaped(standardise.apply(MnistData.load(s.dataDir(), Mnist.Split.TRAIN, s.limit())), featureShape);
        Dataset test = shaped(standardise.apply(MnistData.load(s.dataDir(), Mnist.Split.TEST, s.limit())), featureShape);
        var rng = new ResumableRandom(s.seed());
        Layer net = model.apply(rng);
        Optimizer optimizer = optimizer(s, net.parameters());
        int parameters = net.parameters().stream().mapToInt(Tensor::numel).sum();
        out.printf(Locale.ROOT, "%s: %,d parameters, init %s%s%s%n", title, parameters, LowerCaseEnum.name(s.init()),
                s.batchNorm() ? ", batch norm" : "", s.dropout() > 0 ? ", dropout " + s.dropout() : "");
        out.printf(Locale.ROOT, "MNIST from %s: %d train / %d test images; %s lr %s%s, batch %d, %d epoch%s, seed %d, %d thread%s%n",
                MnistData.describe(s.dataDir()), train.size(), test.size(), LowerCaseEnum.name(s.optimizer()), s.lr(),
                s.lrDecay() == 1 || s.epochs() == 1 ? "" : String.format(Locale.ROOT, " (falling to x %s by the last epoch: x %.4f per epoch)",
                        s.lrDecay(), s.lrDecayPerEpoch()), s.batchSize(), s.epochs(),
                s.epochs() == 1 ? "" : "s", s.seed(), Parallel.threads(), Parallel.threads() == 1 ? "" : "s");
        var timer = new StepTimer();
        RunReport.Listener report = reportDir == null ? null : new RunReport.Listener(reportDir, title, describe(s, train, test));
        List<TrainingEvent.EpochEnded> history = new Trainer(net, LossFunction.crossEntropy(), optimizer)
                .random(rng)
                .schedule(LrSchedule.step(s.lr(), 1, s.lrDecayPerEpoch()))
                .listener(progress)
                .listener(timer)
                .listener(report == null ? event -> { } : report)
                .fit(DataLoader.shuffled(train, s.batchSize(), s.seed()), DataLoader.inOrder(test, 1000), s.epochs());
        out.printf(Locale.ROOT, "test accuracy %.2f%%%n", 100 * history.getLast().testAccuracy());
        double seconds = history.stream().mapToDouble(TrainingEvent.EpochEnded::seconds).sum();
        out.printf(Locale.ROOT, "time per epoch (evaluation included): %.1f s on average, %.1f s in all%n", seconds / history.size(), seconds);
        out.printf(Locale.ROOT, "training step (forward, backward, update, batch %d): median %.2f ms over %d steps%s%n",
                s.batchSize(), timer.medianMillis(), timer.count(), s.epochs() == 1 ? ""
                        : String.format(Locale.ROOT, ", %.2f ms in the last epoch", timer.lastEpochMedianMillis()));
        if (s.save() != null) {
            SafeTensors.save(s.save(), net.stateDict(), Map.of("architecture", net.toString(), "example", title));
            out.println("saved the model to " + s.save());
        }
        List<Path> reportFiles = List.of();
        if (report != null) {
            ConfusionMatrix confusion = Metrics.confusionMatrix(net, DataLoader.inOrder(test, 1000), test.classes());
            List<String> digits = new ArrayList<>();
            for (int k = 0; k < test.classes(); k++) digits.add(Integer.toString(k));
            reportFiles = report.finish(confusion, digits, misclassified(net, test));
        }
        return new Run(net, history, timer.medianMillis(), timer.count(), reportFiles);
    }

    /** The settings for the report's table. */
    private static SequencedMap<String, Object> describe(Settings s, Dataset train, Dataset test) {
        var m = new LinkedHashMap<String, Object>();
        m.put("data", "MNIST from " + MnistData.describe(s.dataDir()) + ": " + train.size() + " train / " + test.size() + " test images");
        m.put("hidden", Arrays.toString(s.hidden()));
        m.put("init", LowerCaseEnum.name(s.init()));
        m.put("batch norm", s.batchNorm());
        m.put("dropout", s.dropout());
        m.put("loss", "cross entropy"); // also names the report's loss axis
        m.put("optimizer", LowerCaseEnum.name(s.optimizer()));
        m.put("lr", s.lr());
        m.put("lr decay over the run", s.lrDecay());
        m.put("batch size", s.batchSize());
        m.put("epochs", s.epochs());
        m.put("seed", s.seed());
        return m;
    }

    /** The first {@link RunReport#MAX_SAMPLES} test images the model gets wrong, with their prediction. */
    static List<RunReport.Sample> misclassified(Layer net, Dataset test) {
        List<RunReport.Sample> wrong = new ArrayList<>();
        boolean training = net.isTraining();
        net.eval();
        try (var ignored = GradMode.off()) {
            int index = 0;
            for (Batch b : DataLoader.inOrder(test, 1000)) {
                Tensor p = net.forward(b.x()).softmax(1);
                int[] predicted = Metrics.predictions(p);
                float[] probability = p.toFloatArray();
                float[] x = b.x().toFloatArray();
                int width = x.length / b.size();
                int classes = probability.length / b.size();
                for (int i = 0; i < b.size() && wrong.size() < RunReport.MAX_SAMPLES; i++) {
                    if (predicted[i] == b.labels()[i]) continue;
                    Pixels image = Pixels.gray(28, 28, Arrays.copyOfRange(x, i * width, (i + 1) * width));
                    wrong.add(RunReport.Sample.ofImage("test image " + (index + i), image, b.labels()[i], predicted[i],
                            probability[i * classes + predicted[i]]));
                }
                index += b.size();
                if (wrong.size() >= RunReport.MAX_SAMPLES) break;
            }
        } finally {
            if (training) net.train();
        }
        return wrong;
    }

    /** Checks before training that {@code --save} can be written, so that a bad path does not throw the run away. */
    private static void requireWritable(Path file) throws IOException {
        if (Files.isDirectory(file)) throw new IOException("--save " + file + " is a folder; give a file name such as model.safetensors");
        Path parent = file.toAbsolutePath().getParent();
        Files.createDirectories(parent);
        if (!Files.isWritable(parent)) throw new IOException("--save " + file + ": cannot write in " + parent);
    }

    /** The per-epoch history as CSV: epoch, train loss and accuracy, test loss and accuracy, learning rate, seconds. */
    static String historyCsv(Run run) {
        var csv = new StringBuilder("epoch,train_loss,train_accuracy,test_loss,test_accuracy,lr,seconds\n");
        for (TrainingEvent.EpochEnded e : run.history()) {
            csv.append(e.epoch()).append(',').append(e.trainLoss()).append(',').append(e.trainAccuracy()).append(',')
                    .append(e.testLoss()).append(',').append(e.testAccuracy()).append(',').append(e.lr()).append(',')
                    .append(e.seconds()).append('\n');
        }
        return csv.toString();
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
