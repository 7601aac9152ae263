package jgrad.examples;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class OptimizerComparisonTest {
    /**
     * The book's optimizers (ch06/optimizer_compare_naive.py with common/optimizer.py, RMSprop at lr 0.1
     * added) run for 30 updates from (-7, 2) in NumPy 2.4.6, float64: the end points.
     */
    private static final Map<String, double[]> BOOK_ENDS = Map.of(
            "SGD", new double[] {-0.3503929957523197, 0.0847823165504322},
            "Momentum", new double[] {0.896413858493733, 0.08808560171506971},
            "AdaGrad", new double[] {-0.12016232231416045, 2.486389893984459e-17},
            "RMSProp", new double[] {-0.6974203096807907, 1.4834621508315574e-08},
            "Adam", new double[] {0.13600685239498186, 0.31824537553721943});

    @Test
    void pathsMatchTheBooksOptimizersAndMnistLossFalls() throws Exception {
        var log = new Cli.Captured();
        var r = Cli.parse(new OptimizerComparison(), "--iterations", "100", "--limit", "2000").run(log.stream);

        for (var path : r.paths()) {
            assertThat(path.x()).hasSize(31);
            assertThat(path.x()[0]).isEqualTo(-7);
            double[] book = BOOK_ENDS.get(path.name());
            // jgrad's Adam adds eps 1e-7 to the bias-corrected root, the book's to the raw one: 7e-6 apart after 30 steps
            double tolerance = path.name().equals("Adam") ? 1e-4 : 1e-9;
            assertThat(path.x()[30]).as(path.name()).isCloseTo(book[0], within(tolerance));
            assertThat(path.y()[30]).as(path.name()).isCloseTo(book[1], within(tolerance));
        }
        // SGD zigzags across the valley (y changes sign every step); AdaGrad ends nearest the minimum
        double[] sgdY = r.path("SGD").y();
        for (int i = 1; i < sgdY.length; i++) assertThat(Math.signum(sgdY[i])).isEqualTo(-Math.signum(sgdY[i - 1]));
        for (var path : r.paths()) assertThat(r.path("AdaGrad").endValue()).isLessThanOrEqualTo(path.endValue());

        // On MNIST every optimizer lowers the loss; the adaptive ones and momentum beat plain SGD at lr 0.01
        double sgd = Chapter6.meanOfLast(r.losses("SGD"), 50);
        for (String name : new String[] {"Momentum", "AdaGrad", "Adam"}) {
            assertThat(Chapter6.meanOfLast(r.losses(name), 50)).as(name).isLessThan(sgd);
        }
        for (double[] losses : r.losses()) assertThat(Chapter6.meanOfLast(losses, 50)).isLessThan(losses[0]);
        assertThat(log.text()).contains("  SGD      lr 0.95 ends at ( -0.3504,   0.0848)  f = 0.01333")
                .contains("final loss (mean of the last 100 iterations):")
                .contains(String.format(java.util.Locale.ROOT, "  Adam     lr 0.001 %.4f", Chapter6.meanOfLast(r.losses("Adam"), 100)));
    }

    @Test
    void smoothsAsTheBooksSmoothCurve() {
        double[] x = new double[15];
        for (int i = 0; i < x.length; i++) x[i] = i * i % 7;
        // common/util.py smooth_curve(x) in NumPy 2.4.6
        assertThat(Chapter6.smooth(x)).containsExactly(new double[] {2.164827016891044, 2.0510852209479524, 1.9695215879389028,
                1.8969796826676226, 1.896979682667623, 1.969521587938903, 2.051085220947952, 2.164827016891044, 2.0510852209479524,
                1.9695215879389028, 1.8445345087190168, 1.6665499801252723, 1.7633513546887154, 1.8152786682672126,
                1.8072651708674055}, within(1e-12));
    }

    @Test
    void drawsThePathsAndTheLossCurves(@TempDir Path dir) {
        Cli.Ran ran = Cli.execute(new OptimizerComparison(), "--iterations", "20", "--limit", "300", "--out", dir.toString());
        assertThat(ran.exitCode()).as(ran.err()).isZero();
        assertThat(ran.out()).contains("final loss (mean of the last 20 iterations):"); // a short run averages what it has
        for (String name : new String[] {"optimizers-paths", "optimizers-mnist-loss"}) {
            assertThat(ran.out()).contains("wrote " + dir.resolve(name + ".png")).contains("wrote " + dir.resolve(name + ".svg"));
            assertThat(dir.resolve(name + ".svg")).content().contains("<svg");
        }
    }
}
