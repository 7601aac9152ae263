package jgrad.nn;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.SequencedMap;
import java.util.Set;
import java.util.function.BiConsumer;
import java.util.function.Supplier;
import jgrad.tensor.GradMode;
import jgrad.tensor.Tensor;

/**
 * A building block of a network: a {@code Layer} is PyTorch's {@code nn.Module}. It maps a tensor
 * to a tensor in {@link #forward} and owns parameters, buffers and child layers, each registered
 * explicitly and kept in registration order, so names and iteration order never depend on hashing.
 *
 * <pre>{@code
 * final class Mlp extends Layer {
 *     private final Linear fc1, fc2;
 *     Mlp(RandomGenerator rng) {
 *         fc1 = child("fc1", new Linear(784, 100, rng));
 *         fc2 = child("fc2", new Linear(100, 10, rng));
 *     }
 *     public Tensor forward(Tensor x) { return fc2.forward(fc1.forward(x).relu()); }
 * }
 * new Mlp(rng).namedParameters().keySet()   // [fc1.weight, fc1.bias, fc2.weight, fc2.bias]
 * }</pre>
 */
public abstract class Layer {
    private final Map<String, Parameter> params = new LinkedHashMap<>();
    private final Map<String, Tensor> buffers = new LinkedHashMap<>();
    private final Map<String, Layer> children = new LinkedHashMap<>();
    private boolean training = true;

    /** Creates a layer with nothing registered, in training mode. */
    protected Layer() {}

    /**
     * Computes this layer's output for {@code x}; shapes are documented by each layer.
     *
     * @param x a batch, examples along the first dimension
     * @return the output, recording the graph when {@code x} or a parameter requires grad
     */
    public abstract Tensor forward(Tensor x);

    /**
     * Registers a parameter initialised with a copy of {@code initial} and returns it.
     *
     * @param name the entry's name in {@link #stateDict()}, unique in this layer
     * @param initial the initial values (copied)
     * @return the new parameter, to keep in a field
     */
    protected final Parameter param(String name, Tensor initial) {
        checkName(name);
        var p = new Parameter(initial);
        params.put(name, p);
        return p;
    }

    /**
     * Registers a buffer: state that is saved in the {@link #stateDict()} but is not trained, such
     * as batch-norm running statistics.
     *
     * @param name the entry's name in {@link #stateDict()}, unique in this layer
     * @param tensor the state, kept (not copied)
     * @return {@code tensor} itself (update it in place)
     */
    protected final Tensor buffer(String name, Tensor tensor) {
        checkName(name);
        buffers.put(name, tensor);
        return tensor;
    }

    /**
     * Registers a child layer, whose entries are then named {@code name + "." + entry}.
     *
     * @param <L> the child's type
     * @param name the child's name, unique in this layer
     * @param layer the child
     * @return {@code layer}, to keep in a field
     */
    protected final <L extends Layer> L child(String name, L layer) {
        checkName(name);
        boolean[] cycle = {false};
        ((Layer) layer).visit("", (prefix, descendant) -> cycle[0] |= descendant == this);
        if (cycle[0]) {
            throw new IllegalArgumentException("child '" + name + "': a layer cannot contain itself ("
                    + getClass().getSimpleName() + " is already inside " + layer.getClass().getSimpleName() + ")");
        }
        children.put(name, layer);
        return layer;
    }

    private void checkName(String name) {
        if (name == null || name.isEmpty() || name.contains(".")) {
            throw new IllegalArgumentException("bad name '" + name + "': must be non-empty without '.'");
        }
        if (params.containsKey(name) || buffers.containsKey(name) || children.containsKey(name)) {
            throw new IllegalArgumentException("name '" + name + "' is already registered in "
                    + getClass().getSimpleName());
        }
    }

    /** {@return the direct child layers, by name, in registration order} */
    public final SequencedMap<String, Layer> namedChildren() {
        return new LinkedHashMap<>(children);
    }

    /**
     * All parameters of this layer and its descendants, depth first in registration order, named
     * like {@code "fc1.weight"}. A parameter shared by two layers is listed once, under its first name.
     *
     * @return a new map; the parameters are live, not copies
     */
    public final SequencedMap<String, Parameter> namedParameters() {
        var out = new LinkedHashMap<String, Parameter>();
        Set<Parameter> seen = Collections.newSetFromMap(new IdentityHashMap<>());
        visit("", (prefix, layer) -> layer.params.forEach((name, p) -> {
            if (seen.add(p)) out.put(prefix + name, p);
        }));
        return out;
    }

    /** {@return all parameters in the order of {@link #namedParameters()}, ready for an optimizer} */
    public final List<Parameter> parameters() {
        return new ArrayList<>(namedParameters().values());
    }

