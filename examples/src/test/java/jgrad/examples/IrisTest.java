package jgrad.examples;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import jgrad.data.DataDir;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class IrisTest {

    private static Iris.Settings settings(long seed) {
        return new Iris.Settings(0, 30, 10, 0.05, 30, seed, DataDir.root().resolve("iris.csv"));
    }

    @Test
    void softmaxRegressionClassifiesHeldOutFlowers() throws Exception {
        var log = new ByteArrayOutputStream();
        Iris.Run run = Iris.train(settings(2), new PrintStream(log, true, StandardCharsets.UTF_8));
        // chance is 33 %; a linear model on standardised features gets most test flowers right
        assertThat(run.testAccuracy()).isGreaterThanOrEqualTo(0.85);
        assertThat(run.history().getLast().trainLoss()).isLessThan(run.history().getFirst().trainLoss() / 2);
        assertThat(run.confusion().total()).isEqualTo(30);
        assertThat(run.confusion().accuracy()).isEqualTo(run.testAccuracy());
        assertThat(run.classNames()).containsExactly("setosa", "versicolor", "virginica");
        String out = log.toString(StandardCharsets.UTF_8);
        assertThat(out).contains("120 train / 30 test rows").contains("epoch  30").contains("a\\p");
    }

    @Test
    void theSplitAndTheResultDependOnlyOnTheSeed() throws Exception {
        PrintStream quiet = new PrintStream(PrintStream.nullOutputStream());
        Iris.Run a = Iris.train(settings(5), quiet);
        Iris.Run b = Iris.train(settings(5), quiet);
        assertThat(b.history().getLast().trainLoss()).isEqualTo(a.history().getLast().trainLoss());
        assertThat(b.confusion().toString()).isEqualTo(a.confusion().toString());
    }

    @Test
    void theCommandPrintsTheFinalAccuracyAndWritesTheHistory(@TempDir Path dir) {
        Cli.Ran ran = Cli.execute(new Iris(), "--epochs", "5", "--out", dir.toString());
        assertThat(ran.exitCode()).isZero();
        assertThat(ran.out()).contains("final test accuracy").contains("wrote " + dir.resolve("iris-history.csv"));
        assertThat(dir.resolve("iris-history.csv")).content().startsWith("epoch,train_loss,train_accuracy,test_accuracy\n1,")
                .hasLineCount(6);
        assertThat(dir.resolve("report.html")).content().contains("setosa");
        assertThat(dir.resolve("confusion.png")).exists();
        assertThat(Cli.execute(new Iris(), "--lr", "0").exitCode()).isEqualTo(2);
    }
}
