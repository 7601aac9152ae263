package jgrad.spark;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import jgrad.io.SafeTensors;
import jgrad.model.ModelSpec;
import jgrad.tensor.Tensor;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/**
 * A real Spark standalone cluster on this machine (a master and two workers as separate JVMs,
 * started from the jars Maven brought), with {@code spark-train} submitted to it by Spark's own
 * {@code SparkSubmit} from the project's shaded jar. Tagged {@code cluster}: {@code ./jgrad
 * test-cluster} builds the jar and runs it (about two minutes).
 */
@Tag("cluster")
class ClusterTest {
    private static final Path DIR = Path.of("target", "cluster-test").toAbsolutePath();
    private static LocalCluster cluster;
    private static Path data;
    /** The spec file of an MLP 784-64-10 with dropout 0.1, so the executors' random streams matter too. */
    private static Path DROPOUT_SPEC;

    @BeforeAll
    static void start() throws IOException, InterruptedException {
        deleteTree(DIR);
        data = SmallMnist.write(Files.createDirectories(DIR.resolve("mnist")), 6000, 1000);
        // train's --model takes a spec for MNIST's image shape [1, 28, 28]: flatten first
        List<ModelSpec> layers = new ArrayList<>(List.of(new ModelSpec.Flatten()));
        layers.addAll(((ModelSpec.Sequential) DataParallelTest.mlp(64, false, 0.1)).layers());
        DROPOUT_SPEC = Files.writeString(DIR.resolve("mlp-dropout.json"), new ModelSpec.Sequential(layers).toPrettyJson());
        cluster = LocalCluster.start(DIR, 2);
    }

    @AfterAll
    static void stop() {
        if (cluster != null) cluster.close();
    }

    private static List<String> trainArgs(Path out, int epochs) {
        return List.of("--data-dir", data.toString(), "--model", DROPOUT_SPEC.toString(), "--partitions", "4",
                "--epochs", Integer.toString(epochs), "--batch-size", "100", "--seed", "7", "--out", out.toString());
    }

    /** Submits spark-train to the cluster in client mode, as {@code spark-submit} would. */
    private static Process submit(Path out, int epochs, Path log) throws IOException {
        Path jar;
        try (var jars = Files.list(Path.of("target"))) {
            jar = jars.filter(p -> p.getFileName().toString().matches("jgrad-spark-.*-all\\.jar")).findFirst()
                    .orElseThrow(() -> new IOException("no target/jgrad-spark-*-all.jar: run `mvn -pl spark -am package` first "
                            + "(./jgrad test-cluster does)"));
        }
        List<String> args = new ArrayList<>(List.of("--master", cluster.url(), "--deploy-mode", "client",
                "--class", "jgrad.spark.SparkTrain", "--conf", "spark.driver.host=127.0.0.1",
                "--conf", "spark.executor.memory=768m", "--conf", "spark.ui.enabled=false", jar.toAbsolutePath().toString()));
        args.addAll(trainArgs(out, epochs));
        return cluster.java(log, "org.apache.spark.deploy.SparkSubmit", args.toArray(String[]::new));
    }

    /** The same training in this JVM on local[2], through the same command. */
    private static Map<String, Tensor> local(Path out, int epochs) throws IOException {
        List<String> args = new ArrayList<>(trainArgs(out, epochs));
        args.addAll(List.of("--master", "local[2]"));
        assertThat(new CommandLine(new SparkTrain()).execute(args.toArray(String[]::new))).isZero();
        return SafeTensors.load(out.resolve("model.safetensors"));
    }

    private static void assertBitIdentical(Map<String, Tensor> expected, Map<String, Tensor> actual) {
        assertThat(actual.keySet()).containsExactlyElementsOf(expected.keySet());
        expected.forEach((name, t) -> assertThat(actual.get(name).toDoubleArray()).as(name).isEqualTo(t.toDoubleArray()));
    }

    @Test
    void aJobSubmittedToTheClusterGivesTheLocalModel() throws Exception {
        Path out = DIR.resolve("run-cluster");
        Process job = submit(out, 1, DIR.resolve("submit.log"));
        assertThat(job.waitFor(6, TimeUnit.MINUTES)).as("job finished").isTrue();
        assertThat(job.exitValue()).as("exit code; see " + DIR.resolve("submit.log")).isZero();
        assertThat(Files.readString(DIR.resolve("submit.log"))).contains("test accuracy");
        assertBitIdentical(local(DIR.resolve("run-local"), 1), SafeTensors.load(out.resolve("model.safetensors")));
        assertThat(jgrad.model.Model.load(out.resolve("model.safetensors")).classes()).isEqualTo(10); // a model file like any other
    }

    /**
     * An executor killed (SIGKILL) in the middle of training: Spark starts a new one, the lost
     * partitions read their files again, the lost tasks run again, and the run ends with the same
     * model as without the failure.
     */
    @Test
    void anExecutorKilledDuringTrainingDoesNotLoseTheRun() throws Exception {
        Path out = DIR.resolve("run-killed");
        Path log = DIR.resolve("submit-killed.log");
        Process job = submit(out, 2, log);
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(4);
        // train's progress for short epochs: one line per epoch; the kill lands in epoch 2
        while (!Files.exists(log) || !Files.readString(log).contains("epoch   1  train loss")) {
            assertThat(job.isAlive()).as("job still running; see " + log).isTrue();
            assertThat(System.nanoTime()).as("training finished epoch 1").isLessThan(deadline);
            Thread.sleep(200);
        }
        List<ProcessHandle> executors = cluster.executors();
        assertThat(executors).as("executors running").isNotEmpty();
        assertThat(executors.getFirst().destroyForcibly()).isTrue();
        assertThat(job.waitFor(6, TimeUnit.MINUTES)).as("job finished").isTrue();
        assertThat(job.exitValue()).as("exit code; see " + log).isZero();
        String text = Files.readString(log);
        assertThat(text).containsAnyOf("ExecutorLostFailure", "Lost executor", "lost executor", "Executor lost", "Removed executor");
        assertBitIdentical(local(DIR.resolve("run-local-2"), 2), SafeTensors.load(out.resolve("model.safetensors")));
    }

    private static void deleteTree(Path dir) throws IOException {
        if (!Files.exists(dir)) return;
        try (var paths = Files.walk(dir)) {
            for (Path p : paths.sorted(java.util.Comparator.reverseOrder()).toList()) Files.delete(p);
        }
    }
}
