package jgrad.tensor;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.SplittableRandom;
import jgrad.testing.Close;
import org.junit.jupiter.api.Test;

/** Broadcast binary ops and broadcastTo against a naive per-element index computation, on random shapes. */
class BroadcastingTest {
    /** Value of {@code x} at output multi-index {@code idx} under broadcasting (right-aligned, size 1 repeats). */
    private static double at(Tensor x, int[] idx) {
        int[] s = x.shape(), st = Shape.strides(s);
        int off = 0, lead = idx.length - s.length;
        for (int i = 0; i < s.length; i++) off += (s[i] == 1 ? 0 : idx[i + lead]) * st[i];
        return x.toDoubleArray()[off];
    }

    private static double[] naive(Tensor a, Tensor b, int[] out, java.util.function.DoubleBinaryOperator op) {
        double[] y = new double[Shape.numel(out)];
        int[] idx = new int[out.length];
        for (int i = 0; i < y.length; i++) {
            y[i] = op.applyAsDouble(at(a, idx), at(b, idx));
            for (int k = out.length - 1; k >= 0 && ++idx[k] == out[k]; k--) idx[k] = 0;
        }
        return y;
    }

    @Test
    void randomShapesMatchTheNaiveDefinition() {
        SplittableRandom rng = new SplittableRandom(99);
        int[] sizes = {0, 1, 1, 2, 3, 5, 6, 16, 40};
        for (int trial = 0; trial < 400; trial++) {
            int nd = rng.nextInt(5);
            int[] out = new int[nd];
            for (int i = 0; i < nd; i++) out[i] = sizes[rng.nextInt(sizes.length)];
            if (Shape.numel(out) > 20_000) continue;
            int[] sa = operand(rng, out), sb = operand(rng, out);
            DType dtype = trial % 2 == 0 ? DType.FLOAT64 : DType.FLOAT32;
            Tensor a = Tensor.randn(rng, dtype, sa), b = Tensor.rand(rng, dtype, sb).add(0.5);
            int[] expectShape = Shape.broadcast("test", sa, sb);
            String what = Arrays.toString(sa) + " with " + Arrays.toString(sb) + " (" + dtype + ") ";
            Tensor sum = a.add(b);
            assertThat(sum.shape()).as(what).isEqualTo(expectShape);
            Close.assertClose(sum.toDoubleArray(), naive(a, b, expectShape, (x, z) -> dtype == DType.FLOAT32 ? (float) (x + z) : x + z), 0, 0, what + "add ");
            Close.assertClose(a.mul(b).toDoubleArray(), naive(a, b, expectShape, (x, z) -> dtype == DType.FLOAT32 ? (float) (x * z) : x * z), 0, 0, what + "mul ");
            Close.assertClose(a.div(b).toDoubleArray(), naive(a, b, expectShape, (x, z) -> dtype == DType.FLOAT32 ? (float) (x / z) : x / z), 0, 0, what + "div ");
            Close.assertClose(a.maximum(b).toDoubleArray(), naive(a, b, expectShape, Math::max), 0, 0, what + "maximum ");
            Close.assertClose(a.broadcastTo(expectShape).toDoubleArray(), naive(a, a, expectShape, (x, z) -> x), 0, 0, what + "broadcastTo ");
        }
    }

    /** A shape that broadcasts to {@code out}: a suffix of it with some sizes set to 1. */
    private static int[] operand(SplittableRandom rng, int[] out) {
        int n = rng.nextInt(out.length + 1);
        int[] s = Arrays.copyOfRange(out, out.length - n, out.length);
        for (int i = 0; i < n; i++) if (rng.nextInt(3) == 0) s[i] = 1;
        return s;
    }
}
