package jgrad.examples;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;
import jgrad.scalar.Neuron;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ToyRegressionTest {
    private final PrintStream quiet = new PrintStream(PrintStream.nullOutputStream());
    private static final ToyRegression.Recipe FIXED = new ToyRegression.Recipe(Neuron.Activation.RELU, Neuron.Activation.LINEAR,
            ToyRegression.Update.FULL_BATCH, ToyRegression.Backward.FROM_LOSS);

    @Test
    void lossFallsOnBothDataSets() {
        for (ToyRegression.DataSet data : ToyRegression.DATA) {
            ToyRegression.Fit fit = ToyRegression.train(data, data.defaultSizes(), FIXED, 0.01, 1000, 1, quiet);
            assertThat(fit.finalLoss()).as("data set %s", data.name()).isLessThan(fit.initialLoss() / 20).isLessThan(0.05);
            assertThat(fit.fits(data.y())).isTrue();
            assertThat(fit.deadOutput()).isFalse();
        }
    }

    @Test
    void perSampleUpdatesAsTheTutorialLearnToo() {
        var log = new Cli.Captured();
        List<ToyRegression.Result> results = Cli.parse(new ToyRegression(), "--per-sample", "--epochs", "500").run(log.stream);
        for (ToyRegression.Result r : results) {
            assertThat(r.fit().finalLoss()).as(r.data().name()).isLessThan(r.fit().initialLoss() / 10);
            assertThat(r.fit().fits(r.data().y())).as(r.data().name()).isTrue();
        }
        assertThat(log.text()).contains("an update per sample").contains("  epoch  500  mean loss")
                .contains("note: unlike the tutorial, jgrad calls backward() on the loss");
    }

    @Test
    void learnsWithTanhHiddenLayersToo() {
        ToyRegression.DataSet data = ToyRegression.DATA.get(0);
        var recipe = new ToyRegression.Recipe(Neuron.Activation.TANH, Neuron.Activation.LINEAR, ToyRegression.Update.FULL_BATCH,
                ToyRegression.Backward.FROM_LOSS);
        ToyRegression.Fit fit = ToyRegression.train(data, new int[] {4, 4, 1}, recipe, 0.01, 1000, 2, quiet);
        assertThat(fit.finalLoss()).isLessThan(fit.initialLoss() / 2);
    }

    @Test
    void theTutorialsLoopAsWrittenKillsTheOutputInEverySeed() {
        var log = new Cli.Captured();
        // 200 epochs are plenty: the output is dead by epoch 100 (the README's figure uses 1000)
        List<ToyRegression.Result> results = Cli.parse(new ToyRegression(), "--literal", "--seeds", "20", "--epochs", "200",
                "--data", "1").run(log.stream);
        ToyRegression.Result r = results.getFirst();
        assertThat(r.deadSeeds()).isEqualTo(20);
        assertThat(r.fittingSeeds()).isZero();
        assertThat(r.fit().predictions()).containsOnly(0.0);
        assertThat(r.fit().finalLoss()).isEqualTo(0.5); // (1² + 0 + 1² + 0) / 4
        assertThat(log.text()).contains("backward() from the PREDICTION, ReLU output")
                .contains("output ReLU dead after training (0 for all 4 inputs, no gradient) in 20 of 20 seeds");
    }

    @Test
    void rejectsBadOptionsAndDrawsTheLossCurves(@TempDir Path dir) throws Exception {
        assertThat(Cli.execute(new ToyRegression(), "--data", "3").exitCode()).isEqualTo(2);
        assertThat(Cli.execute(new ToyRegression(), "--sizes", "4,4,2", "--data", "1").exitCode()).isEqualTo(2);
        assertThat(Cli.execute(new ToyRegression(), "--sizes", "4,1").exitCode()).isEqualTo(2); // needs one data set
        assertThat(Cli.execute(new ToyRegression(), "--activation", "linear").exitCode()).isEqualTo(2);
        Cli.Ran ran = Cli.execute(new ToyRegression(), "--epochs", "10", "--out", dir.toString());
        assertThat(ran.exitCode()).isZero();
        assertThat(Cli.pngSize(dir.resolve("toy-regression-loss.png"))).containsExactly(800, 500);
        assertThat(dir.resolve("toy-regression-loss.svg")).content().contains("<svg");
        assertThat(ran.out()).contains("wrote " + dir.resolve("toy-regression-loss.png"));
    }
}
