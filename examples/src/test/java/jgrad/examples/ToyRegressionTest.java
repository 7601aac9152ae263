package jgrad.examples;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintStream;
import jgrad.scalar.Neuron;
import org.junit.jupiter.api.Test;

class ToyRegressionTest {
    private final PrintStream quiet = new PrintStream(PrintStream.nullOutputStream());

    @Test
    void lossFallsOnBothDataSets() {
        for (ToyRegression.DataSet data : ToyRegression.DATA) {
            ToyRegression.Fit fit = ToyRegression.train(data, data.defaultSizes(), Neuron.Activation.RELU, 0.01, 1000, 1, quiet);
            assertThat(fit.finalLoss()).as("data set %s", data.name()).isLessThan(fit.initialLoss() / 20).isLessThan(0.05);
            for (int i = 0; i < data.y().length; i++) {
                assertThat(Math.round(fit.predictions()[i])).as("prediction %d", i).isEqualTo((long) data.y()[i]);
            }
        }
    }

    @Test
    void learnsWithTanhHiddenLayersToo() {
        ToyRegression.DataSet data = ToyRegression.DATA.get(0);
        ToyRegression.Fit fit = ToyRegression.train(data, new int[] {4, 4, 1}, Neuron.Activation.TANH, 0.01, 1000, 2, quiet);
        assertThat(fit.finalLoss()).isLessThan(fit.initialLoss() / 2);
    }
}
