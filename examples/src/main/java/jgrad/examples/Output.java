package jgrad.examples;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import jgrad.charts.Chart;
import jgrad.charts.Gif;
import jgrad.charts.Graphviz;
import jgrad.io.AtomicFile;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * The {@code --out DIR} option every example shares (a picocli mixin): the folder the example
 * writes its files into, {@code runs/<example>/} by default, and the example's standard output.
 */
public final class Output {
    @Spec(Spec.Target.MIXEE)
    private CommandSpec mixee;

    @Option(names = "--out", paramLabel = "DIR", defaultValue = "runs/${COMMAND-NAME}/",
            description = "folder for the files the example writes (default: ${DEFAULT-VALUE})")
    private Path dir;

    /** The output folder (not created until a file is written). */
    public Path dir() {
        return dir;
    }

    /**
     * Where to write {@code name} inside the output folder; creates the folder.
     *
     * @throws IOException naming the folder if it cannot be created or is a file
     */
    public Path file(String name) throws IOException {
        return folder().resolve(name);
    }

    /**
     * The output folder, created if needed.
     *
     * @throws IOException naming the folder if it cannot be created or is a file
     */
    public Path folder() throws IOException {
        if (Files.exists(dir) && !Files.isDirectory(dir)) {
            throw new IOException("--out " + dir + " is a file, not a folder; give a folder for the example's files");
        }
        Files.createDirectories(dir);
        return dir;
    }

    /** Writes {@code text} (UTF-8) to {@code name} in the output folder, atomically; returns its path. */
    public Path write(String name, String text) throws IOException {
        Path file = file(name);
        AtomicFile.write(file, text.getBytes(StandardCharsets.UTF_8));
        return file;
    }

    /** Writes {@code chart} as {@code name.png} and {@code name.svg} in the output folder; returns both paths. */
    public List<Path> chart(Chart chart, String name) throws IOException {
        file(name);
        return chart.write(dir, name);
    }

    /** How long each frame of an example's GIF shows. */
    static final Duration FRAME_DELAY = Duration.ofMillis(600);

    /** Writes {@code frames} as the looping GIF {@code name.gif} in the output folder; returns its path. */
    public Path gif(String name, List<Chart> frames) throws IOException {
        return Gif.write(file(name + ".gif"), frames, FRAME_DELAY);
    }

    /**
     * Draws {@code dot} as {@code name.svg} in the output folder with Graphviz (or, without it,
     * writes {@code name.dot}); returns the line to print, which says which and why.
     */
    public String graph(String dot, String name) throws IOException {
        return Graphviz.render(dot, file(name + ".svg")).message();
    }

    /**
     * The example's standard output as a {@link PrintStream}: the picocli command's output writer
     * (so a caller that captures {@code CommandLine.setOut} captures the example), or
     * {@code System.out} when the command runs outside picocli.
     */
    public PrintStream stream() {
        return mixee == null || mixee.commandLine() == null ? System.out : stream(mixee.commandLine().getOut());
    }

    /** A UTF-8 {@link PrintStream} that hands each flushed piece of text to {@code writer}. */
    static PrintStream stream(PrintWriter writer) {
        var buffer = new ByteArrayOutputStream() {
            @Override
            public synchronized void flush() {
                writer.write(toString(StandardCharsets.UTF_8));
                writer.flush();
                reset();
            }
        };
        return new PrintStream(buffer, true, StandardCharsets.UTF_8);
    }
}
