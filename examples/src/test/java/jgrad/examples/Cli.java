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

    /** The number of frames of the GIF {@code file}, which must decode. */
    static int gifFrames(java.nio.file.Path file) throws java.io.IOException {
        javax.imageio.ImageReader reader = javax.imageio.ImageIO.getImageReadersByFormatName("gif").next();
        try (var in = javax.imageio.ImageIO.createImageInputStream(file.toFile())) {
            reader.setInput(in);
            return reader.getNumImages(true);
        }
    }

    /** The width and height of the PNG {@code file}, which must decode. */
    static int[] pngSize(java.nio.file.Path file) throws java.io.IOException {
        var image = javax.imageio.ImageIO.read(file.toFile());
        if (image == null) throw new java.io.IOException(file + " is not an image");
        return new int[] {image.getWidth(), image.getHeight()};
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
