package jgrad.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import javax.imageio.ImageIO;
import jgrad.data.Dataset;
import jgrad.data.Mnist;
import jgrad.io.SafeTensors;
import jgrad.model.Model;
import jgrad.model.ModelSpec;
import jgrad.model.Preprocessing;
import jgrad.nn.Layer;
import jgrad.tensor.Tensor;
import org.assertj.core.data.Offset;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Image models: an MNIST model takes any PNG of a digit; a folder of images trains and predicts; PyTorch weights run. */
class ImagesAndWeightsTest {
    @TempDir Path dir;

    /** An untrained MNIST model (the conversion, not the accuracy, is under test). */
    private Model mnistModel() {
        var pre = new Preprocessing.Image(1, 28, 28, new Preprocessing.Scaling.Global(RunData.MNIST_MEAN, RunData.MNIST_STD));
        ModelSpec spec = new ModelSpec.Sequential(new ModelSpec.Flatten(), new ModelSpec.Linear(784, 16), new ModelSpec.Relu(),
                new ModelSpec.Linear(16, 10));
        Layer layer = spec.build(new SplittableRandom(3));
        return Model.of(spec, layer, pre, List.of("0", "1", "2", "3", "4", "5", "6", "7", "8", "9"), List.of());
    }

    @Test
    void anMnistModelTakesA56By56RgbPngOfADarkDigitOnWhite() throws Exception {
        Model model = mnistModel();
        Path file = dir.resolve("mnist.safetensors");
        model.save(file);
        Dataset test = Mnist.load(Mnist.Split.TEST);
        float[] digit = new float[784];
        test.copyFeatures(0, digit, 0);
        var image = new BufferedImage(56, 56, BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < 56; y++) {
            for (int x = 0; x < 56; x++) {
                int v = 255 - Math.round(digit[(y / 2) * 28 + x / 2] * 255);
                image.setRGB(x, y, (v << 16) | (v << 8) | v);
            }
        }
        Path png = dir.resolve("seven.png");
        ImageIO.write(image, "png", png.toFile());
        Path out = dir.resolve("p.csv");
        MainTest.Result r = MainTest.run("predict", "--model", file.toString(), png.toString(), "--output", out.toString());
        assertThat(r.code()).as(r.err()).isZero();
        float[] expected = model.predict(Tensor.of(digit, 1, 784)).floatData();
        String[] row = Tables.lines(out).get(1).split(",");
        assertThat(row[0]).isEqualTo(png.toString());
        for (int c = 0; c < 10; c++) assertThat(Double.parseDouble(row[3 + c])).isCloseTo(expected[c], Offset.offset(2e-6));
        assertThat(r.out()).startsWith(png + ": ");
        // a table model is told to use --data
        assertThat(MainTest.run("predict", "--model", file.toString(), "--data", "x.csv").err()).contains("the model takes images");
    }

    @Test
    void aFolderOfImagesTrainsAndPredicts() throws Exception {
        // two classes: a bright square on the left or on the right, in colour and in sizes 20-40 pixels
        var rng = new SplittableRandom(5);
        for (String cls : List.of("left", "right")) {
            Path d = Files.createDirectories(dir.resolve("shapes/" + cls));
            for (int i = 0; i < 40; i++) {
                int size = 20 + rng.nextInt(21);
                var image = new BufferedImage(size, size, BufferedImage.TYPE_INT_RGB);
                for (int y = size / 4; y < 3 * size / 4; y++) {
                    for (int x = 0; x < size / 2; x++) image.setRGB(cls.equals("left") ? x : size - 1 - x, y, 0xFF8040);
                }
                ImageIO.write(image, i % 2 == 0 ? "png" : "bmp", d.resolve(i + (i % 2 == 0 ? ".png" : ".bmp")).toFile());
            }
        }
        Path run = dir.resolve("run");
        MainTest.Result t = MainTest.run("train", "--data", dir.resolve("shapes").toString(), "--image-size", "8", "--channels", "3",
                "--epochs", "30", "--out", run.toString());
        assertThat(t.code()).as(t.err()).isZero();
        assertThat(t.out()).contains("64 training / 16 validation examples, 2 classes").contains("validation accuracy 100.00%");
        Model model = Model.load(run.resolve("model.safetensors"));
        assertThat(model.preprocessing()).isInstanceOf(Preprocessing.Image.class);
        assertThat(model.preprocessing().shape()).containsExactly(3, 8, 8);
        assertThat(model.classNames()).containsExactly("left", "right");
        MainTest.Result p = MainTest.run("predict", "--model", run.resolve("model.safetensors").toString(),
                dir.resolve("shapes/left/0.png").toString(), dir.resolve("shapes/right/1.bmp").toString());
        assertThat(p.code()).as(p.err()).isZero();
        assertThat(p.out().lines()).hasSize(2);
        assertThat(p.out().lines().toList().get(0)).contains(": left (");
        assertThat(p.out().lines().toList().get(1)).contains(": right (");
        MainTest.Result e = MainTest.run("eval", "--model", run.resolve("model.safetensors").toString(), "--data",
                dir.resolve("shapes").toString());
        assertThat(e.code()).as(e.err()).isZero();
        assertThat(e.out()).contains("80 examples", "accuracy 100.00%", "1 = right");
    }

    @Test
    void weightsSavedByPyTorchPredictAndEvaluateWithASpec() throws Exception {
        // a torch.nn.Sequential(Linear(4, 5), ReLU(), Linear(5, 3)) state dict has these names and shapes
        ModelSpec spec = new ModelSpec.Sequential(new ModelSpec.Linear(4, 5), new ModelSpec.Relu(), new ModelSpec.Linear(5, 3));
        Layer layer = spec.build(new SplittableRandom(9));
        Path weights = dir.resolve("torch.safetensors");
        SafeTensors.save(weights, layer.stateDict(), Map.of("format", "pt"));
        Path specFile = Files.writeString(dir.resolve("net.json"), spec.toPrettyJson());
        Path rows = Files.writeString(dir.resolve("rows.csv"), "a,b,c,d,label\n1,2,3,4,0\n-1,0.5,2,0,2\n");
        MainTest.Result p = MainTest.run("predict", "--spec", specFile.toString(), "--weights", weights.toString(), "--data",
                rows.toString(), "--label", "label");
        assertThat(p.code()).as(p.err()).isZero();
        float[] expected = layer.inference(() -> layer.forward(Tensor.of(new float[] {1, 2, 3, 4}, 1, 4)).softmax(1)).floatData();
        int best = expected[0] >= expected[1] && expected[0] >= expected[2] ? 0 : expected[1] >= expected[2] ? 1 : 2;
        assertThat(p.out().lines().findFirst()).hasValue(String.format(java.util.Locale.ROOT, "row 1: %d (%.1f%%)", best, 100 * expected[best]));
        MainTest.Result e = MainTest.run("eval", "--spec", specFile.toString(), "--weights", weights.toString(), "--data",
                rows.toString(), "--label", "label");
        assertThat(e.code()).as(e.err()).isZero();
        assertThat(e.out()).contains("2 examples", "loss ");
        assertThat(MainTest.run("predict", "--spec", specFile.toString(), "--data", rows.toString()).err())
                .contains("--spec and --weights go together");
    }
}
