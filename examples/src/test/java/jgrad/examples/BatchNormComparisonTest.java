package jgrad.examples;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BatchNormComparisonTest {

    @Test
    void batchNormLearnsWhereThePlainNetIsStuck() throws Exception {
        var log = new Cli.Captured();
        var curves = Cli.parse(new BatchNormComparison(), "--scales", "3", "--epochs", "10", "--train-size", "500").run(log.stream);
        assertThat(curves.stream().mapToDouble(BatchNormComparison.Curves::scale).toArray())
                .containsExactly(new double[] {1.0, 0.01, 1e-4}, within(1e-12));
        for (var c : curves) assertThat(c.plain()).hasSize(10);
        // W = 1 (exploding activations) and W = 0.01 (vanishing ones): the plain net stays near a 10 % guess,
        // the batch-normalised one learns
        for (var c : curves.subList(0, 2)) {
            assertThat(c.lastPlain()).as("W = " + c.scale()).isLessThan(0.2);
            assertThat(c.lastBatchNorm()).as("W = " + c.scale()).isGreaterThan(c.lastPlain() + 0.1);
        }
        assertThat(curves.get(1).lastBatchNorm()).isGreaterThan(0.4);
        assertThat(log.text()).contains("the first 500 training images").contains(String.format(java.util.Locale.ROOT,
                "      0.010000   %6.1f%% / %6.1f%%", 100 * curves.get(1).lastPlain(), 100 * curves.get(1).lastBatchNorm()));
    }

    @Test
    void logspaceIsTheBooks() {
        assertThat(BatchNormComparison.logspace(16)[1]).isCloseTo(0.5411695265464637, within(1e-15)); // np.logspace(0, -4, num=16)[1]
        assertThat(BatchNormComparison.logspace(16)[15]).isCloseTo(1e-4, within(1e-18));
    }

    @Test
    void drawsAPanelPerScale(@TempDir Path dir) {
        Cli.Ran ran = Cli.execute(new BatchNormComparison(), "--scales", "2", "--epochs", "2", "--train-size", "200", "--limit", "200",
                "--out", dir.toString());
        assertThat(ran.exitCode()).as(ran.err()).isZero();
        assertThat(ran.out()).contains("wrote " + dir.resolve("batch-norm.png")).contains("wrote " + dir.resolve("batch-norm.svg"));
        assertThat(dir.resolve("batch-norm.svg")).content().contains("<svg");
    }
}
