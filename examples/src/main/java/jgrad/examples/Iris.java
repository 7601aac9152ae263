package jgrad.examples;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
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

/**
 * Softmax classification of Fisher's iris flowers ({@code data/iris.csv}, 150 rows, 4 features,
 * 3 species): a seeded shuffle splits the rows into train and test, features are standardised
 * with the training set's mean and deviation, and a linear layer (softmax regression) or a small
 * MLP is trained with cross entropy and SGD with momentum. Prints loss and train/test accuracy
 * per epoch, then the test confusion matrix.
 *
 * <p>Options: {@code --hidden 0} (0: softmax regression 4-3; else 4-H-3 with ReLU),
 * {@code --epochs 30}, {@code --batch-size 10}, {@code --lr 0.05}, {@code --test 30} (rows held
 * out), {@code --seed 1}, {@code --file} (another CSV with a {@code species} column).
 */
public final class Iris {
    private Iris() {}

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

    /** Runs the example. */
    public static void main(String[] args) throws IOException {
        var o = new Options("iris", args, List.of("hidden", "epochs", "batch-size", "lr", "test", "seed", "file"));
        var s = new Settings(o.integer("hidden", 0), o.integer("epochs", 30), o.integer("batch-size", 10),
                o.number("lr", 0.05), o.integer("test", 30), o.longInteger("seed", 1),
                o.has("file") ? Path.of(o.string("file", "")) : DataDir.root().resolve("iris.csv"));
        if (s.hidden() < 0 || s.epochs() < 1 || s.batchSize() < 1 || !(s.lr() > 0)) {
            throw new IllegalArgumentException("iris: need --hidden >= 0, --epochs >= 1, --batch-size >= 1, --lr > 0");
        }
        Run run = train(s, System.out);
        System.out.printf(Locale.ROOT, "final test accuracy %.2f%%%n", 100 * run.testAccuracy());
    }
}
