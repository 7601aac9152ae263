package jgrad.examples;

import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import picocli.CommandLine;

/**
 * Entry point of {@code ./jgrad} until the {@code cli} module takes over: {@code example NAME
 * [options]} runs one of {@link Examples#commands()} through picocli; {@code example} alone lists
 * them. Exit codes: 0 success, 1 failure (a file, the data), 2 usage error.
 */
public final class Main {
    private Main() {}

    private static final String USAGE = """
            usage: ./jgrad example [NAME [options]]   (without NAME: list the examples; NAME --help: its options)
                   ./jgrad bench [gemm | mlp | elementwise | peak | train | jmh ...]   (without a name: its usage)
                   ./jgrad test [maven args] | test-slow | build | java-home""";

    /** Runs the command line and exits with its code. */
    public static void main(String[] args) {
        int code = run(args, System.out, System.err);
        System.out.flush();
        if (code != 0) System.exit(code);
    }

    /** Runs the command line, printing to {@code out} and {@code err}; returns the exit code. */
    static int run(String[] args, PrintStream out, PrintStream err) {
        if (args.length == 0 || List.of("help", "--help", "-h").contains(args[0])) {
            out.println(USAGE);
            return 0;
        }
        if (!args[0].equals("example")) {
            err.println("jgrad: unknown command '" + args[0] + "'");
            err.println(USAGE);
            return 2;
        }
        List<CommandLine> examples = Examples.commands().stream().map(CommandLine::new).toList();
        if (args.length == 1 || List.of("--help", "-h").contains(args[1])) {
            out.println("examples (run one with ./jgrad example NAME; NAME --help shows its options):");
            for (CommandLine e : examples) {
                out.printf("  %-20s %s%n", e.getCommandName(), String.join(" ", e.getCommandSpec().usageMessage().description()).replace("%%", "%"));
            }
            return 0;
        }
        String name = args[1];
        CommandLine example = examples.stream().filter(e -> e.getCommandName().equals(name)).findFirst().orElse(null);
        if (example == null) {
            err.println("jgrad: no example '" + name + "'; known: "
                    + String.join(", ", examples.stream().map(CommandLine::getCommandName).toList()));
            return 2;
        }
        example.setOut(new PrintWriter(out, true, StandardCharsets.UTF_8));
        example.setErr(new PrintWriter(err, true, StandardCharsets.UTF_8));
        example.setParameterExceptionHandler((e, rest) -> {
            String message = e.getMessage().startsWith(name + ": ") ? e.getMessage() : name + ": " + e.getMessage();
            err.println("jgrad: " + message + " (./jgrad example " + name + " --help lists the options)");
            return 2;
        });
        example.setExecutionExceptionHandler((e, commandLine, parsed) -> {
            err.println("jgrad: " + name + ": " + (e.getMessage() == null ? e.toString() : e.getMessage()));
            if (System.getenv("JGRAD_DEBUG") != null) e.printStackTrace(err);
            return 1;
        });
        return example.execute(Arrays.copyOfRange(args, 2, args.length));
    }
}
