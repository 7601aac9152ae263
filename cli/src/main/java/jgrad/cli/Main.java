package jgrad.cli;

import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.List;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;
import picocli.CommandLine.Spec;

/**
 * {@code ./jgrad}: the command line of jgrad. Each subcommand is a class in this package; they
 * turn options into typed values, call the library, and print. Errors become one line on stderr
 * and an exit code ({@link Errors}).
 */
@Command(name = "jgrad", mixinStandardHelpOptions = true, versionProvider = Version.class,
        description = "Deep learning from scratch in Java: train, evaluate and use models, run the examples.",
        subcommands = {TrainCommand.class, EvalCommand.class, PredictCommand.class, ExampleCommand.class,
            GradcheckCommand.class, GraphCommand.class, InfoCommand.class, ShellCommand.class, CommandLine.HelpCommand.class},
        footer = {"",
            "Launcher commands (handled by ./jgrad itself, not listed above):",
            "  spark-train   train on Apache Spark (train's options, --master, --partitions)",
            "  bench NAME    kernel and training-step benchmarks (./jgrad bench lists them)",
            "  bench-spark   jgrad on Spark against in-process training and Spark MLlib",
            "  test          the default test suite;  test-slow: the long runs;",
            "                test-browser: report.html in headless Chromium;",
            "                test-cluster: a standalone Spark cluster on this machine",
            "  build         build, and install the jars into ~/.m2 for your own code",
            "  package       dist/jgrad-<version>-linux-x64.tar.gz, which runs without a JDK",
            "  javadoc       the API reference in target/reports/apidocs; fails on a warning",
            "  java-home     print the JDK the launcher uses",
            "",
            "Exit codes: 0 success, 1 failure (data, file, numeric),",
            "            2 usage error, 130 interrupted.",
            "--debug (or JGRAD_DEBUG=1) adds the stack trace to an error."})
public final class Main implements Runnable {
    @Spec
    private CommandSpec spec;

    private final PrintStream out;
    private final PrintStream err;

    private Main(PrintStream out, PrintStream err) {
        this.out = out;
        this.err = err;
    }

    /** Where commands print results (standard output, or a test's stream). */
    PrintStream out() {
        return out;
    }

    /** Where commands print messages about themselves (standard error, or a test's stream). */
    PrintStream err() {
        return err;
    }

    /** Whether error reports carry the stack trace; set by {@code --debug} on any subcommand. */
    private boolean debug = "1".equals(System.getenv("JGRAD_DEBUG"));

    @Option(names = "--debug", scope = ScopeType.INHERIT,
            description = "print the stack trace behind an error (also: JGRAD_DEBUG=1)")
    void debug(boolean on) {
        if (on) debug = true;
    }

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    /**
     * Runs {@code ./jgrad ARGS} and exits with its exit code.
     *
     * @param args a subcommand and its options, as typed after {@code jgrad}
     */
    public static void main(String[] args) {
        int code = run(args, System.out, System.err);
        System.out.flush();
        System.exit(code);
    }

    /**
     * Runs {@code ./jgrad ARGS} with output to {@code out} and errors to {@code err}; returns
     * the exit code (0 success, 1 failure, 2 usage error, 130 interrupted). Public so that other
     * modules' tests can run {@code ./jgrad} commands in process.
     *
     * @param args the command line after {@code ./jgrad}
     * @param out standard output of the command
     * @param err where error lines go
     * @return the exit code
     */
    public static int run(String[] args, PrintStream out, PrintStream err) {
        CommandLine cli = commandLine(out, err);
        return cli.execute(args);
    }

    /** The command tree with jgrad's error handling, printing to {@code out} and {@code err}. */
    static CommandLine commandLine(PrintStream out, PrintStream err) {
        CommandLine cli = new CommandLine(new Main(out, err));
        ExampleCommand.addExamples(cli.getSubcommands().get("example")); // before the settings below, which apply to subcommands
        cli.setOut(new PrintWriter(out, true, StandardCharsets.UTF_8));
        cli.setErr(new PrintWriter(err, true, StandardCharsets.UTF_8));
        cli.setUsageHelpAutoWidth(true);
        cli.setParameterExceptionHandler((e, args) -> report(e, e.getCommandLine(), err));
        cli.setExecutionExceptionHandler((e, command, parsed) -> report(e, command, err));
        return cli;
    }

    /**
     * Runs a command that lives outside the {@code ./jgrad} tree (e.g. {@code jgrad.spark.SparkTrain},
     * whose class path holds Spark) with the same error handling: one line on {@code err} and the
     * exit code of {@link Errors} (0, 1 failure, 2 usage, 130 interrupted); {@code --debug} in the
     * arguments or {@code JGRAD_DEBUG=1} adds the stack trace.
     *
     * @param command a picocli command object
     * @param args the command line for it
     * @param out standard output of the command
     * @param err where error lines go
     * @return the exit code
     */
    public static int execute(Object command, String[] args, PrintStream out, PrintStream err) {
        CommandLine cli = new CommandLine(command);
        cli.setOut(new PrintWriter(out, true, StandardCharsets.UTF_8));
        cli.setErr(new PrintWriter(err, true, StandardCharsets.UTF_8));
        cli.setUsageHelpAutoWidth(true);
        boolean debug = "1".equals(System.getenv("JGRAD_DEBUG")) || List.of(args).contains("--debug");
        cli.setParameterExceptionHandler((e, a) -> report(e, e.getCommandLine(), err, debug));
        cli.setExecutionExceptionHandler((e, c, parsed) -> report(e, c, err, debug));
        return cli.execute(args);
    }

    private static int report(Throwable error, CommandLine command, PrintStream err) {
        return report(error, command, err, command.getCommandSpec().root().userObject() instanceof Main main && main.debug);
    }

    private static int report(Throwable error, CommandLine command, PrintStream err, boolean debug) {
        String name = commandPath(command);
        Errors.Report r = Errors.report(error, name);
        err.println("jgrad" + (name.isEmpty() ? "" : " " + name) + ": " + r.line());
        if (debug) error.printStackTrace(err);
        err.flush();
        return r.exitCode();
    }

    /**
     * {@code "train"} for {@code ./jgrad train}, {@code ""} for the top command, the command's own
     * name for one run by {@link #execute} ({@code "spark-train"}).
     */
    private static String commandPath(CommandLine command) {
        if (!(command.getCommandSpec().root().userObject() instanceof Main)) return command.getCommandSpec().qualifiedName(" ");
        String qualified = command.getCommandSpec().qualifiedName(" ");
        List<String> parts = List.of(qualified.split(" "));
        return String.join(" ", parts.subList(1, parts.size()));
    }
}