    /** Clears the gradient of every parameter (call before each backward pass). */
    public final void zeroGrad() {
        for (Parameter p : parameters()) p.zeroGrad();
    }

    /**
     * Switches this layer and its descendants to training mode (dropout on, batch statistics).
     *
     * @return this layer
     */
    public final Layer train() {
        visit("", (prefix, layer) -> layer.training = true);
        return this;
    }

    /**
     * Switches this layer and its descendants to evaluation mode (dropout off, running statistics).
     *
     * @return this layer
     */
    public final Layer eval() {
        visit("", (prefix, layer) -> layer.training = false);
        return this;
    }

    /** {@return true in training mode (the default), false after {@link #eval()}} */
    public final boolean isTraining() {
        return training;
    }

    /**
     * Runs {@code body} in evaluation mode without recording a graph, then restores this layer's
     * mode: the one wrapper for predicting and evaluating.
     *
     * @param <T> what {@code body} returns
     * @param body the forward passes to run
     * @return what {@code body} returned
     */
    public final <T> T inference(Supplier<T> body) {
        boolean wasTraining = training;
        eval();
        try (var ignored = GradMode.off()) {
            return body.get();
        } finally {
            if (wasTraining) train();
        }
    }

    /**
     * A snapshot of every parameter and buffer by dotted name, in PyTorch's order (a layer's
     * parameters, then its buffers, then its children). The tensors are copies, so later training
     * does not change them; save them with {@code jgrad.io.SafeTensors}.
     *
     * @return a new map of copies
     */
    public final SequencedMap<String, Tensor> stateDict() {
        var out = new LinkedHashMap<String, Tensor>();
        try (var ignored = GradMode.off()) {
            entries().forEach((name, t) -> out.put(name, t.detach().copy()));
        }
        return out;
    }

    /**
     * Copies the values of {@code state} into this layer's parameters and buffers (converting the
     * dtype if needed). All entries are checked first; nothing changes when any is wrong.
     *
     * @param state entries named as {@link #stateDict()} names them, e.g. read from a safetensors file
     * @throws IllegalArgumentException naming every missing, unexpected or wrongly shaped entry
     */
    public final void loadStateDict(Map<String, ? extends Tensor> state) {
        SequencedMap<String, Tensor> own = entries();
        List<String> problems = new ArrayList<>();
        Set<String> unexpected = new LinkedHashSet<>(state.keySet());
        unexpected.removeAll(own.keySet());
        List<String> missing = new ArrayList<>();
        own.forEach((name, t) -> {
            Tensor src = state.get(name);
            if (src == null) {
                missing.add(name);
            } else if (!Arrays.equals(src.shape(), t.shape())) {
                problems.add(name + " has shape " + Arrays.toString(src.shape()) + " but the layer expects "
                        + Arrays.toString(t.shape()));
            }
        });
        if (!missing.isEmpty()) problems.add(0, "missing " + missing);
        if (!unexpected.isEmpty()) problems.add("unexpected " + unexpected.stream().sorted().toList());
        if (!problems.isEmpty()) {
            throw new IllegalArgumentException("loadStateDict into " + getClass().getSimpleName() + ": "
                    + String.join("; ", problems));
        }
        try (var ignored = GradMode.off()) {
            own.forEach((name, t) -> t.set(state.get(name))); // set converts the dtype itself
        }
    }

    /** Live parameters and buffers by dotted name, in state-dict order. */
    private SequencedMap<String, Tensor> entries() {
        var out = new LinkedHashMap<String, Tensor>();
        visit("", (prefix, layer) -> {
            layer.params.forEach((name, p) -> out.putIfAbsent(prefix + name, p));
            layer.buffers.forEach((name, b) -> out.putIfAbsent(prefix + name, b));
        });
        return out;
    }

    /** Calls {@code action} on this layer and then on each descendant, depth first, with its name prefix. */
    private void visit(String prefix, BiConsumer<String, Layer> action) {
        action.accept(prefix, this);
        children.forEach((name, c) -> c.visit(prefix + name + ".", action));
    }

    /** The class name and the children, indented, like PyTorch's module printout. */
    @Override
    public String toString() {
        if (children.isEmpty()) return describe();
        var sb = new StringBuilder(getClass().getSimpleName()).append("(\n");
        children.forEach((name, c) -> sb.append("  (").append(name).append("): ")
                .append(c.toString().replace("\n", "\n  ")).append('\n'));
        return sb.append(')').toString();
    }

    /** {@return a one-line description such as {@code Linear(in=784, out=100)}; subclasses may override} */
    protected String describe() {
        return getClass().getSimpleName() + "()";
    }
}
