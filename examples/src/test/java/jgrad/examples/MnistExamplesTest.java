package jgrad.examples;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import jgrad.io.SafeTensors;
import jgrad.nn.Layer;
import jgrad.train.ConsoleProgress;
import jgrad.train.ResumableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class MnistExamplesTest {
    private static final PrintStream QUIET = new PrintStream(PrintStream.nullOutputStream());

    static MnistTraining.Settings mlpSettings(String... args) {
        return Cli.parse(new MnistMlp(), args).settings();
    }

    private static MnistTraining.Run mlp(String... args) throws Exception {
        return MnistMlp.run(mlpSettings(args), ConsoleProgress.lines(QUIET, 0), QUIET);
    }

    @Test
    void defaultsComeFromEachExample() {
        MnistTraining.Settings mlp = mlpSettings();
        assertThat(mlp.hidden()).containsExactly(100);
        assertThat(mlp.optimizer()).isEqualTo(MnistTraining.OptimizerKind.ADAM);
        assertThat(mlp.lr()).isEqualTo(0.003);
        assertThat(mlp.epochs()).isEqualTo(2);
        assertThat(mlp.lrDecayPerEpoch()).isCloseTo(0.2, within(1e-15));
        MnistTraining.Settings conv = Cli.parse(new MnistConv()).settings();
        assertThat(conv.lr()).isEqualTo(0.001);
        assertThat(conv.epochs()).isEqualTo(MnistConv.EPOCHS);
        assertThat(conv.lrDecay()).isEqualTo(MnistConv.LR_DECAY);
        // another optimizer takes its own default rate unless --lr is given
        assertThat(mlpSettings("--optimizer", "momentum").lr()).isEqualTo(0.01);
        assertThat(mlpSettings("--optimizer", "momentum", "--lr", "0.05").lr()).isEqualTo(0.05);
        assertThat(mlpSettings("--optimizer", "adam", "--lr", "0.01").lr()).isEqualTo(0.01);
    }

    @Test
    void lrDecayIsSpreadOverTheRunSoThatMoreEpochsDoNotStarveTheLastOnes() {
        MnistTraining.Settings s = mlpSettings("--epochs", "5");
        assertThat(Math.pow(s.lrDecayPerEpoch(), 4)).isCloseTo(0.2, within(1e-12));
        assertThat(mlpSettings("--epochs", "1").lrDecayPerEpoch()).isEqualTo(1);
    }

    @Test
    void mlpLearnsFromTwoThousandImages() throws Exception {
        MnistTraining.Run run = mlp("--limit", "2000", "--epochs", "2");
        var history = run.history();
        assertThat(history.getLast().trainLoss()).isLessThan(history.getFirst().trainLoss());
        assertThat(run.testAccuracy()).isGreaterThan(0.80); // chance is 10 %
        assertThat(run.timedSteps()).isEqualTo(40);
        assertThat(history.getLast().lr()).isCloseTo(0.003 * 0.2, within(1e-12));
    }

    @Test
    void everyOptimizerAndInitialiserTrains() throws Exception {
        for (MnistTraining.OptimizerKind optimizer : MnistTraining.OptimizerKind.values()) {
            MnistTraining.Run run = mlp("--limit", "1000", "--epochs", "1", "--optimizer", LowerCaseEnum.name(optimizer), "--hidden", "50");
            assertThat(run.testAccuracy()).as(optimizer.name()).isGreaterThan(0.5);
        }
        for (MnistTraining.InitKind init : MnistTraining.InitKind.values()) {
            MnistTraining.Run run = mlp("--limit", "1000", "--epochs", "1", "--init", LowerCaseEnum.name(init), "--hidden", "50");
            assertThat(run.testAccuracy()).as(init.name()).isGreaterThan(0.5);
        }
    }

    @Test
    void batchNormDropoutAndTwoHiddenLayersTrainAndSaveALoadableModel(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("model.safetensors");
        MnistTraining.Settings s = mlpSettings("--limit", "1000", "--epochs", "1", "--hidden", "64,32",
                "--batch-norm", "--dropout", "0.2", "--save", file.toString());
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
    void aSavePathThatCannotBeWrittenFailsBeforeTraining(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("file"), "x");
        MnistTraining.Settings s = mlpSettings("--limit", "100", "--save", dir.resolve("file").resolve("model.safetensors").toString());
        var out = new ByteArrayOutputStream();
        assertThatThrownBy(() -> MnistMlp.run(s, ConsoleProgress.lines(QUIET, 0), new PrintStream(out)))
                .isInstanceOf(java.io.IOException.class).hasMessageContaining(dir.resolve("file").toString());
        assertThat(out.toString(StandardCharsets.UTF_8)).doesNotContain("test accuracy");
        assertThatThrownBy(() -> MnistMlp.run(mlpSettings("--limit", "100", "--save", dir.toString()), ConsoleProgress.lines(QUIET, 0), QUIET))
                .hasMessageContaining("is a folder");
    }

    @Test
    void convNetLearnsFromAFewHundredImages() throws Exception {
        var out = new ByteArrayOutputStream();
        MnistTraining.Settings s = Cli.parse(new MnistConv(), "--limit", "600", "--epochs", "2").settings();
        MnistTraining.Run run = MnistConv.run(s, ConsoleProgress.lines(QUIET, 0), new PrintStream(out, true, StandardCharsets.UTF_8));
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
        assertThatThrownBy(() -> mlpSettings("--optimizer", "lbfgs")).isInstanceOf(CommandLine.ParameterException.class)
                .hasMessageContaining("expected one of sgd|momentum|adagrad|rmsprop|adam but was 'lbfgs'");
        assertThatThrownBy(() -> mlpSettings("--init", "zeros")).hasMessageContaining("--init");
        assertThatThrownBy(() -> mlpSettings("--dropout", "1")).isInstanceOf(CommandLine.ParameterException.class)
                .hasMessageContaining("--dropout");
        assertThatThrownBy(() -> mlpSettings("--lr-decay", "2")).hasMessageContaining("--lr-decay");
        assertThatThrownBy(() -> Cli.parse(new MnistConv(), "--hidden", "10,10").settings()).hasMessageContaining("one size");
    }

    @Test
    void theCommandWritesTheHistory(@TempDir Path dir) {
        Cli.Ran ran = Cli.execute(new MnistMlp(), "--limit", "300", "--epochs", "1", "--hidden", "20", "--out", dir.toString());
        assertThat(ran.exitCode()).isZero();
        assertThat(ran.out()).contains("test accuracy").contains("wrote " + dir.resolve("mnist-history.csv"));
        assertThat(dir.resolve("mnist-history.csv")).content().startsWith("epoch,train_loss,train_accuracy,test_loss,test_accuracy,lr,seconds\n1,");
        for (String name : new String[] {"loss.png", "accuracy.png", "confusion.png", "misclassified.png", "report.html"}) {
            assertThat(dir.resolve(name)).as(name).exists();
            assertThat(ran.out()).contains("wrote " + dir.resolve(name));
        }
        assertThat(dir.resolve("report.html")).content().contains("MLP 784-20-10").contains("Confusion");
    }

    @Test
    void dataDirReadsIdxFilesFromAnyFolder(@TempDir Path dir) throws Exception {
        // a copy of the four files without the SHA256SUMS manifest, as a Fashion-MNIST download would be
        for (String name : new String[] {"train-images-idx3-ubyte.gz", "train-labels-idx1-ubyte.gz",
                "t10k-images-idx3-ubyte.gz", "t10k-labels-idx1-ubyte.gz"}) {
            Files.copy(jgrad.data.DataDir.root().resolve("mnist").resolve(name), dir.resolve(name));
        }
        var out = new ByteArrayOutputStream();
        MnistTraining.Run run = MnistMlp.run(mlpSettings("--data-dir", dir.toString(), "--limit", "500", "--epochs", "1"),
                ConsoleProgress.lines(QUIET, 0), new PrintStream(out, true, StandardCharsets.UTF_8));
        assertThat(run.testAccuracy()).isGreaterThan(0.3);
        assertThat(out.toString(StandardCharsets.UTF_8)).contains("MNIST from " + dir.toAbsolutePath().normalize());
    }

    @Test
    void dataDirPointsAtAnotherFolder(@TempDir Path dir) {
        assertThatThrownBy(() -> mlp("--data-dir", dir.toString(), "--limit", "10"))
                .hasMessageContaining("train-images-idx3-ubyte").hasMessageContaining(dir.toString());
    }
}
