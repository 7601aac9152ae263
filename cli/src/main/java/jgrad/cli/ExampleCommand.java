package jgrad.cli;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/**
 * {@code ./jgrad example [NAME [OPTIONS]]}: runs one of the curriculum examples of module
 * {@code examples}; without a name, lists them. Everything after NAME goes to the example.
 */
// NOTE: delegates to jgrad.examples.Main until the examples module offers its programs as picocli
// commands (Examples.commands()); they then become subcommands here, each with its own --help.
@Command(name = "example", mixinStandardHelpOptions = true,
        description = "Run one of the curriculum examples; without NAME, list them.",
        footer = {"", "Examples:", "  ./jgrad example", "  ./jgrad example moons", "  ./jgrad example mnist --epochs 1"})
final class ExampleCommand implements Callable<Integer> {
    @Parameters(index = "0", arity = "0..1", paramLabel = "NAME", description = "the example to run (default: list them)")
    private String name;

    @Parameters(index = "1..*", paramLabel = "OPTION", description = "options of the example, e.g. --epochs 1")
    private List<String> options = new ArrayList<>();

    @Override
    public Integer call() throws Exception {
        List<String> args = new ArrayList<>(List.of("example"));
        if (name != null) args.add(name);
        args.addAll(options);
        jgrad.examples.Main.main(args.toArray(String[]::new));
        return Errors.ExitCode.OK;
    }
}
