package jgrad.examples;

import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;

/** Option checks that end in picocli's usage error, so that a bad value gives one line and exit 2. */
final class Checks {
    private Checks() {}

    /**
     * Does nothing when {@code ok}; otherwise throws a {@link CommandLine.ParameterException}
     * whose message is {@code "<example>: " + message}.
     */
    static void require(CommandSpec spec, boolean ok, String message) {
        if (!ok) throw new CommandLine.ParameterException(spec.commandLine(), spec.name() + ": " + message);
    }
}
