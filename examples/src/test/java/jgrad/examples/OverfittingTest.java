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
    void theBooksDropoutKeepsUnscaledInTrainingAndScalesInEvaluation() {
        var dropout = new Chapter6.BookDropout(0.25, new java.util.SplittableRandom(3));
        var x = jgrad.tensor.Tensor.of(new float[] {1, -2, 3, 4, 5, 6, 7, 8}, 2, 4).requiresGrad(true);
        float[] y = dropout.forward(x).toFloatArray();
        float[] in = {1, -2, 3, 4, 5, 6, 7, 8};
        for (int i = 0; i < y.length; i++) assertThat(y[i]).isIn(0f, in[i]); // kept as it is, or dropped
        dropout.forward(x).sum().backward();
        float[] g = x.grad().toFloatArray();
        for (float v : g) assertThat(v).isIn(0f, 1f); // the gradient is the mask
        dropout.eval();
        assertThat(dropout.forward(x).toFloatArray()).containsExactly(0.75f, -1.5f, 2.25f, 3f, 3.75f, 4.5f, 5.25f, 6f);
        double kept = 0;
        dropout.train();
        var big = jgrad.tensor.Tensor.of(new float[10_000], 10_000);
        java.util.Arrays.fill(big.floatData(), 1);
        for (float v : dropout.forward(big).toFloatArray()) kept += v;
        assertThat(kept / 10_000).isCloseTo(0.75, org.assertj.core.api.Assertions.within(0.02));
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
