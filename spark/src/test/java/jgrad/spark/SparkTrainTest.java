package jgrad.spark;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import jgrad.cli.Main;
import jgrad.io.Json;
import jgrad.io.SafeTensors;
import jgrad.model.Model;
import jgrad.tensor.Tensor;
import jgrad.train.Checkpoint;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code spark-train} end to end on local[2] against {@code train}: the same options, the same run
 * folder, a model {@code eval} scores, {@code --resume}, and one line with exit code 2 for what
 * Spark cannot do yet.
 */
class SparkTrainTest {
    @TempDir static Path dir;
    private static Path data;

    @BeforeAll
    static void data() throws IOException {
        data = SmallMnist.write(Files.createDirectories(dir.resolve("mnist")), 1000, 200);
    }

    /** What a command printed and its exit code. */
    record Result(int code, String out, String err) {}

    private static Result sparkTrain(String... args) {
        var out = new ByteArrayOutputStream();
        var err = new ByteArrayOutputStream();
        int code = Main.execute(new SparkTrain(new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8)), args, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        return new Result(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    private static Result jgrad(String... args) {
        var out = new ByteArrayOutputStream();
        var err = new ByteArrayOutputStream();
        int code = Main.run(args, new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
        return new Result(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    private static String[] args(List<String> common, String... more) {
        List<String> all = new ArrayList<>(common);
        all.addAll(List.of(more));
        return all.toArray(String[]::new);
    }

    private static Set<String> files(Path run) throws IOException {
        try (Stream<Path> s = Files.list(run)) {
            return new java.util.TreeSet<>(s.map(p -> p.getFileName().toString()).toList());
        }
    }

    private static double maxDifference(Path a, Path b) throws IOException {
        Map<String, Tensor> x = SafeTensors.load(a);
        Map<String, Tensor> y = SafeTensors.load(b);
        assertThat(y.keySet()).containsExactlyElementsOf(x.keySet());
        double max = 0;
        for (var e : x.entrySet()) {
            double[] u = e.getValue().toDoubleArray();
            double[] v = y.get(e.getKey()).toDoubleArray();
            for (int i = 0; i < u.length; i++) max = Math.max(max, Math.abs(u[i] - v[i]));
        }
        return max;
    }

    /**
     * With the same options (a validation split, so the executors must pick the same training
     * rows as the driver) both commands write the same files, config.json differs only by
     * spark-train's own settings, the metrics have the same columns, the models agree to 1e-5
     * (float sums in another order, see DataParallelTest) and eval scores spark-train's.
     */
    @Test
    void writesTheRunFolderTrainWritesAndEvalScoresItsModel() throws Exception {
        List<String> common = List.of("--data-dir", data.toString(), "--model", "mlp:32", "--epochs", "2", "--val-split", "0.1",
                "--seed", "3", "--threads", "1");
        Path train = dir.resolve("train");
        Path spark = dir.resolve("spark");
        Result t = jgrad(args(List.of("train"), args(common, "--out", train.toString())));
        assertThat(t.code()).as(t.err()).isZero();
        Result s = sparkTrain(args(common, "--out", spark.toString(), "--partitions", "3", "--master", "local[2]"));
        assertThat(s.code()).as(s.err()).isZero();
        assertThat(s.out()).contains("900 training / 100 validation examples", "DataParallel(3 partitions", "on local[2]",
                "validation accuracy", "evaluate it: ./jgrad eval --model");
        assertThat(files(spark)).isEqualTo(files(train)).contains("model.safetensors", "checkpoint.safetensors", "metrics.csv",
                "config.json", "loss.png", "report.html");

        var trainConfig = (Map<?, ?>) Json.parse(Files.readString(train.resolve("config.json")));
        var sparkConfig = (Map<?, ?>) Json.parse(Files.readString(spark.resolve("config.json")));
        Set<Object> extra = new LinkedHashSet<>(sparkConfig.keySet());
        extra.removeAll(trainConfig.keySet());
        assertThat(extra).containsExactly("master", "partitions", "depth");
        assertThat(sparkConfig.get("partitions")).isEqualTo(3L);
        for (Object key : trainConfig.keySet()) {
            assertThat(sparkConfig.get(key)).as("config.json %s", key).isEqualTo(trainConfig.get(key));
        }
        List<String> trainMetrics = Files.readAllLines(train.resolve("metrics.csv"));
        List<String> sparkMetrics = Files.readAllLines(spark.resolve("metrics.csv"));
        assertThat(sparkMetrics).hasSize(3).first().isEqualTo(trainMetrics.getFirst());
        assertThat(Files.readString(spark.resolve("report.html"))).contains("partitions", "validation", "<svg");
        assertThat(maxDifference(train.resolve("model.safetensors"), spark.resolve("model.safetensors"))).isLessThan(1e-5);

        Model model = Model.load(spark.resolve("model.safetensors"));
        assertThat(model.classNames()).hasSize(10).startsWith("0", "1");
        Result e = jgrad("eval", "--model", spark.resolve("model.safetensors").toString());
        assertThat(e.code()).as(e.err()).isZero();
        assertThat(e.out()).containsPattern("(?m)^accuracy [\\d.]+%$").contains("confusion matrix");
    }

    /** A run stopped after one epoch and resumed to two ends bit for bit as the run of two epochs. */
    @Test
    void resumeContinuesTheRunExactly() throws Exception {
        List<String> common = List.of("--data-dir", data.toString(), "--model", "mlp:16", "--batch-size", "50", "--partitions", "2");
        Path whole = dir.resolve("whole");
        Path parts = dir.resolve("parts");
        assertThat(sparkTrain(args(common, "--epochs", "2", "--out", whole.toString())).code()).isZero();
        assertThat(sparkTrain(args(common, "--epochs", "1", "--out", parts.toString())).code()).isZero();
        Result r = sparkTrain("--resume", parts.toString(), "--epochs", "2", "--master", "local[1]");
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.out()).contains("resuming " + parts + " after epoch 1, step 20");
        assertThat(Checkpoint.readProgress(parts.resolve("checkpoint.safetensors")).step()).isEqualTo(40);
        assertThat(Files.readAllLines(parts.resolve("metrics.csv"))).hasSize(3);
        assertThat(maxDifference(whole.resolve("model.safetensors"), parts.resolve("model.safetensors"))).isZero();
        var config = (Map<?, ?>) Json.parse(Files.readString(parts.resolve("config.json")));
        assertThat(config.get("epochs")).isEqualTo(2L);
        assertThat(config.get("master")).isEqualTo("local[1]");

        Result changed = sparkTrain("--resume", parts.toString(), "--epochs", "3", "--partitions", "4");
        assertThat(changed.code()).isEqualTo(2);
        assertThat(changed.err()).contains("--partitions cannot change when resuming");
    }

    /** A CSV table: the executors read their rows of the one file; the model is train's to float rounding. */
    @Test
    void trainsOnACsvTableAsTrainDoes() throws Exception {
        List<String> common = List.of("--data", "iris", "--epochs", "8", "--threads", "1");
        Path train = dir.resolve("iris-train");
        Path spark = dir.resolve("iris-spark");
        Result t = jgrad(args(List.of("train"), args(common, "--out", train.toString())));
        assertThat(t.code()).as(t.err()).isZero();
        Result s = sparkTrain(args(common, "--out", spark.toString(), "--partitions", "3"));
        assertThat(s.code()).as(s.err()).isZero();
        assertThat(s.out()).contains("120 training / 30 validation examples, 3 classes, 4 features", "validation accuracy");
        assertThat(files(spark)).isEqualTo(files(train));
        assertThat(maxDifference(train.resolve("model.safetensors"), spark.resolve("model.safetensors"))).isLessThan(1e-5);
        assertThat(Model.load(spark.resolve("model.safetensors")).classNames()).containsExactly("setosa", "versicolor", "virginica");
    }

    /** What Spark cannot do yet is one line and exit code 2, before any work; so are bad values. */
    @Test
    void unsupportedOptionsAreUsageErrorsBeforeAnythingStarts() throws IOException {
        Files.writeString(dir.resolve("taken"), "x");
        Path images = Files.createDirectories(dir.resolve("photos/cat"));
        for (String[] a : new String[][] {{"--data", images.getParent().toString()}, {"--channels", "3"}, {"--image-size", "32"},
            {"--model", "nope"}, {"--optimizer", "lbfgs"}, {"--partitions", "0"}}) {
            Result r = sparkTrain(args(List.of(a), "--out", dir.resolve("never").toString()));
            assertThat(r.code()).as(String.join(" ", a)).isEqualTo(2);
            assertThat(r.err().lines().toList()).as(r.err()).hasSize(1);
            assertThat(r.err()).startsWith("jgrad spark-train: " + a[0]);
        }
        // (--model is checked against the data, after the run folder is made, as train does: it stays empty)
        assertThat(!Files.exists(dir.resolve("never")) || files(dir.resolve("never")).isEmpty()).isTrue();
        Result file = sparkTrain("--data-dir", data.toString(), "--out", dir.resolve("taken").toString());
        assertThat(file.code()).isEqualTo(1);
        assertThat(file.err()).contains("--out", "is a file");
    }
}
