package jgrad.spark;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import jgrad.cli.Main;
import jgrad.io.SafeTensors;
import jgrad.tensor.Tensor;
import jgrad.train.Checkpoint;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Ctrl-C on a real {@code spark-train} process (local[2]): it stops after the step, saves a
 * checkpoint, prints {@code ./jgrad spark-train --resume DIR} and exits 130; resuming ends bit for
 * bit as the run never interrupted.
 */
class SparkCtrlCTest {
    @TempDir Path dir;

    /** This JVM's java with its flags (the Spark module options Surefire gave it) on the spark-train main class. */
    private static List<String> java() throws IOException {
        Path status = Path.of("/proc/self/status");
        List<String> cmd = new ArrayList<>();
        if (Files.isReadable(status) && Files.readAllLines(status).stream()
                .anyMatch(l -> l.startsWith("SigIgn:") && (Long.parseLong(l.substring(7).strip(), 16) & 2) != 0)) {
            cmd.addAll(List.of("env", "--default-signal=INT")); // a JVM started with SIGINT ignored keeps ignoring it
        }
        cmd.add(ProcessHandle.current().info().command().orElseThrow());
        cmd.addAll(ManagementFactory.getRuntimeMXBean().getInputArguments());
        cmd.addAll(List.of("-Dspark.ui.enabled=false", "-cp", System.getProperty("java.class.path"), SparkTrain.class.getName()));
        return cmd;
    }

    @Test
    void ctrlCCheckpointsAndTheResumedRunIsBitIdentical() throws Exception {
        Assumptions.assumeTrue(Files.isExecutable(Path.of("/bin/kill")) || Files.isExecutable(Path.of("/usr/bin/kill")));
        Path data = SmallMnist.write(Files.createDirectories(dir.resolve("mnist")), 1000, 100);
        List<String> options = List.of("--data-dir", data.toString(), "--model", "mlp:32", "--batch-size", "10", "--threads", "1");
        Path interrupted = dir.resolve("interrupted");
        List<String> cmd = java();
        cmd.addAll(options);
        cmd.addAll(List.of("--epochs", "1000", "--out", interrupted.toString()));
        Process p = new ProcessBuilder(cmd).redirectError(dir.resolve("stderr.txt").toFile()).start();
        var stdout = new StringBuilder();
        long started = 0;
        try (var in = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
            for (String line = in.readLine(); line != null; line = in.readLine()) {
                stdout.append(line).append('\n');
                if (line.startsWith("DataParallel(")) started = System.nanoTime();
                if (line.startsWith("epoch   1 ")) {
                    // aim for the middle of epoch 2 (100 steps; faster than epoch 1, which warms up the JIT); landing
                    // at an epoch's end instead is fine too: the resumed run must match either way
                    Thread.sleep(Math.max(1, (System.nanoTime() - started) / 2_000_000));
                    new ProcessBuilder("kill", "-INT", Long.toString(p.pid())).start().waitFor(10, TimeUnit.SECONDS);
                }
            }
        }
        assertThat(p.waitFor(120, TimeUnit.SECONDS)).isTrue();
        String stderr = Files.readString(dir.resolve("stderr.txt"));
        assertThat(p.exitValue()).as("stdout:%n%s%nstderr:%n%s", stdout, stderr).isEqualTo(130);
        assertThat(stderr).contains("jgrad spark-train: Ctrl-C: stopping after this step")
                .contains("the checkpoint is saved; resume with: ./jgrad spark-train --resume " + interrupted);

        Checkpoint.Progress at = Checkpoint.readProgress(interrupted.resolve("checkpoint.safetensors"));
        System.out.printf("spark-train interrupted after epoch %d, step %d, %d batches into the next epoch%n", at.epoch(),
                at.step(), at.partial().batches());
        int total = at.epoch() + 2; // finish the interrupted epoch and one more
        assertThat(run("--resume", interrupted.toString(), "--epochs", Integer.toString(total))).isZero();
        Path straight = dir.resolve("straight");
        List<String> args = new ArrayList<>(options);
        args.addAll(List.of("--epochs", Integer.toString(total), "--out", straight.toString()));
        assertThat(run(args.toArray(String[]::new))).isZero();

        var a = SafeTensors.load(interrupted.resolve("model.safetensors"));
        var b = SafeTensors.load(straight.resolve("model.safetensors"));
        assertThat(a.keySet()).containsExactlyElementsOf(b.keySet());
        for (var e : b.entrySet()) {
            Tensor t = a.get(e.getKey());
            assertThat(t.floatData()).as(e.getKey()).containsExactly(e.getValue().floatData());
        }
        List<String> m1 = Files.readAllLines(interrupted.resolve("metrics.csv"));
        List<String> m2 = Files.readAllLines(straight.resolve("metrics.csv"));
        assertThat(m1).hasSize(total + 1).hasSameSizeAs(m2);
        for (int i = 0; i < m2.size(); i++) { // every column but the seconds
            assertThat(m1.get(i).substring(0, m1.get(i).lastIndexOf(','))).isEqualTo(m2.get(i).substring(0, m2.get(i).lastIndexOf(',')));
        }
    }

    private static int run(String... args) {
        return Main.execute(new SparkTrain(), args, System.out, System.err);
    }
}
