package jgrad.scalar;

import java.util.IdentityHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The graph picture: {@link #graph(Value)} turns a value and everything it depends on into
 * Graphviz DOT text. A pure function: drawing the text (running the {@code dot} program) is the
 * {@code charts} module's {@code Graphviz.render}.
 * <pre>{@code
 * Value y = Value.of(2).label("a").mul(Value.of(-3).label("b")).label("y");
 * y.backward();
 * String dot = Dot.graph(y);
 * Graphviz.render(dot, Path.of("y.svg"));   // jgrad.charts.Graphviz, outside core
 * }</pre>
 */
public final class Dot {
    private Dot() {}

    /**
     * DOT text, left to right: one box per value (label, data, grad) and one small node per op,
     * with edges input → op → output. Node ids follow the topological order, so equal graphs give
     * equal text.
     *
     * @param root the value to draw, with everything it depends on
     * @return the DOT text of one {@code digraph}, ending in a newline
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

    private static String escape(String s) {
        return s.replaceAll("([{}|<>\"\\\\])", "\\\\$1");
    }
}
