package jgrad.train;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import jgrad.tensor.Tensor;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Console progress, metrics log, metrics and the resumable generator. */
class ReportingTest {
    @TempDir Path dir;

    private static final List<TrainingEvent> RUN = List.of(
            new TrainingEvent.Started(1, 2, 4, 40),
            new TrainingEvent.EpochStarted(1, 2, 0.1),
            new TrainingEvent.BatchEnded(1, 1, 1, 4, 10, 2.0),
            new TrainingEvent.BatchEnded(1, 2, 2, 4, 10, 1.0),
            new TrainingEvent.BatchEnded(1, 3, 3, 4, 10, 1.0),
            new TrainingEvent.BatchEnded(1, 4, 4, 4, 10, 1.0),
            new TrainingEvent.EpochEnded(1, 4, 1.25, 0.5, Double.NaN, Double.NaN, 0.1, 2.0),
            new TrainingEvent.CheckpointSaved(1, Path.of("x")));

    private static String run(ConsoleProgress progress) {
        for (TrainingEvent e : RUN) progress.accept(e);
        return "";
    }

    @Test
    void plainLinesEveryFewStepsAndAnEpochSummary() {
        var bytes = new ByteArrayOutputStream();
        long[] now = {0};
        var progress = new ConsoleProgress(new PrintStream(bytes, true, StandardCharsets.UTF_8), false, 2, () -> now[0]);
        for (TrainingEvent e : RUN) {
            now[0] += 500_000_000L; // half a second per event
            progress.accept(e);
        }
        String out = bytes.toString(StandardCharsets.UTF_8);
        assertThat(out).doesNotContain("\r");
        assertThat(out.lines()).containsExactly(
                "training epochs 1..2, 4 batches (40 examples) per epoch",
                "epoch 1  step 2/4  loss 1.5000  20 ex/s",
                "epoch 1  step 4/4  loss 1.0000  20 ex/s",
                "epoch 1  train loss 1.2500 acc 50.00%  (2.0 s)");
    }

    @Test
    void aTerminalBarShowsStepLossThroughputAndEta() {
        var bytes = new ByteArrayOutputStream();
        long[] now = {0};
        var progress = new ConsoleProgress(new PrintStream(bytes, true, StandardCharsets.UTF_8), true, 0, () -> now[0]);
        progress.accept(RUN.get(1));
        now[0] = 1_000_000_000L;
        progress.accept(RUN.get(2)); // 1 of 4 batches in 1 s: 3 s to go
        String out = bytes.toString(StandardCharsets.UTF_8);
        assertThat(out).startsWith("\repoch 1 [======                  ] 1/4  loss 2.0000  10 ex/s  ETA 0:03");
        assertThat(ConsoleProgress.duration(3725)).isEqualTo("1:02:05");
    }

    @Test
    void metricsLogWritesCsvAndJsonLinesAndAppends() throws IOException {
        Path csv = dir.resolve("m.csv");
        Path json = dir.resolve("m.jsonl");
        for (MetricsLog log : new MetricsLog[] {MetricsLog.csv(csv), MetricsLog.jsonLines(json)}) {
            RUN.forEach(log);
            log.accept(new TrainingEvent.EpochEnded(2, 8, 0.5, 0.75, 0.25, 0.875, 0.05, 1.5));
        }
        assertThat(Files.readAllLines(csv)).containsExactly(
                "epoch,step,train_loss,train_accuracy,test_loss,test_accuracy,lr,seconds",
                "1,4,1.25,0.5,,,0.1,2.0",
                "2,8,0.5,0.75,0.25,0.875,0.05,1.5");
        assertThat(Files.readAllLines(json)).containsExactly(
                "{\"epoch\":1,\"step\":4,\"train_loss\":1.25,\"train_accuracy\":0.5,\"test_loss\":null,"
                        + "\"test_accuracy\":null,\"lr\":0.1,\"seconds\":2.0}",
                "{\"epoch\":2,\"step\":8,\"train_loss\":0.5,\"train_accuracy\":0.75,\"test_loss\":0.25,"
                        + "\"test_accuracy\":0.875,\"lr\":0.05,\"seconds\":1.5}");
    }

    @Test
    void predictionsAndConfusionMatrix() {
        Tensor scores = Tensor.of(new float[] {0.1f, 0.9f, 0f, 2f, 1f, 0f, 0f, 0f, 3f, 1f, 1f, 0f}, 4, 3);
        assertThat(Metrics.predictions(scores)).containsExactly(1, 0, 2, 0); // ties go to the first
        // one argmax, one NaN rule (Tensor.argmax, as PyTorch): a NaN score counts as the largest
        Tensor nan = Tensor.of(new double[] {1, Double.NaN, 5, 9, 2, Double.NaN, Double.NaN, 0, 0}, 3, 3);
        assertThat(Metrics.predictions(nan)).containsExactly(1, 2, 0);
        assertThat(nan.argmax(1).toDoubleArray()).containsExactly(1, 2, 0);
        assertThat(Metrics.correct(scores, new int[] {1, 0, 1, 1})).isEqualTo(2);
        var m = new ConfusionMatrix(3);
        m.add(new int[] {1, 0, 1, 1}, Metrics.predictions(scores));
        assertThat(m.count(1, 0)).isEqualTo(1);
        assertThat(m.count(1, 2)).isEqualTo(1);
        assertThat(m.accuracy()).isEqualTo(0.5);
        assertThat(m.precision(0)).isEqualTo(0.5);
        assertThat(m.recall(1)).isEqualTo(1.0 / 3);
        assertThat(m.precision(1)).isEqualTo(1.0);
        assertThat(m.toString()).contains("a\\p");
    }

    @Test
    void resumableRandomRepeatsFromASavedState() {
        var r = new ResumableRandom(42);
        r.nextGaussian();
        long state = r.state();
        double[] first = {r.nextDouble(), r.nextGaussian(), r.nextInt(10)};
        r.setState(state);
        assertThat(new double[] {r.nextDouble(), r.nextGaussian(), r.nextInt(10)}).isEqualTo(first);
    }
}
