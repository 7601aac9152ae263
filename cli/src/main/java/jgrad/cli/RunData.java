package jgrad.cli;

import java.io.IOException;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import jgrad.data.DataSource;
import jgrad.data.Dataset;
import jgrad.data.Images;
import jgrad.data.Normalization;
import jgrad.data.TrainTestSplit;
import jgrad.model.Preprocessing;

/**
 * The data of a training run: the raw training examples, the held-out ones (MNIST's test set or
 * a seeded validation split), the class and feature names, and the preprocessing fitted on the
 * training part only. {@code train}, {@code gradcheck} and {@code graph} read data this way, so a
 * resumed run sees exactly the examples it started with.
 *
 * @param source what the data is, for messages
 * @param train the examples to train on, raw
 * @param heldOut the held-out examples, raw, or null for none
 * @param heldOutName {@code "test"}, {@code "validation"} or {@code "none"}
 * @param preprocessing what the model does to raw input, fitted on {@code train}
 */
record RunData(String source, Dataset train, Dataset heldOut, String heldOutName, List<String> classNames,
        List<String> featureNames, Preprocessing preprocessing) {
    /** MNIST's pixel mean and deviation (of the training images scaled to [0, 1]), as the examples use. */
    static final float MNIST_MEAN = 0.1307f;
    static final float MNIST_STD = 0.3081f;
    /** The validation fraction of a source without a test split when {@code --val-split} is not given. */
    static final double DEFAULT_VAL_SPLIT = 0.2;

    /**
     * Reads {@code source} and holds out examples: with {@code valSplit} NaN (not given), a source's
     * own test split or else {@link #DEFAULT_VAL_SPLIT} of the examples; with {@code valSplit > 0}
     * that fraction of the training examples, drawn with {@code seed}; with 0, nothing for a source
     * without a test split (its test split otherwise).
     *
     * @throws IOException if the data cannot be read (the message names the file)
     * @throws Failure if the data cannot be trained on (no examples, one class, nothing left to split)
     */
    static RunData load(String word, DataSource source, double valSplit, long seed) throws IOException {
        DataSource.Loaded all = source.train();
        Dataset data = all.data();
        if (data.size() == 0) throw new Failure(word + ": no examples (a CSV needs rows after its header line)");
        if (all.classNames().size() < 2) {
            throw new Failure(word + ": only one class " + all.classNames() + "; a classifier needs at least 2");
        }
        var test = source.test();
        Dataset train;
        Dataset heldOut = null;
        String heldOutName = "none";
        boolean split = valSplit > 0 || (Double.isNaN(valSplit) && test.isEmpty());
        if (split) {
            double fraction = Double.isNaN(valSplit) ? DEFAULT_VAL_SPLIT : valSplit;
            try {
                TrainTestSplit parts = TrainTestSplit.ofFraction(data, fraction, new SplittableRandom(seed));
                train = parts.train();
                heldOut = parts.test();
                heldOutName = "validation";
            } catch (IllegalArgumentException e) {
                throw new Failure("--val-split " + fraction + ": " + word + " has " + data.size()
                        + " examples, too few to hold out that fraction; give --val-split 0 for no validation");
            }
        } else {
            train = data;
            if (test.isPresent()) {
                heldOut = test.get().data();
                heldOutName = "test";
            }
        }
        return new RunData(word, train, heldOut, heldOutName, all.classNames(), all.featureNames(),
                preprocessing(source, train));
    }

    /** Per-feature standardisation for tables; one mean and deviation for images (MNIST's own for MNIST). */
    private static Preprocessing preprocessing(DataSource source, Dataset train) {
        if (source.imageFormat().isEmpty()) {
            return new Preprocessing.Tabular(train.featureSize(), Preprocessing.Scaling.of(Normalization.fit(train)));
        }
        Images.Format f = source.imageFormat().get();
        Preprocessing.Scaling scaling = source instanceof DataSource.IdxImages idx && idx.name().equals("mnist")
                ? new Preprocessing.Scaling.Global(MNIST_MEAN, MNIST_STD) : globalScaling(train);
        return new Preprocessing.Image(f.channels(), f.height(), f.width(), scaling);
    }

    /** The mean and (population) deviation of all feature values, in double precision, two passes. */
    static Preprocessing.Scaling globalScaling(Dataset d) {
        int width = d.featureSize();
        float[] row = new float[width];
        double sum = 0;
        for (int i = 0; i < d.size(); i++) {
            d.copyFeatures(i, row, 0);
            for (float v : row) sum += v;
        }
        long n = (long) d.size() * width;
        double mean = sum / n;
        double squares = 0;
        for (int i = 0; i < d.size(); i++) {
            d.copyFeatures(i, row, 0);
            for (float v : row) squares += (v - mean) * (v - mean);
        }
        double std = Math.sqrt(squares / n);
        return new Preprocessing.Scaling.Global((float) mean, std > 1e-12 ? (float) std : 1f);
    }

    /** One line: where the data is from and how many examples each part has. */
    String describe() {
        return String.format(Locale.ROOT, "%s: %,d training / %,d %s examples, %d classes%s", source, train.size(),
                heldOut == null ? 0 : heldOut.size(), heldOutName.equals("none") ? "held-out" : heldOutName,
                classNames.size(), featureNames.isEmpty() ? "" : ", " + featureNames.size() + " features");
    }
}
