package jgrad.examples;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import jgrad.nn.Layer;
import jgrad.tensor.GradMode;
import jgrad.tensor.Tensor;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Shortened runs of {@code mnist-conv} and {@code deep-convnet}; the full runs are in {@link ConvNetSlowTest}. */
class ConvNetExamplesTest {
    @TempDir
    Path dir;

    @Test
    void mnistConvDefaultsAreTheMeasuredSchedule() {
        MnistTraining.Settings s = Cli.parse(new MnistConv()).settings();
        assertThat(s.optimizer()).isEqualTo(MnistTraining.OptimizerKind.ADAM);
        assertThat(s.lr()).isEqualTo(0.001);
        assertThat(s.epochs()).isEqualTo(MnistConv.EPOCHS);
        assertThat(s.lrDecay()).isEqualTo(MnistConv.LR_DECAY);
        assertThat(s.batchSize()).isEqualTo(100);
    }

    @Test
    void mnistConvShortRunPrintsItsFiguresAndDrawsFiltersAndMisclassifiedDigits() throws Exception {
        Cli.Ran ran = Cli.execute(new MnistConv(), "--limit", "300", "--epochs", "1", "--out", dir.toString());
        assertThat(ran.exitCode()).as(ran.err()).isZero();
        assertThat(ran.out()).contains("departs from the book: 1 epoch instead of 20")
                .contains("SimpleConvNet conv 30x5x5").contains("300 train / 300 test images")
                .containsPattern("test accuracy \\d+\\.\\d\\d%")
                .containsPattern("time per epoch \\(evaluation included\\): \\d+\\.\\d s on average, \\d+\\.\\d s in all");
        for (String png : new String[] {"filters-before.png", "filters-after.png", "misclassified.png"}) {
            assertThat(ran.out()).contains("wrote " + dir.resolve(png));
            assertThat(Cli.pngSize(dir.resolve(png))[0]).as(png).isGreaterThan(300);
        }
        assertThat(Files.readString(dir.resolve("filters-after.svg"))).contains("First-layer filters (30 x 5x5) after 1 epoch");
    }

    @Test
    void deepConvNetDefaultsAreTheBooks() {
        MnistTraining.Settings s = Cli.parse(new DeepConvNet()).settings();
        assertThat(s.hidden()).containsExactly(50);
        assertThat(s.init()).isEqualTo(MnistTraining.InitKind.HE);
        assertThat(s.dropout()).isEqualTo(0.5);
        assertThat(s.optimizer()).isEqualTo(MnistTraining.OptimizerKind.ADAM);
        assertThat(s.lr()).isEqualTo(0.001);
        assertThat(s.lrDecay()).isEqualTo(DeepConvNet.LR_DECAY);
        assertThat(s.batchSize()).isEqualTo(100);
        assertThat(s.epochs()).isEqualTo(DeepConvNet.EPOCHS);
    }

    @Test
    void deepConvNetHasTheBooksLayersAndParameterCount() {
        Layer net = DeepConvNet.model(Cli.parse(new DeepConvNet()).settings(), new Random(1));
        // the book's deep_convnet.py: 160 + 2,320 + 4,640 + 9,248 + 18,496 + 36,928 + 51,250 + 510
        assertThat(net.parameters().stream().mapToInt(Tensor::numel).sum()).isEqualTo(123_552);
        String layers = net.toString();
        assertThat(layers).contains("Conv2d(1, 16, kernel=3, stride=1, padding=1)").contains("Conv2d(32, 32, kernel=3, stride=1, padding=2)")
                .contains("Conv2d(64, 64, kernel=3, stride=1, padding=1)").contains("Dropout");
        net.eval();
        try (var ignored = GradMode.off()) {
            assertThat(net.forward(Tensor.randn(new Random(2), 3, 1, 28, 28)).shape()).containsExactly(3, 10);
        }
    }

    @Test
    void bookDropoutKeepsOrZeroesInTrainingAndScalesByTheKeptShareInEvaluation() {
        var dropout = new DeepConvNet.BookDropout(0.5, new Random(3));
        float[] x = new float[1000];
        for (int i = 0; i < x.length; i++) x[i] = i + 1;
        float[] train = dropout.forward(Tensor.of(x, 1000)).toFloatArray();
        int kept = 0;
        for (int i = 0; i < x.length; i++) {
            assertThat(train[i]).isIn(0f, x[i]);
            if (train[i] != 0) kept++;
        }
        assertThat(kept).isBetween(430, 570);
        dropout.eval();
        float[] eval = dropout.forward(Tensor.of(x, 1000)).toFloatArray();
        for (int i = 0; i < x.length; i++) assertThat(eval[i]).isEqualTo(0.5f * x[i]);
    }

    @Test
    void deepConvNetShortRunPrintsItsFigures() throws Exception {
        Cli.Ran ran = Cli.execute(new DeepConvNet(), "--limit", "200", "--epochs", "1", "--out", dir.toString());
        assertThat(ran.exitCode()).as(ran.err()).isZero();
        assertThat(ran.out()).contains("departs from the book: 1 epoch instead of 20")
                .contains("123,552 parameters, init he, dropout 0.5").contains("200 train / 200 test images")
                .containsPattern("test accuracy \\d+\\.\\d\\d%")
                .containsPattern("time per epoch \\(evaluation included\\): \\d+\\.\\d s on average")
                .containsPattern("median \\d+\\.\\d\\d ms over 2 steps");
        assertThat(Files.readString(dir.resolve("deep-convnet-history.csv")).lines()).hasSize(2);
        assertThat(dir.resolve("report.html")).exists();
    }
}
