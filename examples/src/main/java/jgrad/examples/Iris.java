package jgrad.examples;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.concurrent.Callable;
import jgrad.charts.RunReport;
import jgrad.data.ArrayDataset;
import jgrad.data.Csv;
import jgrad.data.DataDir;
import jgrad.data.DataLoader;
import jgrad.data.Dataset;
import jgrad.data.Normalization;
import jgrad.data.TrainTestSplit;
import jgrad.nn.Layer;
import jgrad.nn.Linear;
import jgrad.nn.Relu;
import jgrad.nn.Sequential;
import jgrad.optim.Sgd;
import jgrad.train.ConfusionMatrix;
import jgrad.train.LossFunction;
import jgrad.train.Metrics;
import jgrad.train.Trainer;
import jgrad.train.TrainingEvent;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * Softmax classification of Fisher's iris flowers ({@code data/iris.csv}, 150 rows, 4 features,
 * 3 species): a seeded shuffle splits the rows into train and test, features are standardised
 * with the training set's mean and deviation, and a linear layer (softmax regression) or a small
 * MLP is trained with cross entropy and SGD with momentum. Prints loss and train/test accuracy
 * per epoch, then the test confusion matrix.
 */
@Command(name = "iris", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
        description = "softmax + cross entropy on data/iris.csv: seeded split, standardised, accuracy per epoch, confusion matrix",
        footerHeading = "%nExample:%n", footer = "  ./jgrad example iris --hidden 8 --epochs 50")
public final class Iris implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    Output output;

    @Option(names = "--hidden", defaultValue = "0", description = "0: softmax regression 4-3; else an MLP 4-H-3 with ReLU (default: ${DEFAULT-VALUE})")
    int hidden;

    @Option(names = "--epochs", defaultValue = "30", description = "passes over the training rows (default: ${DEFAULT-VALUE})")
    int epochs;

    @Option(names = "--batch-size", defaultValue = "10", description = "rows per SGD step (default: ${DEFAULT-VALUE})")
    int batchSize;

    @Option(names = "--lr", defaultValue = "0.05", description = "learning rate of SGD with momentum 0.9 (default: ${DEFAULT-VALUE})")
    double lr;

    @Option(names = "--test", defaultValue = "30", description = "rows held out for testing (default: ${DEFAULT-VALUE})")
    int testRows;

    @Option(names = "--seed", defaultValue = "1", description = "seed of the split, the weights and the batches (default: ${DEFAULT-VALUE})")
    long seed;

    @Option(names = "--file", paramLabel = "CSV", description = "another CSV with a species column (default: iris.csv in the data folder)")
    Path file;

    /** The settings of a run. */
    record Settings(int hidden, int epochs, int batchSize, double lr, int testRows, long seed, Path file) {}

    /** Per-epoch history, the final test accuracy and the test confusion matrix (with the class names). */
    record Run(List<TrainingEvent.EpochEnded> history, ConfusionMatrix confusion, List<String> classNames) {
        double testAccuracy() {
            return history.getLast().testAccuracy();
        }
    }

    /** Loads, splits, standardises and trains; prints progress to {@code out}. */
    static Run train(Settings s, PrintStream out) throws IOException {
        ArrayDataset all = Csv.load(s.file(), "species");
        int n = all.size();
        if (s.testRows() < 1 || s.testRows() >= n) {
            throw new IllegalArgumentException("iris: --test must be in 1.." + (n - 1) + ", got " + s.testRows());
        }
        var rng = new SplittableRandom(s.seed());
        var split = TrainTestSplit.of(all, s.testRows(), rng);
        Normalization norm = Normalization.fit(split.train());
        Dataset train = norm.apply(split.train());
        Dataset test = norm.apply(split.test());
        int features = all.featureSize();
        int classes = all.classes();
        Layer model = s.hidden() == 0 ? new Sequential(new Linear(features, classes, rng))
                : new Sequential(new Linear(features, s.hidden(), rng), new Relu(), new Linear(s.hidden(), classes, rng));
        out.printf(Locale.ROOT, "iris: %d train / %d test rows, %d features standardised, classes %s%n",
                train.size(), test.size(), features, all.classNames());
        out.printf(Locale.ROOT, "model %s, cross entropy, SGD lr %s momentum 0.9, batch %d, %d epochs, seed %d%n",
                s.hidden() == 0 ? "softmax regression " + features + "-" + classes
                        : "MLP " + features + "-" + s.hidden() + "-" + classes, s.lr(), s.batchSize(), s.epochs(), s.seed());
        var optimizer = new Sgd(model.parameters(), s.lr()).momentum(0.9);
        var history = new Trainer(model, LossFunction.crossEntropy(), optimizer)
                .listener(event -> {
                    if (event instanceof TrainingEvent.EpochEnded e) {
                        out.printf(Locale.ROOT, "epoch %3d  loss %.4f  train accuracy %6.2f%%  test accuracy %6.2f%%%n",
                                e.epoch(), e.trainLoss(), 100 * e.trainAccuracy(), 100 * e.testAccuracy());
                    }
                })
                .fit(DataLoader.shuffled(train, s.batchSize(), s.seed()), DataLoader.inOrder(test, test.size()), s.epochs());
        ConfusionMatrix confusion = Metrics.confusionMatrix(model, DataLoader.inOrder(test, test.size()), classes);
        out.println("test confusion matrix (rows: actual, columns: predicted):");
        for (int c = 0; c < classes; c++) out.printf("  %d = %s%n", c, all.classNames().get(c));
        out.print(confusion);
        return new Run(history, confusion, all.classNames());
    }

    /** The settings the options give. */
    Settings settings() {
        Checks.require(spec, hidden >= 0 && epochs >= 1 && batchSize >= 1, "need --hidden >= 0, --epochs >= 1, --batch-size >= 1");
        Checks.require(spec, lr > 0 && Double.isFinite(lr), "--lr must be a positive number, got " + lr);
        return new Settings(hidden, epochs, batchSize, lr, testRows, seed, file != null ? file : DataDir.root().resolve("iris.csv"));
    }

    @Override
    public Integer call() throws IOException {
        PrintStream out = output.stream();
        Run run = train(settings(), out);
        out.printf(Locale.ROOT, "final test accuracy %.2f%%%n", 100 * run.testAccuracy());
        var csv = new StringBuilder("epoch,train_loss,train_accuracy,test_accuracy\n");
        for (TrainingEvent.EpochEnded e : run.history()) {
            csv.append(e.epoch()).append(',').append(e.trainLoss()).append(',').append(e.trainAccuracy()).append(',')
                    .append(e.testAccuracy()).append('\n');
        }
        out.println("wrote " + output.write("iris-history.csv", csv.toString()));
        Settings s = settings();
        var table = new java.util.LinkedHashMap<String, Object>();
        table.put("data", s.file() + ", " + s.testRows() + " rows held out for testing, standardised");
        table.put("model", s.hidden() == 0 ? "softmax regression" : "MLP with " + s.hidden() + " hidden ReLU units");
        table.put("loss", "cross entropy"); // also names the report's loss axis
        table.put("optimizer", "SGD, momentum 0.9, lr " + s.lr());
        table.put("batch size", s.batchSize());
        table.put("epochs", s.epochs());
        table.put("seed", s.seed());
        var data = RunReport.Data.of("iris", table, run.history()).withConfusion(run.confusion(), run.classNames());
        for (Path p : RunReport.write(output.folder(), data)) out.println("wrote " + p);
        return 0;
    }
}
