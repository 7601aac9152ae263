package jgrad.io;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Saves are all or nothing, and leave no temporary file behind, even when the JVM stops mid-save. */
class AtomicFileTest {
    @TempDir Path dir;

    private List<String> names() throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }

    @Test
    void aFailedSaveKeepsTheOldFileAndLeavesNoTemporaryFile() throws IOException {
        Path file = dir.resolve("model.bin");
        AtomicFile.write(file, new byte[] {1, 2, 3});
        assertThatThrownBy(() -> AtomicFile.write(file, channel -> {
            channel.write(ByteBuffer.wrap(new byte[] {9, 9}));
            throw new IOException("disk full");
        })).hasMessage("disk full");
        assertThat(Files.readAllBytes(file)).containsExactly(1, 2, 3);
        assertThat(names()).containsExactly("model.bin");
    }

    @Test
    void theNextSaveRemovesLeftoversOfProcessesThatAreGoneOnly() throws Exception {
        Process gone = new ProcessBuilder("true").start();
        gone.waitFor(10, TimeUnit.SECONDS);
        Path dead = Files.createFile(dir.resolve(".model.bin." + gone.pid() + ".123.tmp"));
        long living = ProcessHandle.current().parent().orElseThrow().pid();
        Path alive = Files.createFile(dir.resolve(".model.bin." + living + ".456.tmp"));
        Path other = Files.createFile(dir.resolve(".other.bin." + gone.pid() + ".789.tmp"));
        AtomicFile.write(dir.resolve("model.bin"), new byte[] {1});
        assertThat(Files.exists(dead)).isFalse();
        assertThat(Files.exists(alive)).as("a running process may still be saving").isTrue();
        assertThat(Files.exists(other)).as("another file's temporary").isTrue();
    }

    @Test
    void aJvmStoppedInTheMiddleOfASaveDeletesItsTemporaryFile() throws Exception {
        String java = ProcessHandle.current().info().command().orElseThrow();
        Process p = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"), SlowSave.class.getName(),
                dir.resolve("model.bin").toString()).redirectErrorStream(true).start();
        // wait until the temporary file exists, then stop the JVM the way Ctrl-C would
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (names().stream().noneMatch(n -> n.endsWith(".tmp")) && System.nanoTime() < deadline) Thread.sleep(20);
        assertThat(names()).anyMatch(n -> n.startsWith(".model.bin." + p.pid() + "."));
        p.destroy(); // SIGTERM: the JVM runs its shutdown hooks, as for SIGINT
        assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(names()).isEmpty();
    }

    /** Starts a save that never finishes writing. */
    static final class SlowSave {
        public static void main(String[] args) throws Exception {
            AtomicFile.write(Path.of(args[0]), channel -> {
                channel.write(ByteBuffer.wrap(new byte[] {1}));
                try {
                    Thread.sleep(60_000);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            });
        }
    }
}
