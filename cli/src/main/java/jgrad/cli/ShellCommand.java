package jgrad.cli;

import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import jdk.jshell.tool.JavaShellToolBuilder;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code ./jgrad shell}: JShell with jgrad on the class path, the Vector API module added and
 * jgrad's packages imported, so {@code Value} and {@code Tensor} can be tried line by line.
 * Snippets run in this JVM (JShell's local execution), so the launcher's flags apply to them.
 */
@Command(name = "shell", header = "Start JShell with jgrad on the class path", mixinStandardHelpOptions = true,
        description = {"Start JShell with jgrad on the class path and its packages imported"
                + " (jgrad.scalar, jgrad.tensor, jgrad.nn, jgrad.optim, jgrad.data, jgrad.train, jgrad.io, jgrad.model).",
            "Type /exit to leave, /help for JShell's commands."},
        footer = {"", "Examples:", "  ./jgrad shell",
            "  jshell> var a = Value.of(2); var b = a.mul(a).add(a); b.backward(); a.grad()",
            "  jshell> Tensor.randn(new SplittableRandom(1), DType.FLOAT32, 2, 3).softmax(1)",
            "  echo 'Tensor.ones(2, 2).sum()' | ./jgrad shell"})
final class ShellCommand implements Callable<Integer> {
    /** What every session starts with; also shown by {@code /list -start}. */
    static final String STARTUP = """
            import java.nio.file.*;
            import java.util.*;
            import java.util.random.*;
            import jgrad.scalar.*;
            import jgrad.tensor.*;
            import jgrad.nn.*;
            import jgrad.optim.*;
            import jgrad.data.*;
            import jgrad.train.*;
            import jgrad.io.*;
            import jgrad.model.*;
            """;

    @Option(names = "--feedback", defaultValue = "normal", paramLabel = "MODE",
            description = "how much JShell reports after each snippet: verbose, normal, concise or silent"
                    + " (default: ${DEFAULT-VALUE})")
    private String feedback = "normal";

    private final InputStream in;
    private final PrintStream out;

    /** A shell on the process's standard streams. */
    ShellCommand() {
        this(System.in, System.out);
    }

    /** A shell reading snippets from {@code in} and printing to {@code out} (for tests). */
    ShellCommand(InputStream in, PrintStream out) {
        this.in = in;
        this.out = out;
    }

    @Override
    public Integer call() throws Exception {
        Path startup = Files.createTempFile("jgrad-shell-", ".jsh");
        try {
            Files.writeString(startup, STARTUP, StandardCharsets.UTF_8);
            List<String> args = new ArrayList<>(List.of(
                    "--execution", "local", // snippets run here, with this JVM's --add-modules and heap
                    "--class-path", System.getProperty("java.class.path"),
                    "--add-modules", "jdk.incubator.vector",
                    "--startup", "DEFAULT", "--startup", startup.toString(),
                    "--feedback", feedback));
            out.println("jgrad " + Version.jgrad() + " shell: jgrad's packages are imported; try"
                    + " Tensor.ones(2, 3).sum() or Value.of(3).tanh(). /exit leaves.");
            out.flush();
            int code = JavaShellToolBuilder.builder().in(in, null).out(out).err(out).start(args.toArray(String[]::new));
            return code == 0 ? Errors.ExitCode.OK : Errors.ExitCode.FAILURE;
        } finally {
            Files.deleteIfExists(startup);
        }
    }
}
