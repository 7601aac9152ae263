package jgrad.examples;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintStream;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The chapter 6 examples with their default settings (about 30 s to 1 min each on a quiet machine);
 * run with {@code ./jgrad test-slow}. The figures are the README's, measured with seed 1.
 */
@Tag("slow")
class Chapter6SlowTest {
    private static final PrintStream OUT = System.out;

    @Test
    void optimizersOnMnist() throws Exception {
        var r = Cli.parse(new OptimizerComparison()).run(OUT);
        double sgd = Chapter6.meanOfLast(r.losses("SGD"), 100); // 0.229 (the book's code: 0.200)
        assertThat(sgd).isLessThan(0.35);
        for (String name : new String[] {"Momentum", "AdaGrad", "Adam"}) {
            assertThat(Chapter6.meanOfLast(r.losses(name), 100)).as(name).isLessThan(0.1).isLessThan(sgd); // 0.075, 0.054, 0.050
        }
        assertThat(Chapter6.meanOfLast(r.losses("RMSProp"), 100)).isLessThan(sgd); // 0.168
    }

    @Test
    void weightInitOnMnist() throws Exception {
        var r = Cli.parse(new WeightInitComparison()).run(OUT);
        assertThat(Chapter6.meanOfLast(r.losses().get(0), 100)).isGreaterThan(2.29); // std 0.01: 2.301
        assertThat(Chapter6.meanOfLast(r.losses().get(1), 100)).isLessThan(0.45);    // Xavier: 0.313
        assertThat(Chapter6.meanOfLast(r.losses().get(2), 100)).isLessThan(0.35);    // He: 0.229
    }

    @Test
    void batchNormForTheBooksSixteenScales() throws Exception {
        var curves = Cli.parse(new BatchNormComparison()).run(OUT);
        assertThat(curves).hasSize(16);
        // below W = 0.1 the plain net never leaves the 10 % guess, batch norm learns at every scale
        for (var c : curves) {
            if (c.scale() < 0.05) assertThat(c.lastPlain()).as("W = " + c.scale()).isLessThan(0.2);
            assertThat(c.lastBatchNorm()).as("W = " + c.scale()).isGreaterThan(0.3);
        }
        assertThat(curves.get(7).lastBatchNorm()).isGreaterThan(0.95); // W = 0.0136: 99.9 %
    }

    @Test
    void overfittingForTwoHundredEpochs() throws Exception {
        var runs = Cli.parse(new Overfitting()).run(OUT);
        assertThat(runs.get(0).lastTrain()).isGreaterThan(0.99);      // 100 % / 75.4 %
        assertThat(runs.get(1).gap()).isLessThan(runs.get(0).gap());   // 20.7 < 24.6 points
        assertThat(runs.get(2).gap()).isLessThan(runs.get(1).gap());   // 17.1 points
        assertThat(runs.get(2).lastTrain()).isLessThan(0.9);           // 74.7 %: dropout keeps it from learning them by heart
    }
}
