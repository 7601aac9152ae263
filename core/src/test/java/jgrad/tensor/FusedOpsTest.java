package jgrad.tensor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.SplittableRandom;
import java.util.function.Function;
import jgrad.nn.Conv2d;
import jgrad.nn.Flatten;
import jgrad.nn.Linear;
import jgrad.nn.MaxPool2d;
import jgrad.nn.Relu;
import jgrad.nn.Sequential;
import jgrad.tensor.kernel.Parallel;
import org.junit.jupiter.api.Test;

/**
 * Fused ops against their composites (STYLE B.6.7): the same values and the same gradients, bit
 * for bit, in float32 and float64, for 1 and 2 threads.
 */
class FusedOpsTest {
    /** Output and input gradients of {@code sum(f(xs) * r)} for a fixed random {@code r}. */
    private static List<float[]> run(Function<List<Tensor>, Tensor> f, List<Tensor> inputs, long seed) {
        return run(f, inputs, y -> Tensor.randn(new SplittableRandom(seed), y.dtype(), y.shape()));
    }

    /** Output and input gradients of {@code sum(f(xs) * r)}, {@code r} made from the output {@code y}. */
    private static List<float[]> run(Function<List<Tensor>, Tensor> f, List<Tensor> inputs, Function<Tensor, Tensor> upstream) {
        List<Tensor> xs = inputs.stream().map(t -> t.copy().requiresGrad(true)).toList();
        Tensor y = f.apply(xs);
        Tensor r = upstream.apply(y);
        y.mul(r).sum().backward();
        List<float[]> out = new java.util.ArrayList<>();
        out.add(y.toFloatArray());
        for (Tensor x : xs) out.add(x.grad().toFloatArray());
        if (y.dtype() == DType.FLOAT64) { // compare float64 bits too
            out.add(floatBits(y.toDoubleArray()));
            for (Tensor x : xs) out.add(floatBits(x.grad().toDoubleArray()));
        }
        return out;
    }

    private static float[] floatBits(double[] v) {
        float[] out = new float[2 * v.length];
        for (int i = 0; i < v.length; i++) {
            long b = Double.doubleToRawLongBits(v[i]);
            out[2 * i] = Float.intBitsToFloat((int) b);
            out[2 * i + 1] = Float.intBitsToFloat((int) (b >>> 32));
        }
        return out;
    }

    private static void assertSameBits(List<float[]> a, List<float[]> b) {
        assertThat(a).hasSameSizeAs(b);
        for (int i = 0; i < a.size(); i++) {
            int[] x = new int[a.get(i).length], y = new int[b.get(i).length];
            for (int j = 0; j < x.length; j++) x[j] = Float.floatToRawIntBits(a.get(i)[j]);
            for (int j = 0; j < y.length; j++) y[j] = Float.floatToRawIntBits(b.get(i)[j]);
            assertThat(x).as("array %d", i).containsExactly(y);
        }
    }

    @Test
    void convReluMaxPoolMatchesItsPartsBitForBit() {
        record Case(int n, int c, int h, int wd, int o, int k, int stride, int padding, int pool, int poolStride, boolean bias) {}
        List<Case> cases = List.of(new Case(9, 1, 12, 12, 6, 5, 1, 0, 2, 2, true), new Case(3, 2, 9, 9, 4, 3, 2, 1, 2, 1, false),
                new Case(17, 3, 8, 8, 5, 3, 1, 1, 3, 2, true), new Case(2, 4, 5, 5, 3, 1, 1, 0, 2, 2, true),
                new Case(5, 2, 10, 10, 37, 3, 1, 0, 2, 2, true), // 37 channels: several channel vectors, the last partial
                new Case(4, 2, 10, 10, 7, 3, 1, 0, 3, 3, true), // 8x8 in 3x3 tiles: two bottom rows and right columns uncovered
                new Case(3, 1, 9, 9, 5, 2, 1, 0, 2, 3, true), // stride > kernel: gaps between windows
                // several images per chunk (chunks reuse their buffers) and a 10x13 image: 8x11 in 3x3 tiles, uncovered
                // rows and columns of different counts
                new Case(40, 1, 10, 13, 6, 3, 1, 0, 3, 3, true));
        var rng = new SplittableRandom(11);
        for (Case c : cases) {
            for (DType dtype : DType.values()) {
                Tensor x = Tensor.randn(rng, dtype, c.n(), c.c(), c.h(), c.wd());
                Tensor w = Tensor.randn(rng, dtype, c.o(), c.c(), c.k(), c.k());
                Tensor b = Tensor.randn(rng, dtype, c.o());
                List<Tensor> in = c.bias() ? List.of(x, w, b) : List.of(x, w);
                Function<List<Tensor>, Tensor> fused = t -> t.get(0).conv2dReluMaxPool(t.get(1), c.bias() ? t.get(2) : null,
                        c.stride(), c.padding(), c.pool(), c.poolStride());
                Function<List<Tensor>, Tensor> parts = t -> t.get(0).conv2d(t.get(1), c.bias() ? t.get(2) : null,
                        c.stride(), c.padding()).relu().maxPool2d(c.pool(), c.poolStride());
                List<float[]>[] results = new List[4];
                Parallel.withThreads(1, () -> results[0] = run(fused, in, 3));
                Parallel.withThreads(2, () -> results[1] = run(fused, in, 3));
                Parallel.withThreads(1, () -> results[2] = run(parts, in, 3));
                Parallel.withThreads(2, () -> results[3] = run(parts, in, 3));
                assertSameBits(results[0], results[2]);
                assertSameBits(results[1], results[2]);
                assertSameBits(results[3], results[2]);
            }
        }
    }

