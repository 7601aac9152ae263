package jgrad.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import jgrad.train.NonFiniteException;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** Each kind of error maps to its exit code and one line naming the file or option. */
class ErrorsTest {
    private static Errors.Report report(Throwable e) {
        return Errors.report(e, "train");
    }

    @Test
    void usageErrorsExitTwoAndPointToTheHelp() {
        var cli = Main.commandLine(System.out, System.err);
        var e = new CommandLine.ParameterException(cli, "--lr must be > 0, got -1");
        assertThat(report(e)).isEqualTo(new Errors.Report(2, "--lr must be > 0, got -1 (see ./jgrad train --help)"));
    }

    @Test
    void fileProblemsExitOneNamingTheFile() {
        assertThat(report(new NoSuchFileException("data/x.csv"))).isEqualTo(new Errors.Report(1, "data/x.csv: no such file or folder"));
        assertThat(report(new NoSuchFileException("d/train.gz", null, "the IDX folder"))).isEqualTo(
                new Errors.Report(1, "d/train.gz: no such file or folder (the IDX folder)"));
        assertThat(report(new AccessDeniedException("/root/run"))).isEqualTo(new Errors.Report(1, "/root/run: permission denied"));
        assertThat(report(new NotDirectoryException("runs/a"))).isEqualTo(new Errors.Report(1, "runs/a: not a folder"));
        assertThat(report(new IOException("x.csv:3: 2 fields, the header has 3"))).isEqualTo(
                new Errors.Report(1, "x.csv:3: 2 fields, the header has 3"));
        assertThat(report(new UncheckedIOException("run/metrics.csv: cannot write the metrics log",
                new AccessDeniedException("run/metrics.csv")))).isEqualTo(
                new Errors.Report(1, "run/metrics.csv: cannot write the metrics log: run/metrics.csv: permission denied"));
        assertThat(report(new UncheckedIOException(new NoSuchFileException("a.png")))).isEqualTo(
                new Errors.Report(1, "a.png: no such file or folder"));
    }

    @Test
    void failuresTheCliFindsExitOne() {
        assertThat(report(new Failure("--out runs/a: not empty; choose another"))).isEqualTo(
                new Errors.Report(1, "--out runs/a: not empty; choose another"));
    }

    @Test
    void aDivergingRunExitsOneWithAHint() {
        Errors.Report r = report(new NonFiniteException(12, 1, "loss", "NaN"));
        assertThat(r.exitCode()).isEqualTo(1);
        assertThat(r.line()).contains("step 12", "try a smaller --lr");
    }

    @Test
    void runningOutOfMemorySaysHowToGetMore() {
        Errors.Report r = report(new OutOfMemoryError("Java heap space"));
        assertThat(r.exitCode()).isEqualTo(1);
        assertThat(r.line()).startsWith("out of memory").contains("JGRAD_JAVA_OPTS=-Xmx2g");
    }

    @Test
    void aLibraryBugIsAnInternalErrorNotAUsageError() {
        Errors.Report r = report(new IllegalArgumentException("Linear: input of shape [3, 5]\nexpected [*, 4]"));
        assertThat(r).isEqualTo(new Errors.Report(1, "internal error: java.lang.IllegalArgumentException: Linear: input"
                + " of shape [3, 5] expected [*, 4] (a bug in jgrad: rerun with --debug for the stack trace and report it)"));
        assertThat(report(new NullPointerException()).line()).startsWith("internal error: java.lang.NullPointerException (");
    }
}
