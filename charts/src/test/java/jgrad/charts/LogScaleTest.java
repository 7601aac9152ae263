package jgrad.charts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.awt.image.BufferedImage;
import java.util.List;
import org.junit.jupiter.api.Test;

class LogScaleTest {
    /** y = 10^(x / 10) for x = 0..40: a straight line on a log axis, a hockey stick on a linear one. */
    private static Series exponential() {
        double[] y = new double[41];
        for (int i = 0; i < y.length; i++) y[i] = Math.pow(10, i / 10.0);
        return Series.of("error", y);
    }

    /** Per pixel column, the mean row of the pixels in the first series colour; -1 where there are none. */
    private static double[] lineRows(BufferedImage image) {
        int want = Style.color(0).getRGB() & 0xffffff;
        double[] rows = new double[image.getWidth()];
        for (int x = 0; x < image.getWidth(); x++) {
            double sum = 0;
            int n = 0;
            for (int y = 0; y < image.getHeight(); y++) {
                if ((image.getRGB(x, y) & 0xffffff) == want) {
                    sum += y;
                    n++;
                }
            }
            rows[x] = n == 0 ? -1 : sum / n;
        }
        return rows;
    }

    /** The largest distance, in pixels, of the drawn line from the straight line through its ends. */
    private static double bend(double[] rows) {
        int first = -1, last = -1;
        for (int x = 0; x < rows.length; x++) {
            if (rows[x] >= 0) {
                if (first < 0) first = x;
                last = x;
            }
        }
        assertThat(last - first).as("the line spans most of the chart").isGreaterThan(400);
        double worst = 0;
        for (int x = first + 5; x <= last - 5; x++) {
            if (rows[x] < 0) continue;
            double straight = rows[first] + (rows[last] - rows[first]) * (x - first) / (last - first);
            worst = Math.max(worst, Math.abs(rows[x] - straight));
        }
        return worst;
    }

    @Test
    void aLogAxisDrawsAnExponentialAsAStraightLine() {
        List<Series> s = List.of(exponential());
        double log = bend(lineRows(Charts.line("error", "epoch", "error", s, Scale.LOG).image()));
        double linear = bend(lineRows(Charts.line("error", "epoch", "error", s, Scale.LINEAR).image()));
        assertThat(log).as("log axis").isLessThan(4);
        assertThat(linear).as("linear axis").isGreaterThan(100);
    }

    @Test
    void zeroAndNegativeValuesAreLeftOutAndTheLegendSaysHowMany() {
        var train = new Series("train", new double[] {1, 2, 3, 4}, new double[] {0.5, 0.0, 0.05, -1});
        var test = new Series("test", new double[] {1, 2, 3, 4}, new double[] {0.6, 0.2, 0.1, 0.08});
        List<Series> drawn = XyCharts.positive("loss", List.of(train, test));
        assertThat(drawn.get(0).name()).isEqualTo("train (2 values \u2264 0 not drawn)");
        assertThat(drawn.get(0).y()).containsExactly(0.5, Double.NaN, 0.05, Double.NaN);
        assertThat(drawn.get(1)).isSameAs(test);
        Chart c = Charts.line("loss", "epoch", "loss", List.of(train, test), Scale.LOG);
        Pictures.notBlank(c.image(), "log chart with gaps");
        assertThat(train.y()).as("the caller's series is not changed").containsExactly(0.5, 0.0, 0.05, -1);
    }

    @Test
    void rejectsALogChartWithNoPositiveValue() {
        var flat = Series.of("loss", new double[] {0, 0, -0.5});
        assertThatThrownBy(() -> Charts.line("hinge loss", "epoch", "loss", List.of(flat), Scale.LOG))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("Charts.line hinge loss: a log y axis draws positive values only, and no series has one;"
                        + " use Scale.LINEAR");
        Pictures.notBlank(Charts.line("hinge loss", "epoch", "loss", List.of(flat), Scale.LINEAR).image(), "linear");
    }

    @Test
    void suggestsALogAxisForCurvesThatSpanTwoOrdersOfMagnitude() {
        assertThat(Scale.suggested(List.of(exponential()))).isEqualTo(Scale.LOG);
        assertThat(Scale.suggested(List.of(Series.of("loss", new double[] {2.3, 0.9, 0.4})))).isEqualTo(Scale.LINEAR);
        assertThat(Scale.suggested(List.of(Series.of("loss", new double[] {2.3, 0, 0.001})))).isEqualTo(Scale.LINEAR);
        assertThat(Scale.suggested(List.of(Series.of("a", new double[] {1, Double.NaN}), Series.of("b", new double[] {0.01}))))
                .isEqualTo(Scale.LOG);
    }
}
