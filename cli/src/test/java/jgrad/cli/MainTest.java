package jgrad.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** The command tree, help, version, info, shell, and the one-line errors with their exit codes. */
class MainTest {
    /** What a run printed and returned. */
    record Result(int code, String out, String err) {}

    static Result run(String... args) {
        var out = new ByteArrayOutputStream();
        var err = new ByteArrayOutputStream();
        int code = Main.run(args, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        return new Result(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    @Test
    void helpListsTheCommandsAndTheExitCodes() {
        Result r = run("--help");
        assertThat(r.code()).isZero();
        assertThat(r.out()).contains("example", "info", "shell", "bench", "Exit codes: 0 success, 1 failure");
        // each command is one line of the list: its short header, not its whole description wrapped
        String list = r.out().substring(r.out().indexOf("Commands:"), r.out().indexOf("Launcher commands"));
        assertThat(list.lines().filter(l -> l.startsWith("               "))).isEmpty();
        assertThat(list).contains("  train      Train a classifier on MNIST, a CSV file or image folders\n");
    }

    @Test
    void helpAndTheReadmeNameEveryCommandOfTheLauncherAndOfPicocli() throws IOException {
        // the launcher's own commands are the labels of its `case "$cmd" in` (e.g. "  javadoc)    ...")
        List<String> launcher = Pattern.compile("(?m)^  ([a-z][a-z-]*)\\)").matcher(Files.readString(Path.of("../jgrad")))
                .results().map(m -> m.group(1)).toList();
        assertThat(launcher).contains("test", "build", "javadoc", "spark-train", "bench-spark", "java-home");
        String help = run("--help").out();
        String footer = help.substring(help.indexOf("Launcher commands"));
        for (String command : launcher) {
            assertThat(footer).as("./jgrad --help names the launcher command " + command).containsPattern("\\b" + command + "\\b");
        }
        String readme = Files.readString(Path.of("../README.md"));
        String table = readme.substring(readme.indexOf("## Commands"), readme.indexOf("\n## ", readme.indexOf("## Commands") + 1));
        List<String> picocli = List.of("train", "eval", "predict", "gradcheck", "graph", "example", "info", "shell", "--version");
        for (String command : Stream.concat(picocli.stream(), launcher.stream()).toList()) {
            assertThat(table).as("README's command table has a row for ./jgrad " + command).contains("| `./jgrad " + command);
        }
    }

    @Test
    void versionNamesJgradAndTheJdk() {
        Result r = run("--version");
        assertThat(r.code()).isZero();
        assertThat(r.out()).startsWith("jgrad ").contains("JDK " + Runtime.version().feature());
    }

    @Test
    void anUnknownCommandIsAUsageErrorOnOneLine() {
        Result r = run("trian");
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err().lines()).containsExactly("jgrad: unknown command 'trian'; did you mean train? (see ./jgrad --help)");
    }

    @Test
    void anUnknownOptionIsAUsageErrorNamingTheOptionAndTheCommand() {
        Result r = run("info", "--bogus");
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err().lines()).containsExactly("jgrad info: Unknown option: '--bogus' (see ./jgrad info --help)");
    }

    @Test
    void theExamplesAreSubcommandsWithTheirOwnHelp() {
        Result list = run("example");
        assertThat(list.code()).isZero();
        assertThat(list.out()).contains("moons", "mnist-conv", "iris");
        Result help = run("example", "moons", "--help");
        assertThat(help.code()).isZero();
        assertThat(help.out()).contains("Usage: jgrad example moons", "--out");
        Result unknown = run("example", "xyzzy"); // shares no letter pair with an example's name, so picocli suggests none
        assertThat(unknown.code()).isEqualTo(2);
        assertThat(unknown.err().lines()).containsExactly("jgrad example: no example 'xyzzy' (see ./jgrad example --help)");
    }

    @Test
    void everyCommandsHelpShowsItsOptionsWithDefaultsAndAnExample() {
        for (String command : new String[] {"train", "eval", "predict", "gradcheck", "graph", "info", "shell", "example"}) {
            Result r = run(command, "--help");
            assertThat(r.code()).as(command).isZero();
            assertThat(r.out()).as(command).contains("Usage: jgrad " + command, "Example", "./jgrad " + command);
        }
        assertThat(run("train", "--help").out().replaceAll("\\s+", " ")).contains("(default: mnist;", "(default: adam)",
                "(default: 1)", "(default: 28x28)", "(default: runs/<date-time>)", "--resume");
    }

    @Test
    void infoShowsTheJdkTheVectorSpeciesThreadsAndDataFolder() {
        Result r = run("info");
        assertThat(r.code()).isZero();
        assertThat(r.out()).contains("JDK", "float lanes", "kernel thread", "max heap", "data folder");
    }

    @Test
    void aMissingFileInAnExampleIsOneLineAndExitOne() {
        Result r = run("example", "iris", "--file", "no-such-dir/flowers.csv");
        assertThat(r.code()).isEqualTo(1);
        assertThat(r.err().lines()).containsExactly("jgrad example iris: no-such-dir/flowers.csv: no such file or folder");
    }

    @Test
    void debugAddsTheStackTrace() {
        Result r = run("--debug", "example", "iris", "--file", "no-such-dir/flowers.csv");
        assertThat(r.code()).isEqualTo(1);
        assertThat(r.err().lines().findFirst()).hasValue("jgrad example iris: no-such-dir/flowers.csv: no such file or folder");
        assertThat(r.err()).contains("java.nio.file.NoSuchFileException", "\tat ");
        Result after = run("example", "--debug", "iris", "--file", "no-such-dir/flowers.csv");
        assertThat(after.err()).contains("\tat ");
    }

    @Test
    void theShellEvaluatesWhatItIsFed() throws Exception {
        var out = new ByteArrayOutputStream();
        var in = new ByteArrayInputStream("Tensor.ones(2, 2).sum()\nValue.of(2).mul(Value.of(3)).data()\nOptimizerSpec.defaults(\"adam\").lr()\n/exit\n"
                .getBytes(StandardCharsets.UTF_8));
        int code = new ShellCommand(in, new PrintStream(out, true, StandardCharsets.UTF_8)).call();
        String text = out.toString(StandardCharsets.UTF_8);
        assertThat(code).isZero();
        assertThat(text).contains("tensor(4.)", "6.0", "0.001");
    }
}
