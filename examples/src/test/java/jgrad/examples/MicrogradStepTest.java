package jgrad.examples;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MicrogradStepTest {

    @Test
    void oneStepAgainstTheGradientLowersTheOutputAsTheFirstOrderTermPredicts() {
        var log = new Cli.Captured();
        MicrogradStep.Step step = Cli.parse(new MicrogradStep()).run(log.stream);
        assertThat(step.parameters()).isEqualTo(41); // 3*4+4 + 4*4+4 + 4*1+1
        assertThat(step.sumOfSquaredGrads()).isPositive();
        double change = step.after() - step.before();
        assertThat(change).isNegative();
        // the output is piecewise quadratic in the weights: the first-order term dominates a small step
        assertThat(change).isCloseTo(step.predictedChange(0.01), within(0.1 * Math.abs(step.predictedChange(0.01))));
        assertThat(log.text()).contains("41 parameters").contains(String.format(java.util.Locale.ROOT, "out = %.6f", step.before()))
                .contains(String.format(java.util.Locale.ROOT, "out = %.6f", step.after()));
        assertThat(step.graph()).startsWith("digraph").contains("out | data").contains("grad 1.0000");
    }

    @Test
    void aLargerStepChangesTheOutputMore() {
        var quiet = new Cli.Captured();
        var small = Cli.parse(new MicrogradStep(), "--lr", "0.001").run(quiet.stream);
        var large = Cli.parse(new MicrogradStep(), "--lr", "0.01").run(quiet.stream);
        assertThat(small.before()).isEqualTo(large.before());
        assertThat(large.before() - large.after()).isGreaterThan(5 * (small.before() - small.after()));
    }

    @Test
    void drawsTheGraph(@TempDir Path dir) {
        Cli.Ran ran = Cli.execute(new MicrogradStep(), "--out", dir.toString());
        assertThat(ran.exitCode()).isZero();
        // an SVG with Graphviz, else the DOT text and the reason
        Path svg = dir.resolve("micrograd-step.svg");
        if (java.nio.file.Files.exists(svg)) {
            assertThat(svg).content().contains("<svg").contains("out");
            assertThat(ran.out()).contains("wrote " + svg);
        } else {
            assertThat(dir.resolve("micrograd-step.dot")).content().startsWith("digraph");
        }
    }
}
