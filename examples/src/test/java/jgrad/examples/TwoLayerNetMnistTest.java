package jgrad.examples;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintStream;
import org.junit.jupiter.api.Test;

class TwoLayerNetMnistTest {

    @Test
    void backpropAgreesWithNumericalGradientsAndTrainingLearns() throws Exception {
        var s = new TwoLayerNetMnist.Settings(100, 50, 100, 0.1, 3, 1, null, 1000);
        TwoLayerNetMnist.Run run = TwoLayerNetMnist.run(s, new PrintStream(PrintStream.nullOutputStream()));

        assertThat(run.gradientDifferences().keySet()).containsExactly("W1", "b1", "W2", "b2");
        // float64 with h = 1e-4: the central-difference error is about 1e-10; a wrong backward is >> 1e-6
        run.gradientDifferences().forEach((name, diff) -> assertThat(diff).as(name).isLessThan(1e-6));

        var epochs = run.epochs();
        assertThat(epochs).hasSize(10); // 1000 / 100 = 10 iterations per epoch
        assertThat(epochs.getLast().meanLoss()).isLessThan(epochs.getFirst().meanLoss() / 2);
        // 10 classes: an untrained net is near 10 %
        assertThat(epochs.getLast().trainAccuracy()).isGreaterThan(0.6);
        assertThat(epochs.getLast().testAccuracy()).isGreaterThan(0.5);
    }
}
