package jgrad.examples;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SineClassificationTest {

    @Test
    void theGridAndItsClasses() {
        SineClassification.Result r = Cli.parse(new SineClassification(), "--epochs", "1").run(new Cli.Captured().stream);
        assertThat(r.points().length).isEqualTo(441);
        assertThat(SineClassification.axis()[20]).isCloseTo(1.0, org.assertj.core.api.Assertions.within(1e-12));
        int below = 0;
        for (int i = 0; i < 441; i++) {
            double[] p = r.points()[i];
            assertThat(r.labels()[i]).isEqualTo(p[1] < Math.sin(Math.PI * p[0]) ? 1 : 0);
            below += r.labels()[i];
        }
        assertThat(below).isBetween(180, 260); // about half the grid lies below the curve
    }

    @Test
    void aShortRunLearnsTheBoundary() {
        var log = new Cli.Captured();
        SineClassification.Result r = Cli.parse(new SineClassification(), "--epochs", "31").run(log.stream);
        assertThat(r.snapshots()).extracting(SineClassification.Snapshot::epoch).containsExactly(0, 10, 20, 30);
        assertThat(r.errors()[30]).isLessThan(r.errors()[0] / 2);
        assertThat(r.finalAccuracy()).isGreaterThan(0.85);
        SineClassification.Snapshot last = r.snapshots().getLast();
        int agree = 0;
        for (int i = 0; i < 441; i++) if (last.predicted()[i] == r.labels()[i]) agree++;
        assertThat(last.accuracy()).isEqualTo(agree / 441.0);
        assertThat(log.text()).contains("net 2-6-2").contains(String.format(java.util.Locale.ROOT,
                "accuracy of the trained network: %.1f%%", 100 * r.finalAccuracy()));
    }

    @Test
    void drawsTheClassesAsAGifAndTheErrorCurve(@TempDir Path dir) throws Exception {
        Cli.Ran ran = Cli.execute(new SineClassification(), "--epochs", "2", "--interval", "1", "--out", dir.toString());
        assertThat(ran.exitCode()).isZero();
        assertThat(Cli.gifFrames(dir.resolve("sine-classification.gif"))).isEqualTo(2);
        assertThat(dir.resolve("sine-classification.svg")).content().contains("<svg");
        assertThat(Cli.pngSize(dir.resolve("sine-classification-error.png"))).containsExactly(800, 500);
        assertThat(ran.out()).contains("wrote " + dir.resolve("sine-classification.gif"));
    }

    @Tag("slow")
    @Test
    void theBooksRunSeparatesTheClasses() {
        SineClassification.Result r = Cli.parse(new SineClassification()).run(new Cli.Captured().stream);
        assertThat(r.snapshots()).hasSize(11);
        assertThat(r.finalAccuracy()).isGreaterThan(0.95);
    }
}
