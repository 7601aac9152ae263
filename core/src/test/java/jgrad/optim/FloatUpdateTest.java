package jgrad.optim;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Random;
import java.util.function.Function;
import java.util.stream.Stream;
import jgrad.tensor.Tensor;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The float32 update loops ({@code updateFloat}) of SGD, AdaGrad and RMSProp give bit for bit the
 * numbers of the rule written on doubles ({@code update}) applied to widened values and rounded
 * back, step after step. (Adam and AdamW compute float32 parameters in float32, as PyTorch does:
 * OptimizerGoldenTest checks them against PyTorch's float32 optimizers.)
 */
class FloatUpdateTest {
    static Stream<Arguments> optimizers() {
        List<Function<List<Tensor>, Optimizer>> makers = List.of(
                ps -> new Sgd(ps, 0.1),
                ps -> new Sgd(ps, 0.05).weightDecay(1e-2),
                ps -> new Sgd(ps, 0.05).momentum(0.9).dampening(0.1).weightDecay(1e-3),
                ps -> new Sgd(ps, 0.05).nesterov(0.9),
                ps -> new AdaGrad(ps, 0.1).weightDecay(1e-2),
                ps -> new RmsProp(ps, 0.01),
                ps -> new RmsProp(ps, 0.01).momentum(0.9).weightDecay(1e-2));
        return makers.stream().map(m -> Arguments.of(m));
    }

    @ParameterizedTest
    @MethodSource("optimizers")
    void floatLoopMatchesTheDoubleRuleBitForBit(Function<List<Tensor>, Optimizer> make) {
        var rng = new Random(11);
        int n = 37;
        float[] init = new float[n];
        for (int j = 0; j < n; j++) init[j] = (float) rng.nextGaussian();
        init[3] = 0f;
        init[4] = -0f;
        Tensor p = Tensor.of(init, n).requiresGrad(true);
        Optimizer fast = make.apply(List.of(p));
        Tensor q = Tensor.of(init, n).requiresGrad(true);
        Optimizer reference = make.apply(List.of(q));
        float[] values = q.floatData();
        for (int step = 0; step < 5; step++) {
            float[] g = new float[n];
            for (int j = 0; j < n; j++) g[j] = (float) rng.nextGaussian();
            g[5] = -0f;
            // the fast path: step() hands float32 parameters to updateFloat
            p.zeroGrad();
            p.mul(Tensor.of(g, n)).sum().backward();
            assertThat(p.grad().floatData()).containsExactly(g);
            fast.step();
            // the reference: the double rule on widened copies, rounded back
            double[] pd = new double[n];
            double[] gd = new double[n];
            for (int j = 0; j < n; j++) {
                pd[j] = values[j];
                gd[j] = g[j];
            }
            reference.update(0, pd, gd, n);
            for (int j = 0; j < n; j++) values[j] = (float) pd[j];

            float[] got = p.floatData();
            for (int j = 0; j < n; j++) {
                assertThat(Float.floatToRawIntBits(got[j])).as("step %d, element %d", step, j)
                        .isEqualTo(Float.floatToRawIntBits(values[j]));
            }
        }
        assertThat(fast.stateDict().keySet()).isEqualTo(reference.stateDict().keySet());
        for (var e : reference.stateDict().entrySet()) {
            assertThat(fast.stateDict().get(e.getKey()).toDoubleArray()).as(e.getKey()).containsExactly(e.getValue().toDoubleArray());
        }
    }

    @org.junit.jupiter.api.Test
    void adamSplitsLargeParametersWithTheSameBitsForOneToFourThreads() {
        var rng = new Random(12);
        int n = 100_003; // above Adam's one-thread limit: 8 chunks, the last short
        float[] init = new float[n], g = new float[n];
        for (int j = 0; j < n; j++) {
            init[j] = (float) rng.nextGaussian();
            g[j] = (float) rng.nextGaussian();
        }
        float[] one = null;
        for (int threads = 1; threads <= 4; threads++) {
            Tensor p = Tensor.of(init.clone(), n).requiresGrad(true);
            Optimizer adam = new Adam(List.of(p), 0.01);
            float[][] out = new float[1][];
            jgrad.tensor.kernel.Parallel.withThreads(threads, () -> {
                for (int step = 0; step < 3; step++) {
                    p.zeroGrad();
                    p.mul(Tensor.of(g, n)).sum().backward();
                    adam.step();
                }
                out[0] = p.floatData().clone();
            });
            if (one == null) one = out[0];
            else assertThat(out[0]).as("%d threads", threads).isEqualTo(one);
        }
    }
}