    @Test
    void convReluMaxPoolHandlesZerosNaNsAndNegativeWindowsLikeItsParts() {
        // Whole windows <= 0 (the fused index may differ there, but the gradient is zero either way) and exact zeros.
        float[] v = new float[2 * 6 * 6];
        var rng = new SplittableRandom(2);
        for (int i = 0; i < v.length; i++) v[i] = i % 7 == 0 ? 0f : (float) (rng.nextDouble() < 0.7 ? -rng.nextDouble() : rng.nextDouble());
        v[8] = Float.NaN;                        // NaN wins its window and passes relu's gradient
        v[45] = Float.intBitsToFloat(0xffc00000); // a NaN with its sign bit: relu's backward stops it
        Tensor x = Tensor.of(v, 2, 1, 6, 6);
        Tensor w = Tensor.of(new float[] {1}, 1, 1, 1, 1);
        List<float[]> fused = run(t -> t.get(0).conv2dReluMaxPool(t.get(1), null, 1, 0, 2, 2), List.of(x, w), 4);
        List<float[]> parts = run(t -> t.get(0).conv2d(t.get(1), null, 1, 0).relu().maxPool2d(2, 2), List.of(x, w), 4);
        assertSameBits(fused, parts);
    }

    @Test
    void convReluMaxPoolRoutesTiesInfinitiesSignedZerosAndNaNGradientsLikeItsParts() {
        // Values on a coarse grid (ties above zero too), both zeros, infinities and NaNs of both signs in x
        // and in the upstream gradient, in windows that tile the image (2x2 / 2, 3x3 / 3) and overlap (3x3 / 2).
        float[] specials = {0f, -0f, Float.POSITIVE_INFINITY, Float.NEGATIVE_INFINITY, Float.NaN, Float.intBitsToFloat(0xffc00000)};
        var rng = new SplittableRandom(9);
        for (int[] pool : new int[][] {{2, 2}, {3, 3}, {3, 2}}) {
            for (int threads = 1; threads <= 2; threads++) {
                float[] v = new float[5 * 3 * 9 * 9];
                for (int i = 0; i < v.length; i++) {
                    v[i] = rng.nextInt(12) == 0 ? specials[rng.nextInt(specials.length)] : rng.nextInt(7) - 3;
                }
                Tensor x = Tensor.of(v, 5, 3, 9, 9);
                Tensor w = Tensor.of(new float[] {1, 1, 1, 1, 1, 1}, 2, 3, 1, 1); // two channels, each x's channel sum
                Tensor b = Tensor.of(new float[] {0, 0.5f}, 2);
                long seed = rng.nextLong();
                Function<Tensor, Tensor> upstream = y -> { // the same r for both runs
                    var u = new SplittableRandom(seed);
                    float[] r = new float[(int) y.numel()];
                    for (int i = 0; i < r.length; i++) r[i] = u.nextInt(6) == 0 ? specials[u.nextInt(specials.length)] : (float) u.nextGaussian();
                    return Tensor.of(r, y.shape());
                };
                List<float[]>[] results = new List[2];
                Parallel.withThreads(threads, () -> results[0] = run(t -> t.get(0).conv2dReluMaxPool(t.get(1), t.get(2), 1, 0, pool[0], pool[1]),
                        List.of(x, w, b), upstream));
                Parallel.withThreads(threads, () -> results[1] = run(t -> t.get(0).conv2d(t.get(1), t.get(2), 1, 0).relu().maxPool2d(pool[0], pool[1]),
                        List.of(x, w, b), upstream));
                assertSameBits(results[0], results[1]);
            }
        }
    }

