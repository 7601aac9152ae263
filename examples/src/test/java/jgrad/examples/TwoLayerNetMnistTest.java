package jgrad.examples;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TwoLayerNetMnistTest {

    @Test
    void backpropAgreesWithNumericalGradientsAndTrainingLearns() throws Exception {
        var log = new Cli.Captured();
        TwoLayerNetMnist.Run run = Cli.parse(new TwoLayerNetMnist(), "--iterations", "100", "--limit", "1000").run(log.stream);

        assertThat(run.gradientDifferences().keySet()).containsExactly("W1", "b1", "W2", "b2");
        // float64 with h = 1e-4: the central-difference error is about 1e-10; a wrong backward is >> 1e-6
        run.gradientDifferences().forEach((name, diff) -> assertThat(diff).as(name).isLessThan(1e-6));
        run.autogradDifferences().forEach((name, diff) -> assertThat(diff).as(name).isLessThan(1e-12));

        var epochs = run.epochs();
        assertThat(epochs).hasSize(10); // 1000 / 100 = 10 iterations per epoch
        assertThat(epochs.getLast().meanLoss()).isLessThan(epochs.getFirst().meanLoss() / 2);
        // 10 classes: an untrained net is near 10 %
        assertThat(epochs.getLast().trainAccuracy()).isGreaterThan(0.6);
        assertThat(epochs.getLast().testAccuracy()).isGreaterThan(0.5);
        assertThat(log.text()).contains("TwoLayerNet 784-50-10 (relu").contains("backprop gradients")
                .contains(String.format(java.util.Locale.ROOT, "test accuracy %.2f%%", 100 * epochs.getLast().testAccuracy()))
                .contains("time per iteration (backprop gradient and update)");
    }

    @Test
    void autogradGivesTheSameTrainingAsBackprop() throws Exception {
        var quiet = new Cli.Captured();
        var backprop = Cli.parse(new TwoLayerNetMnist(), "--iterations", "30", "--limit", "300", "--check-samples", "1",
                "--hidden", "20").run(quiet.stream);
        var autograd = Cli.parse(new TwoLayerNetMnist(), "--iterations", "30", "--limit", "300", "--check-samples", "1",
                "--hidden", "20", "--gradient", "autograd").run(quiet.stream);
        assertThat(autograd.epochs().getLast().meanLoss()).isCloseTo(backprop.epochs().getLast().meanLoss(), within(1e-10));
    }

    @Test
    void theSigmoidNetOfChapterFourTrainsToo() throws Exception {
        var log = new Cli.Captured();
        var run = Cli.parse(new TwoLayerNetMnist(), "--activation", "sigmoid", "--iterations", "200", "--limit", "1000",
                "--lr", "0.5").run(log.stream);
        run.gradientDifferences().forEach((name, diff) -> assertThat(diff).as(name).isLessThan(1e-6));
        assertThat(run.epochs().getLast().meanLoss()).isLessThan(run.epochs().getFirst().meanLoss());
        assertThat(run.epochs().getLast().trainAccuracy()).isGreaterThan(0.3);
        assertThat(log.text()).contains("(sigmoid, jgrad.manual");
    }

    @Test
    void numericalGradientsTrainSlowlyAndSayHowSlowly() throws Exception {
        var log = new Cli.Captured();
        var cmd = Cli.parse(new TwoLayerNetMnist(), "--gradient", "numerical", "--hidden", "3", "--batch-size", "5", "--limit", "50",
                "--check-samples", "1");
        assertThat(cmd.iterations()).isEqualTo(TwoLayerNetMnist.NUMERICAL_ITERATIONS);
        var run = cmd.run(log.stream);
        assertThat(run.epochs().getLast().iteration()).isEqualTo(TwoLayerNetMnist.NUMERICAL_ITERATIONS);
        assertThat(run.millisPerIteration()).isPositive();
        assertThat(log.text()).contains("iteration 1 took").contains("iteration 2 took").contains("numerical gradients")
                .contains("at this speed the book's 10,000 iterations would take");
    }

    @Test
    void theTimeOfTheBooksRunIsSaidInAUnitItFills() {
        // 0.13 s per numerical iteration printed "would take 0 hours" before
        assertThat(TwoLayerNetMnist.roughly(0.1317 * 10_000)).isEqualTo("22 minutes");
        assertThat(TwoLayerNetMnist.roughly(61.0 * 10_000)).isEqualTo("169.4 hours");
        assertThat(TwoLayerNetMnist.roughly(4.6)).isEqualTo("5 seconds");
    }

    @Test
    void writesTheAccuracyPerEpoch(@TempDir Path dir) throws Exception {
        Cli.Ran ran = Cli.execute(new TwoLayerNetMnist(), "--iterations", "4", "--limit", "200", "--batch-size", "100",
                "--check-samples", "1", "--out", dir.toString());
        assertThat(ran.exitCode()).isZero();
        assertThat(dir.resolve("two-layer-net-accuracy.csv")).content()
                .startsWith("iteration,mean_loss,train_accuracy,test_accuracy\n2,").hasLineCount(3);
        assertThat(Cli.pngSize(dir.resolve("two-layer-net-accuracy.png"))).containsExactly(800, 500);
        assertThat(dir.resolve("two-layer-net-accuracy.svg")).content().contains("<svg");
        assertThat(Cli.execute(new TwoLayerNetMnist(), "--limit", "-1").exitCode()).isEqualTo(2);
    }
}
