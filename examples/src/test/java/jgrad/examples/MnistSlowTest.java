package jgrad.examples;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintStream;
import jgrad.train.ConsoleProgress;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** The full-length MNIST runs with their default settings (about 10 s to a few minutes); run with {@code ./jgrad test-slow}. */
@Tag("slow")
class MnistSlowTest {
    private static final PrintStream OUT = System.out;

    private static MnistTraining.Run mlp(String... args) throws Exception {
        return MnistMlp.run(MnistExamplesTest.mlpSettings(args), ConsoleProgress.lines(OUT, 0), OUT);
    }

    @Test
    void mlpReaches97PercentInTwoEpochs() throws Exception {
        assertThat(mlp().testAccuracy()).isGreaterThanOrEqualTo(0.97);
    }

    @Test
    void theReadmesShowcaseBeatsTheDefault() throws Exception {
        var run = mlp("--hidden", "200,100", "--init", "he", "--batch-norm", "--dropout", "0.2", "--epochs", "5"); // 98.03 %
        assertThat(run.testAccuracy()).isGreaterThan(0.98);
    }

    @Test
    void twoLayerNetReachesTheCurriculumsAccuracy() throws Exception {
        var run = Cli.parse(new TwoLayerNetMnist()).run(OUT);
        assertThat(run.epochs().getLast().testAccuracy()).isGreaterThanOrEqualTo(0.96);
    }
}
