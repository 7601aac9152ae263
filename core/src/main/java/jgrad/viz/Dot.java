package jgrad.viz;

import java.math.BigDecimal;
import java.math.MathContext;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import jgrad.tensor.Op;
import jgrad.tensor.Tensor;

/**
 * Graphviz DOT text for tensor graphs and hand-written layer graphs. Pure functions: the text
 * depends only on the graph, so equal graphs give equal text; render it with the {@code charts}
 * module's {@code Graphviz.render(dot, Path.of("graph.svg"))}.
 * <pre>{@code
 * Tensor w = Tensor.randn(rng, 3, 2).requiresGrad(true);
 * Tensor loss = x.matmul(w).relu().sum();
 * String dot = Dot.graph(loss, Map.of("x", x, "w", w));
 * // digraph jgrad { ... n0 [shape=box, ..., label="x\n[4, 3] float32"]; ... }
 * }</pre>
 */
public final class Dot {
    private static final String FONT = "node [fontname=\"Helvetica\", fontsize=11];\n"
            + "  edge [fontname=\"Helvetica\", fontsize=10];\n";

    private Dot() {}

    /**
     * {@return the graph of {@code root}: see {@link #graph(Tensor, Map)}; leaves are unnamed}
     *
     * @param root the tensor whose graph to draw, e.g. a loss
     */
    public static String graph(Tensor root) {
        return graph(root, Map.of());
    }

    /**
     * The graph of {@code root}, left to right: one box per leaf (its name from {@code names} when
     * known, such as {@code model.namedParameters()}; its value when it has one element; else
     * "leaf" for one that requires grad, "data" for one that does not), one ellipse per recorded op
     * labelled with the op's name and its output's shape, and edges input → op in call order. The
     * root op is drawn bold, with its value when it has one element (a loss). Nodes are numbered
     * inputs first, so equal graphs give equal text.
     *
     * @param root the tensor whose graph to draw, e.g. a loss
     * @param names tensors to name, looked up by identity (not {@code equals})
     * @return the DOT text, for Graphviz or {@code jgrad.charts.Graphviz}
     */
    public static String graph(Tensor root, Map<String, ? extends Tensor> names) {
        Map<Tensor, String> nameOf = new IdentityHashMap<>();
        names.forEach((name, t) -> nameOf.put(t, name));
        List<Tensor> order = topologicalOrder(root);
        Map<Tensor, Integer> id = new IdentityHashMap<>();
        var dot = new StringBuilder("digraph jgrad {\n  rankdir=LR;\n  ").append(FONT);
        for (Tensor t : order) {
            int n = id.size();
            id.put(t, n);
            String shape = t.dtype() + " " + shape(t);
            if (t.creator().isEmpty()) {
                String name = nameOf.get(t);
                String label = name != null ? name
                        : t.numel() == 1 ? number(t.item()) : t.requiresGrad() ? "leaf" : "data";
                String fill = t.requiresGrad() ? "#dbe9f6" : "#eeeeee";
                dot.append(String.format("  n%d [shape=box, style=\"rounded,filled\", fillcolor=\"%s\", label=\"%s\\n%s\"];%n",
                        n, fill, escape(label), shape));
                continue;
            }
            Op op = t.creator().get();
            String value = t == root && t.numel() == 1 ? "\\n= " + number(t.item()) : "";
            String bold = t == root ? ", penwidth=2" : "";
            dot.append(String.format("  n%d [shape=ellipse, style=filled, fillcolor=\"#fde9c9\"%s, label=\"%s\\n%s%s\"];%n",
                    n, bold, escape(op.opName()), shape(t), value));
            for (Tensor in : op.inputs()) dot.append(String.format("  n%d -> n%d;%n", id.get(in), n));
        }
        return dot.append("}\n").toString();
    }

