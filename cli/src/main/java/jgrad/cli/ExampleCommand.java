package jgrad.cli;

import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * {@code ./jgrad example [NAME [OPTIONS]]}: the curriculum examples of module {@code examples}
 * ({@code jgrad.examples.Examples.commands()}), each a subcommand with its own options and
 * {@code --help}; without a name, lists them.
 */
@Command(name = "example", header = "Run a curriculum example (without NAME: list them)", mixinStandardHelpOptions = true,
        description = "Run one of the curriculum examples; without NAME, list them. ./jgrad example NAME --help shows"
                + " the options of one.",
        footer = {"", "Examples:", "  ./jgrad example", "  ./jgrad example moons", "  ./jgrad example mnist --epochs 1",
            "  ./jgrad example mnist --help"})
final class ExampleCommand implements Callable<Integer> {
    @Spec
    private CommandSpec spec;

    /** Adds every example as a subcommand of {@code example}. */
    static void addExamples(CommandLine example) {
        for (Object command : jgrad.examples.Examples.commands()) example.addSubcommand(command);
    }

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        out.println("examples (run one with ./jgrad example NAME; NAME --help shows its options):");
        for (CommandLine e : spec.commandLine().getSubcommands().values()) {
            String description = String.join(" ", e.getCommandSpec().usageMessage().description()).replace("%%", "%");
            out.printf("  %-20s %s%n", e.getCommandName(), description);
        }
        out.flush();
        return Errors.ExitCode.OK;
    }
}
