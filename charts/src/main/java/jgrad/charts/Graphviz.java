package jgrad.charts;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import jgrad.io.AtomicFile;

/**
 * Draws Graphviz DOT text (from {@code jgrad.scalar.Dot} or {@code jgrad.viz.Dot}) to SVG or PNG
 * with the {@code dot} program, under a timeout. When {@code dot} is not installed, fails or
 * takes too long, it writes the DOT text instead ({@code name.dot} next to the image) and says
 * why in the result: it never prints, the caller does.
 * <pre>{@code
 * Graphviz.Result r = Graphviz.render(Dot.graph(loss), Path.of("runs/graph.svg"));
 * System.out.println(r.message());
 * // wrote runs/graph.svg
 * }</pre>
 */
public final class Graphviz {
    /** How long {@code dot} may run before it is stopped. */
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(30);

    private Graphviz() {}

    /** What {@link #render} wrote: the picture, or the DOT text with the reason. */
    public sealed interface Result {
        /** {@return the file written (the image, or the {@code .dot} fallback)} */
        Path file();

        /** {@return one line for the user: what was written and, for a fallback, why and what to do} */
        String message();
    }

    /**
     * {@code dot} drew the picture into {@code file}.
     *
     * @param file the SVG or PNG written
     */
    public record Rendered(Path file) implements Result {
        @Override
        public String message() {
            return "wrote " + file;
        }
    }

    /**
     * {@code dot} could not draw {@code image}, so the DOT text is in {@code file}; {@code reason}
     * says why.
     *
     * @param file the {@code .dot} file written instead
     * @param image the picture that was asked for
     * @param reason why it was not drawn, with what to do (e.g. install Graphviz)
     */
    public record DotOnly(Path file, Path image, String reason) implements Result {
        @Override
        public String message() {
            String format = image.getFileName().toString().substring(image.getFileName().toString().lastIndexOf('.') + 1);
            return reason + "; wrote " + file + " instead (draw it later with: dot -T" + format + " " + file + " -o "
                    + image + ")";
        }
    }

    /**
     * Renders with {@code dot} and the {@link #DEFAULT_TIMEOUT}; see {@link #render(String, Path, Duration)}.
     *
     * @param dot the graph as DOT text
     * @param image where to draw it, ending in {@code .svg} or {@code .png}
     * @return what was written
     * @throws IOException if the DOT text or the image cannot be written
     */
    public static Result render(String dot, Path image) throws IOException {
        return render(dot, image, DEFAULT_TIMEOUT, "dot");
    }

    /**
     * Writes {@code dot} drawn as {@code image} ({@code .svg} or {@code .png}, atomically), or, when
     * Graphviz is missing, fails or times out, the text as {@code image}'s name with {@code .dot}.
     *
     * @param dot the graph as DOT text
     * @param image where to draw it, ending in {@code .svg} or {@code .png}
     * @param timeout how long {@code dot} may run
     * @return what was written
     * @throws IllegalArgumentException if the extension is neither {@code .svg} nor {@code .png}
     * @throws IOException if a file cannot be written
     */
    public static Result render(String dot, Path image, Duration timeout) throws IOException {
        return render(dot, image, timeout, "dot");
    }

    static Result render(String dot, Path image, Duration timeout, String program) throws IOException {
        String file = image.getFileName().toString();
        int dotAt = file.lastIndexOf('.');
        String format = dotAt < 0 ? "" : file.substring(dotAt + 1).toLowerCase(Locale.ROOT);
        if (!format.equals("svg") && !format.equals("png")) {
            throw new IllegalArgumentException("Graphviz.render: " + image + " must end in .svg or .png");
        }
        Path dotFile = image.resolveSibling(file.substring(0, dotAt) + ".dot");
        byte[] text = dot.getBytes(StandardCharsets.UTF_8);
        Process p;
        try {
            p = new ProcessBuilder(program, "-T" + format).redirectErrorStream(false).start();
        } catch (IOException notInstalled) {
            return fallback(dotFile, image, text, "Graphviz '" + program + "' was not found (install it: apt-get install graphviz)");
        }
        try {
            // dot reads the text on stdin and writes the picture on stdout; stderr is kept for the reason.
            var stdout = new ByteArrayOutputStream();
            var stderr = new ByteArrayOutputStream();
            Thread out = Thread.ofVirtual().start(() -> copy(p.getInputStream(), stdout));
            Thread err = Thread.ofVirtual().start(() -> copy(p.getErrorStream(), stderr));
            try (var in = p.getOutputStream()) {
                in.write(text);
            } catch (IOException closedEarly) {
                // dot exited before reading everything; its exit code and stderr say why
            }
            if (!p.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                p.destroyForcibly();
                return fallback(dotFile, image, text, "Graphviz did not finish within "
                        + (timeout.toMillis() % 1000 == 0 ? timeout.toSeconds() + " s" : timeout.toMillis() + " ms"));
            }
            out.join();
            err.join();
            String why = stderr.toString(StandardCharsets.UTF_8).strip().lines().findFirst().orElse("");
            if (p.exitValue() != 0 || stdout.size() == 0) {
                return fallback(dotFile, image, text, "Graphviz failed (exit " + p.exitValue() + ")" + (why.isEmpty() ? "" : ": " + why));
            }
            AtomicFile.write(image, stdout.toByteArray());
            return new Rendered(image);
        } catch (InterruptedException e) {
            p.destroyForcibly();
            Thread.currentThread().interrupt();
            return fallback(dotFile, image, text, "interrupted while Graphviz was drawing");
        }
    }

    private static Result fallback(Path dotFile, Path image, byte[] text, String reason) throws IOException {
        AtomicFile.write(dotFile, text);
        return new DotOnly(dotFile, image, reason);
    }

    private static void copy(InputStream in, ByteArrayOutputStream out) {
        try (in) {
            in.transferTo(out);
        } catch (IOException ignored) {
            // the process was stopped; what was read so far is kept
        }
    }
}
