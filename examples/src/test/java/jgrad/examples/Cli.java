package jgrad.examples;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import picocli.CommandLine;

/** Test helpers: parse an example's options with picocli, run it with captured output. */
final class Cli {
    private Cli() {}

    /** {@code command} with {@code args} parsed into its fields, ready for its {@code run} method. */
    static <T> T parse(T command, String... args) {
        new CommandLine(command).parseArgs(args);
        return command;
    }

    /** A stream that keeps what is printed; read it with {@link Captured#text()}. */
    static final class Captured {
        private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        final PrintStream stream = new PrintStream(bytes, true, StandardCharsets.UTF_8);

        String text() {
            return bytes.toString(StandardCharsets.UTF_8);
        }
    }

    /** What {@code CommandLine.execute} returned and printed. */
    record Ran(int exitCode, String out, String err) {}

    /** Runs {@code command} through picocli as the cli would, with the output captured. */
    static Ran execute(Object command, String... args) {
        var out = new StringWriter();
        var err = new StringWriter();
        int code = new CommandLine(command).setOut(new PrintWriter(out, true)).setErr(new PrintWriter(err, true)).execute(args);
        return new Ran(code, out.toString(), err.toString());
    }
}
