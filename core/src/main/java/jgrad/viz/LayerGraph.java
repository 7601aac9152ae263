package jgrad.viz;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import jgrad.tensor.Tensor;

/**
 * A small network of hand-written layers ({@code jgrad.manual}) described for a picture: the
 * inputs, each layer with the values it takes and the value it gives, and, after the backward
 * pass, the gradient of each value. {@link Dot#graph(LayerGraph)} draws it with the forward
 * values on the edges and the gradients under them. Plain data: it holds numbers and labels,
 * never the layers themselves. The curriculum's shopping example:
 * <pre>{@code
 * var g = new LayerGraph();
 * var apple = g.input("apple", 100);
 * var appleCount = g.input("apple count", 2);
 * var tax = g.input("tax", 1.1);
 * var applePrice = g.layer("×", "apple price", 200, apple, appleCount);
 * var price = g.layer("×", "price", 220, applePrice, tax);
 * g.gradient(price, 1).gradient(applePrice, 1.1).gradient(tax, 200)
 *  .gradient(apple, 2.2).gradient(appleCount, 110);
 * String dot = Dot.graph(g);
 * }</pre>
 */
public final class LayerGraph {
    private final List<Edge> edges = new ArrayList<>();

    /** An empty graph. */
    public LayerGraph() {}

    /**
     * A value flowing from an input or a layer to the layers that use it (one edge in the
     * picture per use; a value no layer uses is drawn as an output). Identity matters: pass the
     * object {@link #input} or {@link #layer} returned.
     */
    public static final class Edge {
        private final int index;
        private final String name;
        private final String layer; // null for an input
        private final List<Edge> inputs;
        private final String value;
        private String gradient;

        private Edge(int index, String name, String layer, List<Edge> inputs, String value) {
            this.index = index;
            this.name = name;
            this.layer = layer;
            this.inputs = inputs;
            this.value = value;
        }

        /** {@return the position in creation order, from 0} */
        public int index() {
            return index;
        }

        /** {@return the value's name, e.g. {@code "apple price"} (may be empty for an unnamed inner value)} */
        public String name() {
            return name;
        }

        /** {@return the label of the layer that computed this value, e.g. {@code "×"}; null for an input} */
        public String layer() {
            return layer;
        }

        /** {@return true for a graph input (no layer computed it)} */
        public boolean isInput() {
            return layer == null;
        }

        /** {@return the values the layer took, in order; empty for an input} */
        public List<Edge> inputs() {
            return inputs;
        }

        /** {@return the forward value as drawn, e.g. {@code "200"} or {@code "[1, 2]"}} */
        public String value() {
            return value;
        }

        /** {@return the gradient as drawn, or null before {@link LayerGraph#gradient} set it} */
        public String gradient() {
            return gradient;
        }
    }

    /**
     * Adds an input holding a number.
     *
     * @param name the label drawn for it
     * @param value its value
     * @return the new edge
     */
    public Edge input(String name, double value) {
        return add(name, null, List.of(), Dot.number(value));
    }

    /**
     * Adds an input holding a tensor (drawn as its values when small, else as its shape).
     *
     * @param name the label drawn for it
     * @param value its value
     * @return the new edge
     */
    public Edge input(String name, Tensor value) {
        return add(name, null, List.of(), text(value));
    }

    /**
     * Adds a layer labelled {@code layer} (e.g. {@code "×"}, {@code "+"}, {@code "Affine"}) that
     * took {@code inputs} and gave {@code output}, named {@code outputName}; returns that output.
     *
     * @param layer the layer's label
     * @param outputName the output's name
     * @param output the output's value
     * @param inputs the edges the layer took, in order
     * @return the output's edge
     * @throws IllegalArgumentException if there are no inputs or one is not from this graph
     */
    public Edge layer(String layer, String outputName, double output, Edge... inputs) {
        return add(outputName, layer, check(layer, inputs), Dot.number(output));
    }

    /**
     * Adds a layer whose output is a tensor; see {@link #layer(String, String, double, Edge...)}.
     *
     * @param layer the layer's label
     * @param outputName the output's name
     * @param output the output's value
     * @param inputs the edges the layer took, in order
     * @return the output's edge
     */
    public Edge layer(String layer, String outputName, Tensor output, Edge... inputs) {
        return add(outputName, layer, check(layer, inputs), text(output));
    }

    /**
     * Records {@code d(output)/d(edge)} from the backward pass; returns this graph for chaining.
     *
     * @param edge an edge of this graph
     * @param gradient the gradient of the final output with respect to the edge's value
     * @return this graph
     * @throws IllegalArgumentException if the edge is not from this graph
     */
    public LayerGraph gradient(Edge edge, double gradient) {
        own(edge, "gradient").gradient = Dot.number(gradient);
        return this;
    }

    /**
     * Records a tensor gradient; see {@link #gradient(Edge, double)}.
     *
     * @param edge an edge of this graph
     * @param gradient the gradient of the final output with respect to the edge's value
     * @return this graph
     */
    public LayerGraph gradient(Edge edge, Tensor gradient) {
        own(edge, "gradient").gradient = text(gradient);
        return this;
    }

    /** {@return all values in creation order (inputs and layer outputs)} */
    public List<Edge> edges() {
        return List.copyOf(edges);
    }

    private Edge add(String name, String layer, List<Edge> inputs, String value) {
        if (name == null) throw new IllegalArgumentException("LayerGraph: a value needs a name (may be empty)");
        var e = new Edge(edges.size(), name, layer, inputs, value);
        edges.add(e);
        return e;
    }

    private List<Edge> check(String layer, Edge[] inputs) {
        if (layer == null || layer.isEmpty()) throw new IllegalArgumentException("LayerGraph.layer: needs a label");
        if (inputs.length == 0) throw new IllegalArgumentException("LayerGraph.layer: " + layer + " has no inputs");
        for (Edge in : inputs) own(in, "layer " + layer);
        return List.of(inputs);
    }

    private Edge own(Edge e, String where) {
        if (e == null || e.index >= edges.size() || edges.get(e.index) != e) {
            throw new IllegalArgumentException("LayerGraph." + where + ": the edge is not from this graph");
        }
        return e;
    }

    /** A scalar as a number, up to six values as a list, anything bigger as its shape. */
    private static String text(Tensor t) {
        if (t.numel() == 1) return Dot.number(t.item());
        if (t.numel() > 6) return "tensor " + Arrays.toString(t.shape());
        double[] v = t.toDoubleArray();
        List<String> parts = new ArrayList<>();
        for (double x : v) parts.add(Dot.number(x));
        return "[" + String.join(", ", parts) + "]";
    }
}
