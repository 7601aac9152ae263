package jgrad.examples;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class OverfittingTest {

    @Test
    void weightDecayAndDropoutNarrowTheGapBetweenTrainAndTest() throws Exception {
        var log = new Cli.Captured();
        var runs = Cli.parse(new Overfitting(), "--epochs", "60", "--limit", "1000").run(log.stream);
        assertThat(runs).extracting(Overfitting.Run::name).containsExactly("no regularisation", "weight decay 0.1", "dropout 0.15");
        var none = runs.get(0);
        assertThat(none.train()).hasSize(60);
        // 300 images, a 7-layer net: it learns them almost by heart, far better than unseen ones
        assertThat(none.lastTrain()).isGreaterThan(0.85);
        assertThat(none.gap()).isGreaterThan(0.2);
        assertThat(runs.get(1).gap()).isLessThan(none.gap());
        assertThat(runs.get(2).gap()).isLessThan(none.gap());
        for (var r : runs) assertThat(r.lastTest()).isGreaterThan(0.3);
        assertThat(log.text()).contains("the first 300 training images, 1000 test images").contains(String.format(java.util.Locale.ROOT,
                "  dropout 0.15         train %5.1f%%  test %5.1f%%", 100 * runs.get(2).lastTrain(), 100 * runs.get(2).lastTest()));
    }

    @Test
    void drawsThreePanels(@TempDir Path dir) {
        Cli.Ran ran = Cli.execute(new Overfitting(), "--epochs", "3", "--limit", "300", "--out", dir.toString());
        assertThat(ran.exitCode()).as(ran.err()).isZero();
        assertThat(ran.out()).contains("wrote " + dir.resolve("overfitting.png")).contains("wrote " + dir.resolve("overfitting.svg"));
        assertThat(dir.resolve("overfitting.svg")).content().contains("<svg");
    }

    @Test
    void rejectsADropoutOutsideTheOpenUnitInterval() {
        Cli.Ran ran = Cli.execute(new Overfitting(), "--dropout", "1");
        assertThat(ran.exitCode()).isNotZero();
        assertThat(ran.err()).contains("--dropout must be in (0, 1), got 1.0");
    }
}
