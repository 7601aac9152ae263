package jgrad.examples;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import jgrad.io.SafeTensors;
import jgrad.nn.Layer;
import jgrad.train.ConsoleProgress;
import jgrad.train.ResumableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MnistExamplesTest {
    private static final PrintStream QUIET = new PrintStream(PrintStream.nullOutputStream());

    private static MnistTraining.Run mlp(String... args) throws Exception {
        return MnistMlp.run(MnistMlp.settings(args), ConsoleProgress.lines(QUIET, 0), QUIET);
    }

    @Test
    void mlpLearnsFromTwoThousandImages() throws Exception {
        MnistTraining.Run run = mlp("--limit", "2000", "--epochs", "2");
        var history = run.history();
        assertThat(history.getLast().trainLoss()).isLessThan(history.getFirst().trainLoss());
        assertThat(run.testAccuracy()).isGreaterThan(0.80); // chance is 10 %
        assertThat(run.timedSteps()).isEqualTo(40);
    }

    @Test
    void everyOptimizerAndInitialiserTrains() throws Exception {
        for (String optimizer : MnistTraining.DEFAULT_LR.keySet()) {
            MnistTraining.Run run = mlp("--limit", "1000", "--epochs", "1", "--optimizer", optimizer, "--hidden", "50");
            assertThat(run.testAccuracy()).as(optimizer).isGreaterThan(0.5);
        }
        for (String init : MnistTraining.INITS) {
            MnistTraining.Run run = mlp("--limit", "1000", "--epochs", "1", "--init", init, "--hidden", "50");
            assertThat(run.testAccuracy()).as(init).isGreaterThan(0.5);
        }
    }

    @Test
    void batchNormDropoutAndTwoHiddenLayersTrainAndSaveALoadableModel(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("model.safetensors");
        MnistTraining.Settings s = MnistMlp.settings(new String[] {"--limit", "1000", "--epochs", "1", "--hidden", "64,32",
                "--batch-norm", "--dropout", "0.2", "--save", file.toString()});
        MnistTraining.Run run = MnistMlp.run(s, ConsoleProgress.lines(QUIET, 0), QUIET);
        assertThat(run.testAccuracy()).isGreaterThan(0.5);
        assertThat(run.model().toString()).contains("BatchNorm1d").contains("Dropout");

        Layer fresh = MnistMlp.model(s, new ResumableRandom(99));
        fresh.loadStateDict(SafeTensors.load(file));
        assertThat(fresh.stateDict().get("0.weight").toFloatArray())
                .containsExactly(run.model().stateDict().get("0.weight").toFloatArray());
        assertThat(SafeTensors.readMetadata(file).get("architecture")).contains("Linear(in=784, out=64)");
    }

    @Test
    void convNetLearnsFromAFewHundredImages() throws Exception {
        var out = new ByteArrayOutputStream();
        MnistTraining.Run run = MnistConv.run(MnistConv.settings(new String[] {"--limit", "600", "--epochs", "2"}),
                ConsoleProgress.lines(QUIET, 0), new PrintStream(out, true, StandardCharsets.UTF_8));
        assertThat(run.history().getLast().trainLoss()).isLessThan(run.history().getFirst().trainLoss());
        assertThat(run.testAccuracy()).isGreaterThan(0.6);
        assertThat(run.model().toString()).contains("Conv2d").contains("MaxPool2d");
        assertThat(out.toString(StandardCharsets.UTF_8)).contains("SimpleConvNet").contains("test accuracy");
    }

    @Test
    void sameSeedGivesTheSameRun() throws Exception {
        var a = mlp("--limit", "500", "--epochs", "1", "--seed", "7", "--dropout", "0.3");
        var b = mlp("--limit", "500", "--epochs", "1", "--seed", "7", "--dropout", "0.3");
        assertThat(b.history().getLast().trainLoss()).isEqualTo(a.history().getLast().trainLoss());
    }

    @Test
    void rejectsBadOptions() {
        assertThatThrownBy(() -> MnistMlp.settings(new String[] {"--optimizer", "lbfgs"}))
                .hasMessageContaining("--optimizer must be one of sgd|momentum|adagrad|rmsprop|adam");
        assertThatThrownBy(() -> MnistMlp.settings(new String[] {"--init", "zeros"})).hasMessageContaining("--init");
        assertThatThrownBy(() -> MnistMlp.settings(new String[] {"--dropout", "1"})).hasMessageContaining("--dropout");
        assertThatThrownBy(() -> MnistConv.settings(new String[] {"--hidden", "10,10"})).hasMessageContaining("one size");
    }

    @Test
    void dataDirReadsIdxFilesFromAnyFolder(@TempDir Path dir) throws Exception {
        // a copy of the four files without the SHA256SUMS manifest, as a Fashion-MNIST download would be
        for (String name : new String[] {"train-images-idx3-ubyte.gz", "train-labels-idx1-ubyte.gz",
                "t10k-images-idx3-ubyte.gz", "t10k-labels-idx1-ubyte.gz"}) {
            java.nio.file.Files.copy(jgrad.data.DataDir.root().resolve("mnist").resolve(name), dir.resolve(name));
        }
        var out = new ByteArrayOutputStream();
        MnistTraining.Run run = MnistMlp.run(MnistMlp.settings(new String[] {"--data-dir", dir.toString(), "--limit", "500",
                "--epochs", "1"}), ConsoleProgress.lines(QUIET, 0), new PrintStream(out, true, StandardCharsets.UTF_8));
        assertThat(run.testAccuracy()).isGreaterThan(0.3);
        assertThat(out.toString(StandardCharsets.UTF_8)).contains("MNIST from " + dir.toAbsolutePath().normalize());
    }

    @Test
    void dataDirPointsAtAnotherFolder(@TempDir Path dir) {
        assertThatThrownBy(() -> mlp("--data-dir", dir.toString(), "--limit", "10"))
                .hasMessageContaining("train-images-idx3-ubyte").hasMessageContaining(dir.toString());
    }
}
