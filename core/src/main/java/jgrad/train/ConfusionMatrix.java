package jgrad.train;

/**
 * Counts of (actual class, predicted class) pairs: row = actual, column = predicted. Built by
 * {@link Metrics#confusionMatrix} or filled with {@link #add}.
 */
public final class ConfusionMatrix {
    private final long[][] counts;

    /**
     * An empty matrix for {@code classes} classes.
     *
     * @param classes rows and columns, {@code >= 1}
     */
    public ConfusionMatrix(int classes) {
        if (classes < 1) throw new IllegalArgumentException("ConfusionMatrix: classes must be >= 1, got " + classes);
        counts = new long[classes][classes];
    }

    /**
     * Adds one count per example.
     *
     * @param actual the true class of each example
     * @param predicted the predicted class of each example, as many
     * @throws IllegalArgumentException if the arrays differ in length or a class is out of range
     */
    public void add(int[] actual, int[] predicted) {
        if (actual == null || actual.length != predicted.length) {
            throw new IllegalArgumentException("ConfusionMatrix.add: needs as many labels as predictions");
        }
        for (int i = 0; i < actual.length; i++) {
            if (actual[i] < 0 || actual[i] >= counts.length || predicted[i] < 0 || predicted[i] >= counts.length) {
                throw new IllegalArgumentException("ConfusionMatrix.add: class " + actual[i] + " / " + predicted[i]
                        + " at index " + i + " is not in 0.." + (counts.length - 1));
            }
            counts[actual[i]][predicted[i]]++;
        }
    }

    /** {@return the number of classes} */
    public int classes() {
        return counts.length;
    }

    /**
     * {@return how many examples of class {@code actual} were predicted as {@code predicted}}
     *
     * @param actual the row
     * @param predicted the column
     */
    public long count(int actual, int predicted) {
        return counts[actual][predicted];
    }

    /** {@return the total number of examples counted} */
    public long total() {
        long t = 0;
        for (long[] row : counts) for (long c : row) t += c;
        return t;
    }

    /** {@return the fraction on the diagonal (NaN when empty)} */
    public double accuracy() {
        long diag = 0;
        for (int i = 0; i < counts.length; i++) diag += counts[i][i];
        return total() == 0 ? Double.NaN : (double) diag / total();
    }

    /**
     * {@return of the examples predicted as {@code c}, the fraction that are {@code c} (NaN if none)}
     *
     * @param c a class
     */
    public double precision(int c) {
        long predicted = 0;
        for (long[] row : counts) predicted += row[c];
        return predicted == 0 ? Double.NaN : (double) counts[c][c] / predicted;
    }

    /**
     * {@return of the examples of class {@code c}, the fraction predicted as {@code c} (NaN if none)}
     *
     * @param c a class
     */
    public double recall(int c) {
        long actual = 0;
        for (long v : counts[c]) actual += v;
        return actual == 0 ? Double.NaN : (double) counts[c][c] / actual;
    }

    /** The matrix as an aligned text table, actual classes down, predicted across. */
    @Override
    public String toString() {
        int width = Math.max(4, Long.toString(total()).length() + 1);
        StringBuilder s = new StringBuilder(String.format("%-" + (width + 2) + "s", "a\\p"));
        for (int j = 0; j < counts.length; j++) s.append(String.format("%" + width + "d", j));
        s.append('\n');
        for (int i = 0; i < counts.length; i++) {
            s.append(String.format("%-" + (width + 2) + "d", i));
            for (long c : counts[i]) s.append(String.format("%" + width + "d", c));
            s.append('\n');
        }
        return s.toString();
    }
}
