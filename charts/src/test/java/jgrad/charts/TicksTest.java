package jgrad.charts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.util.SplittableRandom;
import org.assertj.core.data.Offset;
import org.junit.jupiter.api.Test;

class TicksTest {
    /** A label read back as a number (labels use the typographic minus sign). */
    private static double parse(String label) {
        return Double.parseDouble(label.replace('\u2212', '-'));
    }

    @Test
    void longRunsGetRoundEpochsNotEveryKthDataValue() {
        // sine-regression's 2001 epochs: XChart put ticks at 0, 38, 76, ...
        Ticks t = Ticks.linear(-40, 2040, 8, true);
        assertThat(t.values()).containsExactly(0, 500, 1000, 1500, 2000);
        assertThat(t.labels()).containsExactly("0", "500", "1000", "1500", "2000");
        assertThat(Ticks.linear(-20, 1020, 8, true).labels()).containsExactly("0", "200", "400", "600", "800", "1000");
    }

    @Test
    void decimalsHaveALeadingZeroAndTheStepsDecimals() {
        Ticks t = Ticks.linear(-0.014, 0.3, 8, false);
        assertThat(t.labels()).containsExactly("0.00", "0.05", "0.10", "0.15", "0.20", "0.25", "0.30");
        assertThat(Ticks.linear(-1.1, 1.1, 5, false).labels()).containsExactly("\u22121.0", "\u22120.5", "0.0", "0.5", "1.0");
        assertThat(Ticks.linear(0.99, 1.01, 5, false).labels()).containsExactly("0.990", "0.995", "1.000", "1.005", "1.010");
    }

    @Test
    void wholeNumberAxesNeverGetATickBetweenTwoEpochs() {
        assertThat(Ticks.linear(0.98, 2.02, 10, true).values()).containsExactly(1, 2);
        assertThat(Ticks.linear(0.5, 1.5, 10, true).values()).containsExactly(1);
        assertThat(Ticks.linear(0.98, 2.02, 10, false).values()).hasSize(6); // 1.0, 1.2, ... 2.0
    }

    @Test
    void everyStepIsOneTwoOrFiveTimesAPowerOfTenAndEveryLabelReadsBackAsItsValue() {
        var rng = new SplittableRandom(11);
        for (int trial = 0; trial < 2_000; trial++) {
            double lo = (rng.nextDouble() - 0.5) * Math.pow(10, rng.nextInt(-6, 7));
            double hi = lo + rng.nextDouble() * Math.pow(10, rng.nextInt(-5, 7)) + 1e-9;
            int max = rng.nextInt(5, 15);
            boolean integers = rng.nextBoolean() && hi - lo > 3;
            Ticks t = Ticks.linear(lo, hi, max, integers);
            String what = lo + ".." + hi + " max " + max + " -> " + t.labels();
            assertThat(t.values().length).as(what).isBetween(2, max);
            double step = t.values()[1] - t.values()[0];
            BigDecimal exact = new BigDecimal(t.labels().get(1).replace('\u2212', '-'))
                    .subtract(new BigDecimal(t.labels().get(0).replace('\u2212', '-'))).stripTrailingZeros();
            assertThat(exact.unscaledValue().intValue()).as(what).isIn(1, 2, 5);
            if (integers) assertThat(step).as(what).isGreaterThanOrEqualTo(1);
            for (int i = 0; i < t.values().length; i++) {
                double v = t.values()[i];
                assertThat(v).as(what).isBetween(lo - step * 1e-6, hi + step * 1e-6);
                Offset<Double> close = Offset.offset(step * 1e-6 + 8 * Math.ulp(v));
                assertThat(parse(t.labels().get(i))).as(what).isCloseTo(v, close);
                assertThat(t.labels().get(i)).as(what).doesNotStartWith(".").doesNotStartWith("\u2212.").doesNotContain("-");
                if (i > 0) assertThat(v - t.values()[i - 1]).as(what).isCloseTo(step, close);
            }
        }
    }

    @Test
    void logAxesLabelOneTwoAndFiveWhenTheyFit() {
        // sine-regression's error, 0.285 down to 0.000192
        Ticks t = Ticks.log(0.00013, 0.42, 12);
        assertThat(t.labels()).containsExactly("0.0002", "0.0005", "0.001", "0.002", "0.005", "0.01", "0.02", "0.05", "0.1", "0.2");
        assertThat(t.minor()).contains(0.0003, 0.004, 0.3).doesNotContain(0.001, 0.0001, 0.5);
        assertThat(Ticks.log(0.06, 0.8, 10).labels()).containsExactly("0.1", "0.2", "0.5");
        assertThat(Ticks.log(0.008, 0.3, 10).labels()).containsExactly("0.01", "0.02", "0.05", "0.1", "0.2");
    }

    @Test
    void logAxesLabelOnlyTheDecadesWhenOneTwoAndFiveAreTooMany() {
        Ticks t = Ticks.log(0.00013, 0.42, 6);
        assertThat(t.labels()).containsExactly("0.001", "0.01", "0.1");
        assertThat(t.minor()).contains(0.0002, 0.0005, 0.002, 0.3).doesNotContain(0.001, 0.0001);
        assertThat(Ticks.log(1e-5, 3, 12).labels()).containsExactly("0.00001", "0.0001", "0.001", "0.01", "0.1", "1");
        assertThat(Ticks.log(1e-8, 1e3, 12).labels())
                .containsExactly("1e\u22128", "1e\u22127", "1e\u22126", "1e\u22125", "1e\u22124", "0.001", "0.01", "0.1", "1", "10",
                        "100", "1000");
        assertThat(Ticks.log(1e-12, 1e12, 10).values()).hasSizeLessThanOrEqualTo(10).contains(1.0);
    }

    @Test
    void logAxesWithNoOneTwoOrFiveInViewGetRoundValues() {
        assertThat(Ticks.log(0.3, 0.45, 6).labels()).containsExactly("0.30", "0.35", "0.40", "0.45");
    }

    @Test
    void rejectsRangesItCannotLabel() {
        assertThatThrownBy(() -> Ticks.log(0, 1, 5)).hasMessageContaining("not positive");
        assertThatThrownBy(() -> Ticks.log(-1, 1, 5)).hasMessageContaining("not positive");
        assertThatThrownBy(() -> Ticks.linear(1, 1, 5, false)).hasMessageContaining("lo < hi");
        assertThatThrownBy(() -> Ticks.linear(0, Double.POSITIVE_INFINITY, 5, false)).hasMessageContaining("finite");
    }
}
