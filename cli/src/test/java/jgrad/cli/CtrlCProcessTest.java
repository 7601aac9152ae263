package jgrad.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import jgrad.io.SafeTensors;
import jgrad.tensor.Tensor;
import jgrad.train.Checkpoint;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Ctrl-C on a real {@code ./jgrad train} process: it exits 130 after saving a checkpoint and
 * printing the resume command, and resuming ends bit-identical to a run never interrupted.
 */
class CtrlCProcessTest {
    @TempDir Path dir;

    /** The command that starts this JVM's java on the cli, with SIGINT at its default where we inherited it ignored. */
    private static List<String> java() throws IOException {
        List<String> cmd = new ArrayList<>();
        if (sigintIgnored()) {
            // a JVM started with SIGINT ignored (e.g. from a background job) keeps ignoring it, as nohup asks
            Process env = new ProcessBuilder("env", "--default-signal=INT", "true").start();
            boolean ok;
            try {
                ok = env.waitFor(10, TimeUnit.SECONDS) && env.exitValue() == 0;
            } catch (InterruptedException e) {
                throw new IllegalStateException(e);
            }
            Assumptions.assumeTrue(ok, "SIGINT is ignored here and env --default-signal is not available");
            cmd.addAll(List.of("env", "--default-signal=INT"));
        }
        cmd.add(ProcessHandle.current().info().command().orElseThrow());
        cmd.addAll(List.of("--add-modules", "jdk.incubator.vector", "-cp", System.getProperty("java.class.path"),
                Main.class.getName()));
        return cmd;
    }

    private static boolean sigintIgnored() throws IOException {
        Path status = Path.of("/proc/self/status");
        if (!Files.isReadable(status)) return false;
        for (String line : Files.readAllLines(status)) {
            if (line.startsWith("SigIgn:")) return (Long.parseLong(line.substring(7).strip(), 16) & 2) != 0;
        }
        return false;
    }

    @Test
    void ctrlCCheckpointsPrintsTheResumeCommandAndTheResumedRunIsBitIdentical() throws Exception {
        Assumptions.assumeTrue(Files.isExecutable(Path.of("/bin/kill")) || Files.isExecutable(Path.of("/usr/bin/kill")));
        Path data = Tables.write(dir.resolve("big.csv"), 4000, 11);
        Path interrupted = dir.resolve("interrupted");
        List<String> cmd = java();
        cmd.addAll(List.of("train", "--data", data.toString(), "--model", "mlp:128,128", "--epochs", "1000", "--out",
                interrupted.toString()));
        Process p = new ProcessBuilder(cmd).redirectError(dir.resolve("stderr.txt").toFile()).start();
        var stdout = new StringBuilder();
        long started = 0;
        try (var in = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
            for (String line = in.readLine(); line != null; line = in.readLine()) {
                stdout.append(line).append('\n');
                if (line.startsWith("run folder ")) started = System.nanoTime();
                if (line.startsWith("epoch   1 ")) {
                    // aim for the middle of epoch 2 (faster than epoch 1, which includes the JIT's warm-up)
                    Thread.sleep(Math.max(1, (System.nanoTime() - started) / 4_000_000));
                    new ProcessBuilder("kill", "-INT", Long.toString(p.pid())).start().waitFor(10, TimeUnit.SECONDS);
                }
            }
        }
        assertThat(p.waitFor(120, TimeUnit.SECONDS)).isTrue();
        String stderr = Files.readString(dir.resolve("stderr.txt"));
        assertThat(p.exitValue()).as("stdout:%n%s%nstderr:%n%s", stdout, stderr).isEqualTo(130);
        assertThat(stderr).contains("Ctrl-C: stopping after this step")
                .contains("the checkpoint is saved; resume with: ./jgrad train --resume " + interrupted);
        try (var files = Files.list(interrupted)) {
            assertThat(files.map(f -> f.getFileName().toString())).noneMatch(n -> n.endsWith(".tmp"));
        }

        Checkpoint.Progress at = Checkpoint.readProgress(interrupted.resolve("checkpoint.safetensors"));
        System.out.printf("interrupted after epoch %d, step %d, %d batches into the next epoch%n", at.epoch(), at.step(),
                at.partial().batches());
        int total = at.epoch() + 2; // finish the interrupted epoch and one more
        MainTest.Result resumed = MainTest.run("train", "--resume", interrupted.toString(), "--epochs", Integer.toString(total));
        assertThat(resumed.code()).as(resumed.err()).isZero();
        Path straight = dir.resolve("straight");
        MainTest.Result uninterrupted = MainTest.run("train", "--data", data.toString(), "--model", "mlp:128,128", "--epochs",
                Integer.toString(total), "--out", straight.toString());
        assertThat(uninterrupted.code()).as(uninterrupted.err()).isZero();

        var a = SafeTensors.load(interrupted.resolve("model.safetensors"));
        var b = SafeTensors.load(straight.resolve("model.safetensors"));
        assertThat(a.keySet()).containsExactlyElementsOf(b.keySet());
        for (var e : b.entrySet()) {
            Tensor t = a.get(e.getKey());
            assertThat(t.floatData()).as(e.getKey()).containsExactly(e.getValue().floatData());
        }
        List<String> m1 = Tables.lines(interrupted.resolve("metrics.csv"));
        List<String> m2 = Tables.lines(straight.resolve("metrics.csv"));
        assertThat(m1).hasSize(total + 1);
        for (int i = 0; i < m2.size(); i++) {
            // every column but the seconds
            assertThat(m1.get(i).substring(0, m1.get(i).lastIndexOf(',')))
                    .isEqualTo(m2.get(i).substring(0, m2.get(i).lastIndexOf(',')));
        }
    }
}
