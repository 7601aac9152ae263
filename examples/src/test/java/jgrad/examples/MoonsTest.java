package jgrad.examples;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintStream;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MoonsTest {
    private static final PrintStream QUIET = new PrintStream(PrintStream.nullOutputStream());

    @Test
    void reachesFullTrainingAccuracyWithTheDefaultSeedAndRecordsTheBoundary() {
        var log = new Cli.Captured();
        Moons.Run run = Cli.parse(new Moons(), "--grid", "12").run(log.stream);
        assertThat(run.finalAccuracy()).isEqualTo(1.0);
        assertThat(run.losses()[99]).isLessThan(run.losses()[0] / 10);
        assertThat(run.accuracies()[0]).isLessThan(1.0);  // it learned, it did not start there
        assertThat(log.text()).contains("step   0  loss").contains("step  99  loss").contains("final accuracy 100.0%")
                .contains("decision boundary recorded at 11 moments on a 12x12 grid");

        assertThat(run.frames()).extracting(Moons.Frame::step).containsExactly(0, 10, 20, 30, 40, 50, 60, 70, 80, 90, 100);
        assertThat(run.frames().get(3).loss()).isEqualTo(run.losses()[30]);
        assertThat(run.frames().getLast().accuracy()).isEqualTo(1.0);
        for (Moons.Frame f : run.frames()) assertThat(f.scores()).hasSize(144);
        // the boundary moves while the network learns
        assertThat(run.frames().getFirst().scores()).isNotEqualTo(run.frames().getLast().scores());
        jgrad.charts.Grid g = run.grid();
        for (double[] p : run.data().x()) {
            assertThat(p[0]).isBetween(g.xMin(), g.xMax());
            assertThat(p[1]).isBetween(g.yMin(), g.yMax());
        }
    }

    @Test
    void recordingDoesNotChangeTheTraining() {
        Moons.Run recorded = Moons.train(3, 12, 5, 8, QUIET);
        Moons.Run plain = Moons.train(3, 12, 0, 8, QUIET);
        assertThat(recorded.losses()).containsExactly(plain.losses());
        assertThat(plain.frames()).isEmpty();
        assertThat(recorded.frames()).hasSize(4); // steps 0, 5, 10 and the end
    }

    @Test
    void sameSeedGivesBitIdenticalLosses() {
        assertThat(Moons.train(3, 5, 0, 2, QUIET).losses()).containsExactly(Moons.train(3, 5, 0, 2, QUIET).losses());
    }

    @Test
    void drawsTheBoundaryAndItsGif(@TempDir Path dir) throws Exception {
        Cli.Ran ran = Cli.execute(new Moons(), "--steps", "3", "--grid", "4", "--record-every", "1", "--out", dir.toString());
        assertThat(ran.exitCode()).isZero();
        assertThat(Cli.pngSize(dir.resolve("moons-boundary.png"))).containsExactly(800, 500);
        assertThat(dir.resolve("moons-boundary.svg")).content().contains("<svg");
        assertThat(Cli.gifFrames(dir.resolve("moons-boundary.gif"))).isEqualTo(4); // steps 0, 1, 2 and the end
        assertThat(ran.out()).contains("wrote " + dir.resolve("moons-boundary.gif"));
    }
}
