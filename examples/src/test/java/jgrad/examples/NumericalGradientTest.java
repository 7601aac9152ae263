package jgrad.examples;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class NumericalGradientTest {

    @Test
    void theChaptersFigures() {
        var log = new Cli.Captured();
        NumericalGradient.Result r = Cli.parse(new NumericalGradient(), "--iterations", "3000").run(log.stream);
        assertThat(r.gradientAt34()).containsExactly(new double[] {6, 8}, within(1e-9));
        assertThat(r.gradientAt02()).containsExactly(new double[] {0, 4}, within(1e-9));
        // the book: gradient_descent(function_2, [-3.0, 4.0], lr=0.1, step_num=100) = [-6.11110793e-10, 8.14814391e-10]
        assertThat(r.path()).hasSize(101);
        assertThat(r.path().getFirst()).containsExactly(-3, 4);
        assertThat(r.end()).containsExactly(new double[] {-6.11110793e-10, 8.14814391e-10}, within(1e-17));
        assertThat(log.text()).contains("at (3, 4): (6.000000, 8.000000)").contains("at (0, 2): (0.000000, 4.000000)")
                .contains("ends at (-6.111e-10, 8.148e-10)").contains("  iteration   3000  loss");

        // trained by numerical gradients alone, the net leaves the ln 2 plateau and separates the classes
        var first = r.training().getFirst();
        var last = r.training().getLast();
        assertThat(first.loss()).isCloseTo(Math.log(2), within(1e-3));
        assertThat(last.iteration()).isEqualTo(3000);
        assertThat(last.loss()).isLessThan(first.loss() / 2);
        assertThat(last.accuracy()).isGreaterThan(0.9);
        assertThat(r.training()).extracting(NumericalGradient.Checkpoint::iteration).containsExactly(0, 1000, 2000, 3000);
    }

    @Test
    void drawsTheDescentPath(@TempDir Path dir) throws Exception {
        Cli.Ran ran = Cli.execute(new NumericalGradient(), "--iterations", "10", "--steps", "5", "--out", dir.toString());
        assertThat(ran.exitCode()).isZero();
        // a square grid (-4.5..4.5 both ways) gives a near-square picture: circles stay round
        int[] size = Cli.pngSize(dir.resolve("numerical-gradient-path.png"));
        assertThat(size[0]).isBetween(400, 1000);
        assertThat(size[1]).isCloseTo(size[0], within(60));
        assertThat(dir.resolve("numerical-gradient-path.svg")).content().contains("<svg");
        assertThat(ran.out()).contains("wrote " + dir.resolve("numerical-gradient-path.png"));
    }
}
