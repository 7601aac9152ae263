package jgrad.spark;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import jgrad.data.Mnist;
import jgrad.model.Model;
import jgrad.tensor.Tensor;
import jgrad.train.Checkpoint;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code spark-train} end to end on local[2]: the run folder, a model file {@code jgrad.model} loads, and bad options. */
class SparkTrainTest {
    @TempDir Path dir;

    @Test
    void writesARunFolderWhoseModelLoadsAndPredicts() throws IOException {
        Path data = SmallMnist.write(Files.createDirectories(dir.resolve("mnist")), 1000, 200);
        Path out = dir.resolve("run");
        int code = new CommandLine(new SparkTrain()).execute("--data-dir", data.toString(), "--model", "mlp:32",
                "--partitions", "3", "--epochs", "2", "--out", out.toString(), "--master", "local[2]");
        assertThat(code).isZero();
        assertThat(Files.readAllLines(out.resolve("metrics.csv"))).hasSize(3).first().asString().startsWith("epoch,step,train_loss");
        assertThat(Files.readString(out.resolve("config.json"))).contains("\"partitions\": 3", "\"type\": \"linear\"");
        assertThat(Checkpoint.readProgress(out.resolve("checkpoint.safetensors")).step()).isEqualTo(20);
        assertThat(Checkpoint.readSetup(out.resolve("checkpoint.safetensors")).optimizer().name()).isEqualTo("adam");
        Model model = Model.load(out.resolve("model.safetensors"));
        assertThat(model.classNames()).hasSize(10).startsWith("0", "1");
        var test = Mnist.load(data, Mnist.Split.TEST); // raw pixels in [0, 1]; the model standardises them itself
        float[] x = new float[784 * 4];
        for (int i = 0; i < 4; i++) test.copyFeatures(i, x, 784 * i);
        Tensor p = model.predict(Tensor.of(x, 4, 1, 28, 28));
        assertThat(p.shape()).containsExactly(4, 10);
        assertThat(p.sum().item()).isCloseTo(4.0, org.assertj.core.data.Offset.offset(1e-4));
    }

    @Test
    void badOptionsAreUsageErrorsBeforeAnythingStarts() throws IOException {
        Files.writeString(dir.resolve("taken"), "x");
        for (String[] args : new String[][] {{"--model", "nope"}, {"--optimizer", "lbfgs"}, {"--data", "cifar"},
            {"--out", dir.resolve("taken").toString()}}) {
            var err = new ByteArrayOutputStream();
            var cli = new CommandLine(new SparkTrain()).setErr(new PrintWriter(err, true));
            assertThat(cli.execute(args)).as(String.join(" ", args)).isEqualTo(2);
            assertThat(err.toString()).contains(args[0].substring(2));
        }
    }
}
