package jgrad.examples;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class WeightInitComparisonTest {

    @Test
    void activationsSpreadOnlyWithTheRightScaleAndHeTrainsFastest() throws Exception {
        var log = new Cli.Captured();
        var r = Cli.parse(new WeightInitComparison(), "--iterations", "150", "--limit", "2000").run(log.stream);
        assertThat(r.activations()).hasSize(7);
        var std1 = r.activations().get(0);
        var std001 = r.activations().get(1);
        var xavier = r.activations().get(2);
        var reluSmall = r.activations().get(4);
        var he = r.activations().get(6);
        for (int l = 0; l < 5; l++) {
            // std 1: sigmoid outputs pile up at 0 and 1 (vanishing gradients)
            assertThat(std1.saturated(l)).isGreaterThan(0.3);
            // std 0.01: all near 0.5 (every unit says the same: little expressive power)
            assertThat(std001.std(l)).isLessThan(0.03);
            assertThat(std001.saturated(l)).isZero();
            // Xavier: spread out, not saturated
            assertThat(xavier.std(l)).isBetween(0.08, 0.3);
            assertThat(xavier.saturated(l)).isLessThan(0.01);
            // He keeps ReLU activations at the same scale through the layers
            assertThat(he.std(l)).isBetween(0.4, 1.5);
        }
        // std 0.01 with ReLU: the activations shrink about tenfold per layer
        assertThat(reluSmall.std(4)).isLessThan(1e-4);
        assertThat(he.saturated(0)).isNaN();

        double small = Chapter6.meanOfLast(r.losses().get(0), 100);
        double xavierLoss = Chapter6.meanOfLast(r.losses().get(1), 100);
        double heLoss = Chapter6.meanOfLast(r.losses().get(2), 100);
        assertThat(small).isCloseTo(Math.log(10), within(0.01)); // stuck at the loss of a uniform guess
        assertThat(xavierLoss).isLessThan(small);
        assertThat(heLoss).isLessThan(xavierLoss).isLessThan(1.8);
        assertThat(log.text()).contains(String.format(java.util.Locale.ROOT, "  He (√(2/n))    %.4f", heLoss))
                .contains(String.format(java.util.Locale.ROOT, "  %-26s %7.4f", "sigmoid, std 0.01", std001.std(0)));
    }

    @Test
    void drawsAHistogramFigurePerSettingAndTheLossCurves(@TempDir Path dir) {
        Cli.Ran ran = Cli.execute(new WeightInitComparison(), "--iterations", "20", "--limit", "300", "--out", dir.toString());
        assertThat(ran.exitCode()).as(ran.err()).isZero();
        for (String name : new String[] {"sigmoid-std-1", "sigmoid-std-0.01", "sigmoid-xavier", "tanh-xavier", "relu-std-0.01",
                "relu-xavier", "relu-he", "mnist-loss"}) {
            assertThat(ran.out()).contains("wrote " + dir.resolve("weight-init-" + name + ".png"));
            assertThat(dir.resolve("weight-init-" + name + ".svg")).content().contains("<svg");
        }
    }
}
