package jgrad.nn;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.Random;
import jgrad.tensor.Tensor;
import org.junit.jupiter.api.Test;

class InitTest {
    private static double std(Tensor t) {
        double[] v = t.toDoubleArray();
        double s = 0;
        for (double x : v) s += x * x;
        return Math.sqrt(s / v.length);
    }

    @Test
    void sameSeedGivesSameWeights() {
        assertThat(Init.heNormal(new Random(7), 30, 20).toFloatArray())
                .containsExactly(Init.heNormal(new Random(7), 30, 20).toFloatArray());
    }

    @Test
    void fansFollowPyTorch() {
        assertThat(Init.fanIn(100, 784)).isEqualTo(784);
        assertThat(Init.fanOut(100, 784)).isEqualTo(100);
        assertThat(Init.fanIn(30, 1, 5, 5)).isEqualTo(25);
        assertThat(Init.fanOut(30, 1, 5, 5)).isEqualTo(750);
    }

    @Test
    void spreadsMatchTheirFormulas() {
        var rng = new Random(1);
        assertThat(std(Init.normal(rng, 0.01, 200, 100))).isCloseTo(0.01, within(0.0005));
        assertThat(std(Init.heNormal(rng, 200, 100))).isCloseTo(Math.sqrt(2.0 / 100), within(0.005));
        assertThat(std(Init.xavierNormal(rng, 200, 100))).isCloseTo(Math.sqrt(2.0 / 300), within(0.003));
        // uniform on [-a, a) has std a / sqrt(3)
        assertThat(std(Init.xavierUniform(rng, 200, 100))).isCloseTo(Math.sqrt(6.0 / 300) / Math.sqrt(3), within(0.003));
        assertThat(std(Init.heUniform(rng, 200, 100))).isCloseTo(Math.sqrt(2.0 / 100), within(0.005));
        Tensor u = Init.torchDefault(rng, 16, 50, 16);
        for (float v : u.toFloatArray()) assertThat(Math.abs(v)).isLessThanOrEqualTo(0.25f);
        assertThat(Init.zeros(3, 2).toFloatArray()).containsOnly(0f);
    }
}
