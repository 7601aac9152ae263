package jgrad.examples;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintStream;
import jgrad.train.ConsoleProgress;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The ConvNets' full runs with their default settings (measured times and accuracies in
 * docs/benchmarks.md, "Curriculum long runs"); run with {@code ./jgrad test-slow}.
 */
@Tag("slow")
class ConvNetSlowTest {
    private static final PrintStream OUT = System.out;

    @Test
    void mnistConvReaches98Point8PercentWithItsDefaults() throws Exception {
        var run = MnistConv.run(Cli.parse(new MnistConv()).settings(), ConsoleProgress.lines(OUT, 0), OUT);
        assertThat(run.testAccuracy()).isGreaterThanOrEqualTo(0.988);
    }

    @Test
    void deepConvNetReaches99Point2PercentWithItsDefaults() throws Exception {
        var run = DeepConvNet.run(Cli.parse(new DeepConvNet()).settings(), ConsoleProgress.lines(OUT, 0), OUT, null);
        assertThat(run.testAccuracy()).isGreaterThanOrEqualTo(0.992);
    }
}
