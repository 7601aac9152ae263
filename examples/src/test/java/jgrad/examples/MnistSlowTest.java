package jgrad.examples;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintStream;
import jgrad.train.ConsoleProgress;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** The full-length MNIST runs with their default settings (about 10 s and 1 min); run with {@code ./jgrad test-slow}. */
@Tag("slow")
class MnistSlowTest {
    private static final PrintStream OUT = System.out;

    @Test
    void mlpReaches97PercentInTwoEpochs() throws Exception {
        var run = MnistMlp.run(MnistMlp.settings(new String[0]), ConsoleProgress.lines(OUT, 0), OUT);
        assertThat(run.testAccuracy()).isGreaterThanOrEqualTo(0.97);
    }

    @Test
    void convNetReaches98PercentInOneEpoch() throws Exception {
        var run = MnistConv.run(MnistConv.settings(new String[0]), ConsoleProgress.lines(OUT, 0), OUT);
        assertThat(run.testAccuracy()).isGreaterThanOrEqualTo(0.98);
    }

    @Test
    void twoLayerNetReachesTheCurriculumsAccuracy() throws Exception {
        var s = new TwoLayerNetMnist.Settings(10000, 50, 100, 0.1, 3, 1, null, 0);
        var run = TwoLayerNetMnist.run(s, OUT);
        assertThat(run.epochs().getLast().testAccuracy()).isGreaterThanOrEqualTo(0.96);
    }
}
