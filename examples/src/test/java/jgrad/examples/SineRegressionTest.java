package jgrad.examples;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.nio.file.Path;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SineRegressionTest {

    @Test
    void theDataIsTheBooksSixtyThreePoints() {
        double[] x = SineRegression.inputs();
        assertThat(x).hasSize(63);
        assertThat(x[62]).isCloseTo(6.2, within(1e-12));
    }

    @Test
    void aShortRunLearnsAndRecordsTheCurve() {
        var log = new Cli.Captured();
        SineRegression.Result r = Cli.parse(new SineRegression(), "--epochs", "201", "--interval", "50").run(log.stream);
        assertThat(r.errors()).hasSize(201);
        assertThat(r.errors()[0]).isGreaterThan(0.2); // about ½ mean sin² = 0.25 for a flat start
        assertThat(r.finalError()).isLessThan(r.errors()[0] / 10);
        assertThat(r.snapshots()).extracting(SineRegression.Snapshot::epoch).containsExactly(0, 50, 100, 150, 200);
        SineRegression.Snapshot last = r.snapshots().getLast();
        assertThat(last.error()).isEqualTo(r.errors()[200]);
        assertThat(last.prediction()).hasSize(63);
        double mean = 0;
        for (int i = 0; i < 63; i++) mean += 0.5 * Math.pow(last.prediction()[i] - Math.sin(r.x()[i]), 2) / 63;
        assertThat(mean).isCloseTo(last.error(), within(1e-12)); // the curve is the one the error was measured on
        assertThat(log.text()).contains("net 1-3-1").contains("engine manual").contains(
                String.format(java.util.Locale.ROOT, "epoch   200/201  error %.6f", last.error()));
    }

    @Test
    void autogradTrainsTheSameNetworkToTheSameNumbers() {
        var quiet = new Cli.Captured();
        SineRegression.Result manual = Cli.parse(new SineRegression(), "--epochs", "101").run(quiet.stream);
        SineRegression.Result autograd = Cli.parse(new SineRegression(), "--epochs", "101", "--engine", "autograd").run(quiet.stream);
        for (int e = 0; e < 101; e++) {
            assertThat(autograd.errors()[e]).as("epoch %d", e).isCloseTo(manual.errors()[e], within(1e-12 + 1e-9 * manual.errors()[e]));
        }
    }

    @Test
    void drawsTheCurvesAsAGifAndTheErrorCurve(@TempDir Path dir) throws Exception {
        Cli.Ran ran = Cli.execute(new SineRegression(), "--epochs", "3", "--interval", "2", "--out", dir.toString());
        assertThat(ran.exitCode()).isZero();
        assertThat(Cli.gifFrames(dir.resolve("sine-regression.gif"))).isEqualTo(2); // epochs 0 and 2
        assertThat(Cli.pngSize(dir.resolve("sine-regression.png"))).containsExactly(800, 500);
        assertThat(dir.resolve("sine-regression.svg")).content().contains("<svg");
        assertThat(Cli.pngSize(dir.resolve("sine-regression-error.png"))).containsExactly(800, 500);
        assertThat(ran.out()).contains("wrote " + dir.resolve("sine-regression.gif"));
        assertThat(Cli.execute(new SineRegression(), "--n-mid", "0").exitCode()).isEqualTo(2);
    }

    @Tag("slow")
    @Test
    void theBooksRunFitsTheSine() {
        var log = new Cli.Captured();
        SineRegression.Result r = Cli.parse(new SineRegression()).run(log.stream);
        assertThat(r.snapshots()).hasSize(11);
        assertThat(r.finalError()).isLessThan(1e-3);
    }
}
