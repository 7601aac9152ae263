package jgrad.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;

/**
 * A synthetic table jgrad has never seen (the Java twin of tools/data/make_table.py): six numeric
 * columns on very different scales and a label {@code plan} (bronze, silver, gold) that depends on
 * them non-linearly, 5 % of labels flipped; plus a plain logistic-regression baseline.
 */
final class Tables {
    static final List<String> COLUMNS = List.of("age", "income", "tenure_months", "monthly_charges", "support_calls", "discount");
    private static final String[] PLANS = {"bronze", "silver", "gold"};

    private Tables() {}

    /** Writes {@code rows} rows drawn with {@code seed} to {@code file}. */
    static Path write(Path file, int rows, long seed) throws IOException {
        var rng = new SplittableRandom(seed);
        StringBuilder s = new StringBuilder(String.join(",", COLUMNS) + ",plan\n");
        for (int i = 0; i < rows; i++) {
            double[] z = new double[6];
            for (int j = 0; j < 6; j++) z[j] = rng.nextGaussian();
            double a = z[0] * z[1] + 0.5 * z[2];
            double b = z[3] - 0.8 * z[4] * z[4] + 0.3 * z[5];
            String plan = a > 0.3 ? "gold" : b > -0.5 ? "silver" : "bronze";
            if (rng.nextDouble() < 0.05) plan = PLANS[rng.nextInt(3)];
            s.append(String.format(Locale.ROOT, "%.4f,%.4f,%.4f,%.4f,%.4f,%.4f,%s%n", 40 + 12 * z[0], 52000 + 15000 * z[1],
                    30 + 10 * z[2], 70 + 20 * z[3], 3 + 1.5 * z[4], 0.1 + 0.04 * z[5], plan));
        }
        return Files.writeString(file, s);
    }

    /** Rows of a table written by {@link #write}: features and label indices (classes sorted by name). */
    record Rows(double[][] x, int[] y) {
        static Rows read(Path file) throws IOException {
            List<String> lines = Files.readAllLines(file);
            List<String> classes = List.of("bronze", "gold", "silver");
            double[][] x = new double[lines.size() - 1][];
            int[] y = new int[lines.size() - 1];
            for (int i = 1; i < lines.size(); i++) {
                String[] f = lines.get(i).split(",");
                x[i - 1] = new double[6];
                for (int j = 0; j < 6; j++) x[i - 1][j] = Double.parseDouble(f[j]);
                y[i - 1] = classes.indexOf(f[6]);
            }
            return new Rows(x, y);
        }
    }

    /**
     * Test accuracy of a multinomial logistic regression fitted on {@code train} (features
     * standardised with the training statistics, full-batch gradient descent in double to
     * convergence): the baseline a trained model should match or beat.
     */
    static double logisticRegressionAccuracy(Rows train, Rows test) {
        int n = train.x().length;
        int d = 6;
        int k = 3;
        double[] mean = new double[d];
        double[] std = new double[d];
        for (double[] r : train.x()) for (int j = 0; j < d; j++) mean[j] += r[j] / n;
        for (double[] r : train.x()) for (int j = 0; j < d; j++) std[j] += (r[j] - mean[j]) * (r[j] - mean[j]) / n;
        for (int j = 0; j < d; j++) std[j] = Math.sqrt(std[j]);
        double[][] w = new double[d + 1][k]; // last row: bias
        double[][] xs = standardise(train.x(), mean, std);
        for (int it = 0; it < 3000; it++) {
            double[][] g = new double[d + 1][k];
            for (int i = 0; i < n; i++) {
                double[] p = softmax(xs[i], w);
                p[train.y()[i]] -= 1;
                for (int c = 0; c < k; c++) {
                    for (int j = 0; j < d; j++) g[j][c] += xs[i][j] * p[c] / n;
                    g[d][c] += p[c] / n;
                }
            }
            for (int j = 0; j <= d; j++) for (int c = 0; c < k; c++) w[j][c] -= 0.5 * g[j][c];
        }
        double[][] ts = standardise(test.x(), mean, std);
        int right = 0;
        for (int i = 0; i < ts.length; i++) {
            double[] p = softmax(ts[i], w);
            int best = 0;
            for (int c = 1; c < k; c++) if (p[c] > p[best]) best = c;
            if (best == test.y()[i]) right++;
        }
        return (double) right / ts.length;
    }

    private static double[][] standardise(double[][] x, double[] mean, double[] std) {
        double[][] out = new double[x.length][];
        for (int i = 0; i < x.length; i++) {
            out[i] = new double[mean.length];
            for (int j = 0; j < mean.length; j++) out[i][j] = (x[i][j] - mean[j]) / std[j];
        }
        return out;
    }

    private static double[] softmax(double[] x, double[][] w) {
        int k = w[0].length;
        double[] s = new double[k];
        double max = Double.NEGATIVE_INFINITY;
        for (int c = 0; c < k; c++) {
            s[c] = w[x.length][c];
            for (int j = 0; j < x.length; j++) s[c] += x[j] * w[j][c];
            max = Math.max(max, s[c]);
        }
        double sum = 0;
        for (int c = 0; c < k; c++) sum += s[c] = Math.exp(s[c] - max);
        for (int c = 0; c < k; c++) s[c] /= sum;
        return s;
    }

    /** Lines of a file, for assertions. */
    static List<String> lines(Path file) throws IOException {
        return new ArrayList<>(Files.readAllLines(file));
    }
}
