package jgrad.examples;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class XorTest {

    @Test
    void theTutorialsNetworkLearnsXorInFifteenHundredIterations() {
        for (long seed = 1; seed <= 5; seed++) {
            Xor.Run run = Xor.tutorial(4, 1500, 1, seed);
            assertThat(run.losses()).hasSize(1500);
            assertThat(run.losses()[1499]).as("seed %d", seed).isLessThan(0.01).isLessThan(run.losses()[0] / 50);
            for (int i = 0; i < 4; i++) {
                assertThat(run.predictions()[i]).as("seed %d, point %d", seed, i).isCloseTo(Xor.TARGETS[i], within(0.1));
            }
        }
    }

    @Test
    void printsTheFinalPredictions() {
        var log = new Cli.Captured();
        Xor.Run run = Cli.parse(new Xor()).run(log.stream);
        assertThat(log.text()).contains("net 3-4-1").contains("iteration  1499  sum of squared errors")
                .contains(String.format(java.util.Locale.ROOT, "1 xor 1 = 0   predicted %.4f", run.predictions()[3]));
    }

    @Test
    void theAutogradVariantLearnsToo() {
        for (long seed = 1; seed <= 3; seed++) {
            Xor.Run run = Xor.autograd(4, 1500, 1, seed);
            assertThat(run.losses()[1499]).as("seed %d", seed).isLessThan(0.05).isLessThan(run.losses()[0] / 10);
            for (int i = 0; i < 4; i++) {
                assertThat(run.predictions()[i] > 0.5).as("seed %d, point %d", seed, i).isEqualTo(Xor.TARGETS[i] == 1);
            }
        }
        Xor.Run untrained = Xor.autograd(4, 1, 1, 1);
        assertThat(untrained.losses()[0]).isGreaterThan(0.5); // about log 2 for an untrained net
    }

    @Test
    void drawsTheLossPerIteration(@TempDir Path dir) throws Exception {
        Cli.Ran ran = Cli.execute(new Xor(), "--iterations", "20", "--out", dir.toString());
        assertThat(ran.exitCode()).isZero();
        assertThat(Cli.pngSize(dir.resolve("xor-loss.png"))).containsExactly(800, 500);
        assertThat(dir.resolve("xor-loss.svg")).content().contains("<svg");
        assertThat(Cli.execute(new Xor(), "--engine", "numpy").exitCode()).isEqualTo(2);
    }
}
