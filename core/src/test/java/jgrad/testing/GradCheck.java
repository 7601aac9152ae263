package jgrad.testing;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import java.util.function.Function;
import jgrad.tensor.DType;
import jgrad.tensor.GradMode;
import jgrad.tensor.Tensor;

/**
 * Checks an op's backward against central finite differences in float64.
 *
 * <p>With a seeded random upstream gradient {@code r} (not all ones, so a backward that ignores or
 * permutes {@code gy} fails), the analytic gradient of {@code L = sum(f(x) * r)} must match
 * {@code (L(x + eps) - L(x - eps)) / 2 eps} per element within {@code atol + rtol * |numeric|}.
 * Structural checks: each gradient has its input's shape, and an input that does not require grad
 * gets none while the others still get theirs.
 */
public final class GradCheck {
    /** Default step, relative and absolute tolerance (STYLE B.6). */
    public static final double EPS = 1e-6, RTOL = 1e-5, ATOL = 1e-7;

    private GradCheck() {}

    /** Checks {@code f} at {@code inputs} (float64) with the default tolerances. */
    public static void check(Function<List<Tensor>, Tensor> f, Tensor... inputs) {
        check(f, EPS, RTOL, ATOL, inputs);
    }

    /** Checks {@code f} at {@code inputs} (float64) with the given step and tolerances. */
    public static void check(Function<List<Tensor>, Tensor> f, double eps, double rtol, double atol, Tensor... inputs) {
        for (Tensor x : inputs) {
            if (x.dtype() != DType.FLOAT64) throw new IllegalArgumentException("GradCheck needs float64 inputs, got " + x.dtype());
        }
        List<Tensor> xs = leaves(inputs, -1);
        Tensor y = f.apply(xs);
        if (!y.requiresGrad()) throw new AssertionError("output does not require grad although its inputs do");
        Tensor r = Tensor.randn(new SplittableRandom(12345), DType.FLOAT64, y.shape());
        y.backward(r);
        List<double[]> analytic = new ArrayList<>();
        for (int i = 0; i < xs.size(); i++) {
            Tensor x = xs.get(i), g = x.grad();
            if (g == null) throw new AssertionError("input " + i + " got no gradient");
            if (!Arrays.equals(g.shape(), x.shape())) {
                throw new AssertionError("input " + i + ": gradient shape " + Arrays.toString(g.shape())
                        + " != input shape " + Arrays.toString(x.shape()));
            }
            if (g.dtype() != x.dtype()) throw new AssertionError("input " + i + ": gradient dtype " + g.dtype());
            double[] num = numeric(f, xs, i, r, eps);
            Close.assertClose(g.toDoubleArray(), num, rtol, atol, "input " + i + " gradient vs finite differences ");
            analytic.add(g.toDoubleArray());
        }
        // The same graph with input 0 as a constant: it must get no gradient, the others unchanged.
        if (xs.size() > 1) {
            List<Tensor> ys = leaves(inputs, 0);
            Tensor y2 = f.apply(ys);
            if (y2.requiresGrad()) {
                y2.backward(r);
                if (ys.get(0).grad() != null) throw new AssertionError("input 0 does not require grad but got a gradient");
                for (int i = 1; i < ys.size(); i++) {
                    Close.assertClose(ys.get(i).grad().toDoubleArray(), analytic.get(i), 1e-12, 1e-12,
                            "input " + i + " with input 0 constant ");
                }
            }
        }
    }

    private static List<Tensor> leaves(Tensor[] inputs, int constant) {
        List<Tensor> xs = new ArrayList<>();
        for (int i = 0; i < inputs.length; i++) xs.add(inputs[i].copy().requiresGrad(i != constant));
        return xs;
    }

    private static double[] numeric(Function<List<Tensor>, Tensor> f, List<Tensor> xs, int i, Tensor r, double eps) {
        double[] data = xs.get(i).doubleData(); // live: perturb in place, restore after
        double[] g = new double[data.length];
        try (var ignored = GradMode.off()) {
            for (int j = 0; j < data.length; j++) {
                double keep = data[j];
                data[j] = keep + eps;
                double plus = dot(f.apply(xs), r);
                data[j] = keep - eps;
                double minus = dot(f.apply(xs), r);
                data[j] = keep;
                g[j] = (plus - minus) / (2 * eps);
            }
        }
        return g;
    }

    private static double dot(Tensor y, Tensor r) {
        double[] a = y.toDoubleArray(), b = r.toDoubleArray();
        double s = 0;
        for (int k = 0; k < a.length; k++) s += a[k] * b[k];
        return s;
    }
}
