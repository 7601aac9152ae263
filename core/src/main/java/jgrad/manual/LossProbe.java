package jgrad.manual;

import java.util.function.DoubleUnaryOperator;

/**
 * {@link TwoLayerNet}'s loss for one parameter element moved by a small step, for its numerical
 * gradient: computed on plain arrays (no tensors, no graph) from the forward pass at the current
 * parameters, which is kept, recomputing only what the moved element changes. Moving {@code W1[i][j]}
 * or {@code b1[j]} changes hidden unit {@code j}'s pre-activation by {@code step·x[r][i]} (or
 * {@code step}) in each row {@code r}; only rows whose activation output then changes (a ReLU
 * held at 0 does not, nor does any row where {@code x[r][i] = 0}) get new class scores ({@code + Δh·W2[j][:]}) and a new loss term. Moving {@code W2[j][c]} or {@code b2[c]}
 * changes column {@code c} of the scores. The loss is {@code -(1/N) Σ_r log_softmax(s_r)[t_r]},
 * as {@link SoftmaxWithLoss} computes it; only the rounding of the sums differs from a full
 * forward pass (about 1e-16 relative, far below the h² error of the central difference).
 */
final class LossProbe {
    private final int n;
    private final int in;
    private final int hidden;
    private final int classes;
    private final double[] x;
    private final double[] w2;
    private final int[] t;
    private final DoubleUnaryOperator act;
    private final double[] a1;      // (n, hidden) pre-activation at the current parameters
    private final double[] h1;      // relu(a1)
    private final double[] s;       // (n, classes) scores
    private final double[] rowLoss; // loss term of each row
    private final double[] row;     // scores of one changed row
    private double baseSum;

    /** Runs the forward pass of {@code x (n, in)} at the current parameters (float64 arrays). */
    LossProbe(double[] x, int n, int[] t, double[] w1, double[] b1, double[] w2, double[] b2, DoubleUnaryOperator act) {
        this.n = n;
        this.hidden = b1.length;
        this.classes = b2.length;
        this.in = w1.length / hidden;
        this.x = x;
        this.w2 = w2;
        this.t = t;
        this.act = act;
        a1 = new double[n * hidden];
        h1 = new double[n * hidden];
        s = new double[n * classes];
        rowLoss = new double[n];
        row = new double[classes];
        for (int r = 0; r < n; r++) {
            for (int j = 0; j < hidden; j++) {
                double a = b1[j];
                for (int p = 0; p < in; p++) a += x[r * in + p] * w1[p * hidden + j];
                a1[r * hidden + j] = a;
                h1[r * hidden + j] = act.applyAsDouble(a);
            }
            for (int c = 0; c < classes; c++) {
                double sc = b2[c];
                for (int j = 0; j < hidden; j++) sc += h1[r * hidden + j] * w2[j * classes + c];
                s[r * classes + c] = sc;
            }
        }
        for (int r = 0; r < n; r++) {
            rowLoss[r] = loss(s, r * classes, t[r]);
            baseSum += rowLoss[r];
        }
    }

    /** {@code log Σ exp(s) − s[label]} of one row, shifted by its maximum. */
    private double loss(double[] scores, int off, int label) {
        double m = Double.NEGATIVE_INFINITY;
        for (int c = 0; c < classes; c++) m = Math.max(m, scores[off + c]);
        double sum = 0;
        for (int c = 0; c < classes; c++) sum += Math.exp(scores[off + c] - m);
        return m + Math.log(sum) - scores[off + label];
    }

    /** The loss with {@code W1[i][j]} moved by {@code step}, or {@code b1[j]} when {@code i < 0}. */
    double hidden(int i, int j, double step) {
        double sum = baseSum;
        for (int r = 0; r < n; r++) {
            double da = i < 0 ? step : step * x[r * in + i];
            if (da == 0) continue;
            int k = r * hidden + j;
            double dh = act.applyAsDouble(a1[k] + da) - h1[k];
            if (dh == 0) continue; // e.g. a ReLU held at 0 either way: the row is unchanged
            for (int c = 0; c < classes; c++) row[c] = s[r * classes + c] + dh * w2[j * classes + c];
            sum += loss(row, 0, t[r]) - rowLoss[r];
        }
        return sum / n;
    }

    /** The loss with {@code W2[j][c]} moved by {@code step}, or {@code b2[c]} when {@code j < 0}. */
    double output(int j, int c, double step) {
        double sum = baseSum;
        for (int r = 0; r < n; r++) {
            double ds = j < 0 ? step : step * h1[r * hidden + j];
            if (ds == 0) continue;
            System.arraycopy(s, r * classes, row, 0, classes);
            row[c] += ds;
            sum += loss(row, 0, t[r]) - rowLoss[r];
        }
        return sum / n;
    }
}
