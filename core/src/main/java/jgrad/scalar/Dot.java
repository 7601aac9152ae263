package jgrad.scalar;

import static java.nio.file.StandardCopyOption.ATOMIC_MOVE;
import static java.nio.file.StandardCopyOption.REPLACE_EXISTING;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The graph picture: {@link #graph(Value)} turns a value and everything it depends on into
 * Graphviz DOT text; {@link #render(Value, Path)} draws it to SVG or PNG with the {@code dot} program.
 * <pre>{@code
 * Value y = Value.of(2).label("a").mul(Value.of(-3).label("b")).label("y");
 * y.backward();
 * Dot.render(y, Path.of("y.svg"));   // or Dot.graph(y) for the text
 * }</pre>
 */
public final class Dot {
    private Dot() {}

    /**
     * DOT text, left to right: one box per value (label, data, grad) and one small node per op,
     * with edges input → op → output. Node ids follow the topological order, so equal graphs give
     * equal text.
     */
    public static String graph(Value root) {
        List<Value> order = root.topologicalOrder();
        Map<Value, Integer> id = new IdentityHashMap<>();
        var dot = new StringBuilder("digraph jgrad {\n  rankdir=LR;\n  node [fontname=\"Helvetica\"];\n");
        for (Value v : order) {
            int n = id.size();
            id.put(v, n);
            String name = v.label().isEmpty() ? "" : escape(v.label()) + " | ";
            dot.append(String.format(Locale.ROOT, "  v%d [shape=record, label=\"{ %sdata %.4f | grad %.4f }\"];%n",
                    n, name, v.data(), v.grad()));
            if (!v.op().isEmpty()) {
                dot.append(String.format("  op%d [shape=circle, label=\"%s\"];%n  op%d -> v%d;%n",
                        n, escape(v.op()), n, n));
                for (Value in : v.inputs()) dot.append(String.format("  v%d -> op%d;%n", id.get(in), n));
            }
        }
        return dot.append("}\n").toString();
    }

    /**
     * Writes the picture to {@code image} ({@code .svg} or {@code .png}) with Graphviz's {@code dot}
     * and returns that path. Without Graphviz it writes the DOT text next to it ({@code name.dot}),
     * prints a one-line hint to stderr and returns the {@code .dot} path. Files are written atomically.
     *
     * @throws IllegalArgumentException if the extension is neither {@code .svg} nor {@code .png}
     * @throws IOException if writing fails or {@code dot} reports an error
     */
    public static Path render(Value root, Path image) throws IOException {
        return render(root, image, "dot");
    }

    static Path render(Value root, Path image, String dotProgram) throws IOException {
        String file = image.getFileName().toString();
        String base = file.contains(".") ? file.substring(0, file.lastIndexOf('.')) : file;
        String format = file.substring(base.length()).toLowerCase(Locale.ROOT);
        if (!format.equals(".svg") && !format.equals(".png")) {
            throw new IllegalArgumentException("Dot.render: " + image + " must end in .svg or .png");
        }
        Files.createDirectories(image.toAbsolutePath().getParent());
        String tmp = "." + file + "." + ProcessHandle.current().pid(); // temp files with umask permissions
        Path dotTmp = image.resolveSibling(tmp + ".dot"), imageTmp = image.resolveSibling(tmp + format);
        try {
            Files.writeString(dotTmp, graph(root));
            Process p;
            try {
                p = new ProcessBuilder(dotProgram, "-T" + format.substring(1), "-o", imageTmp.toString(), dotTmp.toString())
                        .redirectErrorStream(true).start();
            } catch (IOException notInstalled) {
                Path dotFile = Files.move(dotTmp, image.resolveSibling(base + ".dot"), REPLACE_EXISTING, ATOMIC_MOVE);
                System.err.println("jgrad: Graphviz 'dot' not found, wrote " + dotFile + " instead of " + image
                        + " (install it: apt-get install graphviz)");
                return dotFile;
            }
            String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
            if (p.waitFor() != 0) throw new IOException("dot failed for " + image + ": " + output);
            return Files.move(imageTmp, image, REPLACE_EXISTING, ATOMIC_MOVE);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while running dot for " + image, e);
        } finally {
            Files.deleteIfExists(dotTmp);
            Files.deleteIfExists(imageTmp);
        }
    }

    private static String escape(String s) {
        return s.replaceAll("([{}|<>\"\\\\])", "\\\\$1");
    }
}
