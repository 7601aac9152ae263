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

    @Test
    void circlesLieOnTwoRadiiWithoutNoise() {
        var p = ToyData.circles(11, 0, 0.5, new SplittableRandom(2));
        int inner = 0;
        for (int i = 0; i < p.size(); i++) {
            double r = Math.hypot(p.x()[i][0], p.x()[i][1]);
            assertThat(r).isCloseTo(p.y()[i] == 0 ? 1.0 : 0.5, org.assertj.core.data.Offset.offset(1e-12));
            inner += p.y()[i];
        }
        assertThat(inner).isEqualTo(6);
        assertThatThrownBy(() -> ToyData.circles(10, 0, 1.0, new SplittableRandom(1)))
                .hasMessageContaining("factor");
    }

    @Test
    void spiralsHaveOneArmPerClassGrowingOutward() {
        var p = ToyData.spirals(50, 3, 0, new SplittableRandom(3));
        assertThat(p.size()).isEqualTo(150);
        for (int i = 0; i < 150; i++) {
            assertThat(p.y()[i]).isEqualTo(i / 50);
            double r = (i % 50) / 49.0;
            assertThat(Math.hypot(p.x()[i][0], p.x()[i][1])).isCloseTo(r, org.assertj.core.data.Offset.offset(1e-12));
        }
        // without noise, arm c at radius 1 sits at angle 4c + 4
        double t = 4 * 1 + 4;
        assertThat(p.x()[99][0]).isCloseTo(Math.sin(t), org.assertj.core.data.Offset.offset(1e-12));
    }

    @Test
    void xorAndSineBoundaryLabelByPosition() {
        var xor = ToyData.xor(500, 0, new SplittableRandom(4));
        var sine = ToyData.sineBoundary(500, 0, new SplittableRandom(4));
        int ones = 0;
        for (int i = 0; i < 500; i++) {
            double[] q = xor.x()[i];
            assertThat(xor.y()[i]).isEqualTo(q[0] * q[1] < 0 ? 1 : 0);
            double[] s = sine.x()[i];
            assertThat(sine.y()[i]).isEqualTo(s[1] > Math.sin(s[0]) ? 1 : 0);
            assertThat(s[0]).isBetween(-Math.PI, Math.PI);
            ones += xor.y()[i];
        }
        assertThat(ones).isBetween(200, 300); // both classes well represented
        assertThat(ToyData.xor(50, 0.1, new SplittableRandom(9)).x())
                .isDeepEqualTo(ToyData.xor(50, 0.1, new SplittableRandom(9)).x());
    }

    @Test
    void sineCurveSamplesTheFunction() {
        var c = ToyData.sine(101, 0, new SplittableRandom(5));
        assertThat(c.x()[0]).isEqualTo(-Math.PI);
        assertThat(c.x()[100]).isEqualTo(Math.PI);
        for (int i = 0; i < 101; i++) assertThat(c.y()[i]).isEqualTo(Math.sin(c.x()[i]));
        var noisy = ToyData.sine(101, 0.1, new SplittableRandom(5));
        assertThat(noisy.y()).isNotEqualTo(c.y());
        var ds = noisy.toDataset();
        assertThat(ds.classes()).isZero();
        assertThat(ds.targetShape()).containsExactly(1);
        float[] t = new float[1];
        ds.copyTarget(7, t, 0);
        assertThat(t[0]).isEqualTo((float) noisy.y()[7]);
    }

    @Test
    void pointsBecomeALabelledDataset() {
        var p = ToyData.moons(10, 0.1, new SplittableRandom(6));
        var ds = p.toDataset();
        assertThat(ds.size()).isEqualTo(10);
        assertThat(ds.classes()).isEqualTo(2);
        assertThat(ds.featureShape()).containsExactly(2);
        float[] f = new float[3];
        ds.copyFeatures(4, f, 1);
        assertThat(f).containsExactly(0f, (float) p.x()[4][0], (float) p.x()[4][1]);
        assertThat(ds.label(4)).isEqualTo(p.y()[4]);
        assertThatThrownBy(() -> ds.copyTarget(0, f, 0)).isInstanceOf(UnsupportedOperationException.class);
    }
}