    /**
     * The picture of a network of hand-written layers: inputs as plain names on the left, one node
     * per layer, the outputs as plain names on the right, and on each edge the value that flows
     * forward (black) with, once known, its gradient flowing backward (red) under it.
     *
     * @param graph the recorded layers and values
     * @return the DOT text, for Graphviz or {@code jgrad.charts.Graphviz}
     */
    public static String graph(LayerGraph graph) {
        var dot = new StringBuilder("digraph jgrad {\n  rankdir=LR;\n  ordering=in;\n  ").append(FONT)
                .append("  labelloc=b;\n  fontname=\"Helvetica\";\n  fontsize=10;\n")
                .append("  label=\"forward values in black, gradients d(output)/d(value) in red\";\n");
        List<LayerGraph.Edge> edges = graph.edges();
        for (LayerGraph.Edge e : edges) {
            String id = node(e);
            if (e.isInput()) {
                dot.append(String.format("  %s [shape=plaintext, label=\"%s\"];%n", id, escape(e.name())));
            } else {
                String shape = e.layer().length() <= 2 ? "circle" : "box, style=rounded";
                dot.append(String.format("  %s [shape=%s, label=\"%s\"];%n", id, shape, escape(e.layer())));
            }
        }
        // each layer's inputs in its own order, which ordering=in keeps from top to bottom
        for (LayerGraph.Edge layer : edges) {
            for (LayerGraph.Edge e : layer.inputs()) dot.append(edge(e, node(layer), false));
        }
        for (LayerGraph.Edge e : edges) {
            if (edges.stream().noneMatch(consumer -> consumer.inputs().contains(e))) {
                String out = "out" + e.index();
                dot.append(String.format("  %s [shape=plaintext, label=\"%s\"];%n", out, escape(e.name())));
                dot.append(edge(e, out, true));
            }
        }
        return dot.append("}\n").toString();
    }

    /** The edge from {@code e}'s node to {@code target}: the value's name (between layers), value and gradient. */
    private static String edge(LayerGraph.Edge e, String target, boolean toOutput) {
        String name = e.isInput() || toOutput || e.name().isEmpty() ? ""
                : "<font point-size=\"9\" color=\"#666666\">" + html(e.name()) + "</font><br/>";
        String grad = e.gradient() == null ? "" : "<br/><font color=\"#c0392b\">" + html(e.gradient()) + "</font>";
        return String.format("  %s -> %s [label=<%s%s%s>];%n", node(e), target, name, html(e.value()), grad);
    }

    private static String node(LayerGraph.Edge e) {
        return (e.isInput() ? "in" : "layer") + e.index();
    }

    /** Inputs before outputs; iterative, so a deep graph cannot overflow the call stack. */
    private static List<Tensor> topologicalOrder(Tensor root) {
        record Frame(Tensor node, boolean inputsDone) {}
        List<Tensor> order = new ArrayList<>();
        Map<Tensor, Boolean> seen = new IdentityHashMap<>();
        var stack = new ArrayDeque<Frame>();
        stack.push(new Frame(root, false));
        while (!stack.isEmpty()) {
            Frame f = stack.pop();
            if (f.inputsDone()) {
                order.add(f.node());
            } else if (seen.put(f.node(), Boolean.TRUE) == null) {
                stack.push(new Frame(f.node(), true));
                List<Tensor> inputs = f.node().creator().map(Op::inputs).orElse(List.of());
                for (Tensor in : inputs.reversed()) stack.push(new Frame(in, false));
            }
        }
        return order;
    }

    private static String shape(Tensor t) {
        return Arrays.toString(t.shape());
    }

    /**
     * A number as a reader would write it: six significant digits, trailing zeros dropped, so the
     * float32 result 715.00006 shows as 715 and 2.2000000476 as 2.2.
     */
    static String number(double v) {
        if (Double.isNaN(v) || Double.isInfinite(v)) return Double.toString(v);
        if (v == 0) return "0";
        double a = Math.abs(v);
        if (a < 1e-4 || a >= 1e7) return String.format(Locale.ROOT, "%.4e", v);
        return new BigDecimal(v).round(new MathContext(6)).stripTrailingZeros().toPlainString();
    }

    /** Escapes a label for a double-quoted DOT string. */
    private static String escape(String s) {
        return s.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n");
    }

    /** Escapes text for a DOT HTML-like label. */
    private static String html(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