    @Test
    void sequentialFusesConvReluPoolWithTheSameResults() {
        var rng = new SplittableRandom(5);
        var model = new Sequential(new Conv2d(1, 4, 3, 1, 0, rng), new Relu(), new MaxPool2d(2, 2), new Flatten(),
                new Linear(4 * 5 * 5, 3, rng));
        Tensor x = Tensor.randn(rng, 6, 1, 12, 12);
        Tensor fused = model.forward(x);
        Tensor parts = x;
        for (int i = 0; i < model.size(); i++) parts = model.get(i).forward(parts);
        assertThat(fused.toFloatArray()).containsExactly(parts.toFloatArray());
        assertThat(opsBelow(fused)).contains(Conv2dReluMaxPool.class);
        assertThat(opsBelow(fused)).doesNotContain(jgrad.tensor.Relu.class, jgrad.tensor.MaxPool2d.class);
    }

    /** The op classes of the graph below {@code y}. */
    static List<Class<?>> opsBelow(Tensor y) {
        List<Class<?>> out = new java.util.ArrayList<>();
        for (Tensor t : Backprop.topologicalOrder(y)) t.creator().ifPresent(op -> out.add(op.getClass()));
        return out;
    }

    @Test
    void convReluMaxPoolRejectsAWindowLargerThanTheConvOutput() {
        assertThatThrownBy(() -> Tensor.zeros(1, 1, 4, 4).conv2dReluMaxPool(Tensor.zeros(1, 1, 3, 3), null, 1, 0, 3, 3))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("conv2dReluMaxPool")
                .hasMessageContaining("[1, 1, 2, 2]");
    }

    @Test
    void linearWithActivationMatchesItsPartsBitForBit() {
        var rng = new SplittableRandom(8);
        for (DType dtype : DType.values()) {
            for (Activation act : Activation.values()) {
                for (boolean bias : new boolean[] {true, false}) {
                    Tensor x = Tensor.randn(rng, dtype, 37, 300), w = Tensor.randn(rng, dtype, 41, 300), b = Tensor.randn(rng, dtype, 41);
                    List<Tensor> in = bias ? List.of(x, w, b) : List.of(x, w);
                    Function<List<Tensor>, Tensor> fused = t -> t.get(0).linear(t.get(1), bias ? t.get(2) : null, act);
                    Function<List<Tensor>, Tensor> parts = t -> {
                        Tensor y = t.get(0).matmulTransposed(t.get(1));
                        if (bias) y = y.add(t.get(2));
                        return switch (act) {
                            case IDENTITY -> y;
                            case RELU -> y.relu();
                            case SIGMOID -> y.sigmoid();
                            case TANH -> y.tanh();
                        };
                    };
                    List<float[]>[] results = new List[3];
                    Parallel.withThreads(1, () -> results[0] = run(fused, in, 9));
                    Parallel.withThreads(2, () -> results[1] = run(fused, in, 9));
                    Parallel.withThreads(1, () -> results[2] = run(parts, in, 9));
                    assertSameBits(results[0], results[2]);
                    assertSameBits(results[1], results[2]);
                }
            }
        }
    }

    @Test
    void sequentialFusesLinearAndActivationWithTheSameResults() {
        var rng = new SplittableRandom(6);
        var model = new Sequential(new Linear(20, 16, rng), new jgrad.nn.Sigmoid(), new Linear(16, 8, rng), new Relu(),
                new Linear(8, 4, rng), new jgrad.nn.Tanh(), new Linear(4, 3, rng));
        Tensor x = Tensor.randn(rng, 5, 20);
        Tensor fused = model.forward(x);
        Tensor parts = x;
        for (int i = 0; i < model.size(); i++) parts = model.get(i).forward(parts);
        assertThat(fused.toFloatArray()).containsExactly(parts.toFloatArray());
        assertThat(opsBelow(fused)).containsOnly(FusedLinear.class);
        assertThat(opsBelow(fused)).hasSize(4);
    }

    @Test
    void linearNamesAllThreeShapesWhenTheyDoNotFit() {
        assertThatThrownBy(() -> Tensor.zeros(2, 3).linear(Tensor.zeros(4, 5), Tensor.zeros(4), Activation.RELU))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("[2, 3]").hasMessageContaining("[4, 5]")
                .hasMessageContaining("[4]");
    }
}
