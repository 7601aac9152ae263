package jgrad.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Output paths are checked before any work starts. */
class RunFolderTest {
    @TempDir Path dir;

    @Test
    void aNewRunGetsAFreshOrEmptyFolder() throws IOException {
        assertThat(RunFolder.forNewRun(dir.resolve("runs/a"))).isDirectory();
        Files.createDirectories(dir.resolve("empty"));
        assertThat(RunFolder.forNewRun(dir.resolve("empty"))).isDirectory();
        // a run stopped before its first step left only its config: nothing to lose, the folder is reused
        Files.writeString(Files.createDirectories(dir.resolve("unstarted")).resolve("config.json"), "{}");
        assertThat(RunFolder.forNewRun(dir.resolve("unstarted"))).isDirectory();
    }

    @Test
    void aNewRunNeverOverwritesAnotherRun() throws IOException {
        Path run = Files.createDirectories(dir.resolve("run"));
        Files.writeString(run.resolve("checkpoint.safetensors"), "x");
        assertThatThrownBy(() -> RunFolder.forNewRun(run)).isInstanceOf(Failure.class)
                .hasMessage("--out " + run + ": folder is not empty; choose a new --out, or continue the run there"
                        + " with ./jgrad train --resume " + run);
        Path other = Files.createDirectories(dir.resolve("other"));
        Files.writeString(other.resolve("notes.txt"), "x");
        assertThatThrownBy(() -> RunFolder.forNewRun(other)).hasMessage("--out " + other + ": folder is not empty; choose a new --out");
    }

    @Test
    void aFileWhereAFolderIsExpectedIsNamed() throws IOException {
        Path file = Files.writeString(dir.resolve("file.txt"), "x");
        assertThatThrownBy(() -> RunFolder.forNewRun(file)).hasMessageContaining("is a file, not a folder");
        assertThatThrownBy(() -> RunFolder.forNewRun(file.resolve("run")))
                .hasMessageStartingWith("--out " + file.resolve("run") + ": cannot create the folder (");
        Path run = Files.createDirectories(dir.resolve("run"));
        Files.writeString(run.resolve("checkpoint.safetensors"), "x");
        Files.writeString(run.resolve("config.json"), "{}");
        Files.createDirectories(run.resolve("model.safetensors"));
        assertThatThrownBy(() -> RunFolder.forResume(run))
                .hasMessage("--resume " + run + ": model.safetensors is a folder where jgrad writes a file; remove it");
    }

    @Test
    void resumeNeedsACheckpointAndConfig() throws IOException {
        assertThatThrownBy(() -> RunFolder.forResume(dir.resolve("none"))).hasMessageContaining("no such folder");
        Path run = Files.createDirectories(dir.resolve("run"));
        assertThatThrownBy(() -> RunFolder.forResume(run)).hasMessageContaining("no checkpoint.safetensors in it");
        Files.writeString(run.resolve("checkpoint.safetensors"), "x");
        Files.writeString(run.resolve("config.json"), "{}");
        assertThat(RunFolder.forResume(run)).isEqualTo(run);
    }

    @Test
    void anOutputFileMustNotBeAFolder() throws IOException {
        Path folder = Files.createDirectories(dir.resolve("out"));
        assertThatThrownBy(() -> RunFolder.forOutputFile(folder, "--output")).hasMessageContaining("is a folder");
        assertThat(RunFolder.forOutputFile(dir.resolve("new/p.csv"), "--output")).isEqualTo(dir.resolve("new/p.csv"));
        assertThat(dir.resolve("new")).isDirectory();
    }
}
