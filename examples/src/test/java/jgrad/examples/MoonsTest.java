package jgrad.examples;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class MoonsTest {

    @Test
    void reachesFullTrainingAccuracyWithTheDefaultSeed() {
        var log = new ByteArrayOutputStream();
        Moons.Run run = Moons.train(Moons.DEFAULT_SEED, 100, new PrintStream(log, true, StandardCharsets.UTF_8));
        assertThat(run.finalAccuracy()).isEqualTo(1.0);
        assertThat(run.losses()[99]).isLessThan(run.losses()[0] / 10);
        assertThat(run.accuracies()[0]).isLessThan(1.0);  // it learned, it did not start there
        assertThat(log.toString(StandardCharsets.UTF_8)).contains("step   0  loss").contains("step  99  loss");
    }

    @Test
    void sameSeedGivesBitIdenticalLosses() {
        PrintStream quiet = new PrintStream(PrintStream.nullOutputStream());
        assertThat(Moons.train(3, 5, quiet).losses()).containsExactly(Moons.train(3, 5, quiet).losses());
    }
}
