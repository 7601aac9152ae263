package jgrad.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class ToyDataTest {

    @Test
    void moonsWithoutNoiseLieOnTheTwoHalfCircles() {
        var p = ToyData.moons(101, 0, new SplittableRandom(1));
        assertThat(p.size()).isEqualTo(101);
        int zeros = 0;
        for (int i = 0; i < p.size(); i++) {
            double[] q = p.x()[i];
            if (p.y()[i] == 0) {
                zeros++;
                assertThat(Math.hypot(q[0], q[1])).isCloseTo(1.0, org.assertj.core.data.Offset.offset(1e-12));
                assertThat(q[1]).isGreaterThanOrEqualTo(-1e-12);
            } else {
                assertThat(p.y()[i]).isEqualTo(1);
                assertThat(Math.hypot(q[0] - 1, q[1] - 0.5)).isCloseTo(1.0, org.assertj.core.data.Offset.offset(1e-12));
                assertThat(q[1]).isLessThanOrEqualTo(0.5 + 1e-12);
            }
        }
        assertThat(zeros).isEqualTo(50); // n / 2 on the outer moon, as sklearn
    }

    @Test
    void moonsAreShuffledAndReproducible() {
        var a = ToyData.moons(100, 0.1, new SplittableRandom(7));
        var b = ToyData.moons(100, 0.1, new SplittableRandom(7));
        var c = ToyData.moons(100, 0.1, new SplittableRandom(8));
        assertThat(a.x()).isDeepEqualTo(b.x());
        assertThat(a.y()).isEqualTo(b.y());
        assertThat(Arrays.deepEquals(a.x(), c.x())).isFalse();
        // shuffled: the labels are not the sorted 0...0 1...1 sequence
        int[] sorted = a.y().clone();
        Arrays.sort(sorted);
        assertThat(a.y()).isNotEqualTo(sorted);
    }

    @Test
    void moonsNoiseHasTheRequestedSpread() {
        var clean = ToyData.moons(20000, 0, new SplittableRandom(3));
        var noisy = ToyData.moons(20000, 0.2, new SplittableRandom(3));
        // same rng stream for the shuffle, so the points correspond one to one
        double sum = 0, sumSq = 0;
        int count = 0;
        for (int i = 0; i < clean.size(); i++) {
            for (int j = 0; j < 2; j++) {
                double d = noisy.x()[i][j] - clean.x()[i][j];
                sum += d;
                sumSq += d * d;
                count++;
            }
        }
        double mean = sum / count;
        double std = Math.sqrt(sumSq / count - mean * mean);
        assertThat(mean).isBetween(-0.01, 0.01);
        assertThat(std).isBetween(0.19, 0.21);
    }

    @Test
    void moonsRejectsNegativeCountAndNoise() {
        assertThatThrownBy(() -> ToyData.moons(-1, 0, new SplittableRandom(1)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("-1");
        assertThatThrownBy(() -> ToyData.moons(10, Double.NaN, new SplittableRandom(1)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("noise");
    }
}
