package jgrad.examples;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintStream;
import org.junit.jupiter.api.Test;

class XorTest {
    private static final PrintStream QUIET = new PrintStream(PrintStream.nullOutputStream());

    @Test
    void learnsAllFourPointsAndTheLossFalls() {
        for (long seed = 1; seed <= 3; seed++) {
            Xor.Run run = Xor.train(4, 2000, 0.5, seed, QUIET);
            assertThat(run.losses()[1999]).as("seed %d", seed).isLessThan(0.05).isLessThan(run.losses()[0] / 10);
            for (int i = 0; i < 4; i++) {
                assertThat(run.predictions()[i] > 0.5).as("seed %d, point %d", seed, i).isEqualTo(Xor.TARGETS[i] == 1);
            }
        }
    }

    @Test
    void aSingleStepDoesNotSolveIt() {
        Xor.Run run = Xor.train(4, 1, 0.5, 1, QUIET);
        assertThat(run.losses()[0]).isGreaterThan(0.5); // about log 2 for an untrained net
    }
}
