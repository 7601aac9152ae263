package jgrad.optim;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SequencedMap;
import java.util.Set;
import jgrad.tensor.DType;
import jgrad.tensor.Tensor;

/**
 * Updates parameters from their gradients, one {@link #step()} per batch. Subclasses write the
 * update rule per element on {@code double[]} arrays in {@link #update}; the base class hands
 * them the parameters' live data and gradients, so no graph is recorded and no tensors are
 * allocated per step. For float32 parameters the default {@link #updateFloat} widens values and
 * gradients to double scratch arrays and rounds back; {@link Sgd}, {@link RmsProp} and
 * {@link AdaGrad} override it with loops that read the floats directly, compute each element in
 * double and round once, which gives the same numbers without the extra passes. {@link Adam} and
 * {@link AdamW} compute a float32 parameter's update in float32, with float32 moments, as
 * PyTorch does: their square root and two divisions per element cost 3.5 times as much in double.
 *
 * <p>Per-parameter state (momentum, moment estimates) lives in buffers registered with
 * {@link #state} (float64) or {@link #floatState} (float32); {@link #stateDict()} exposes it as
 * named tensors of those dtypes ({@code "0.m"}, {@code "1.v"}, ..., plus {@code "lr"}) so a
 * checkpoint can hold it. {@link Adam} and {@link AdamW} keep float32 moments for float32
 * parameters, as PyTorch does; every other buffer is float64.
 *
 * <pre>{@code
 * var optimizer = new Adam(model.parameters(), 1e-3);
 * optimizer.zeroGrad();
 * Losses.crossEntropy(model.forward(x), labels).backward();
 * optimizer.step();
 * }</pre>
 */
public abstract class Optimizer {
    private final List<Tensor> params;
    /** Each parameter's buffers by name: a {@code double[]} or a {@code float[]}. */
    private final List<Map<String, Object>> state = new ArrayList<>();
    private double lr;
    private double[] scratchP = new double[0];
    private double[] scratchG = new double[0];

    /**
     * An optimizer for {@code params} (in iteration order; a parameter listed twice counts once)
     * with learning rate {@code lr}.
     *
     * @param params the tensors to update, each requiring a gradient
     * @param lr the learning rate, finite and {@code >= 0}
     * @throws IllegalArgumentException if {@code lr} is negative or not finite, or a tensor does
     *     not require a gradient
     */
    protected Optimizer(Iterable<? extends Tensor> params, double lr) {
        this.params = new ArrayList<>();
        Set<Tensor> seen = Collections.newSetFromMap(new IdentityHashMap<>());
        for (Tensor p : params) {
            if (!p.requiresGrad()) {
                throw new IllegalArgumentException(getClass().getSimpleName() + ": parameter " + this.params.size()
                        + " " + Arrays.toString(p.shape()) + " does not require a gradient");
            }
            if (seen.add(p)) {
                this.params.add(p);
                state.add(new LinkedHashMap<>());
            }
        }
        this.lr = checkLr(lr);
    }

    /**
     * Updates parameter {@code index} in place: {@code p} holds its values, {@code g} its gradient
     * (read only). Both are live or scratch arrays of length {@code n}, valid only during the call.
     *
     * @param index the parameter's position in {@link #params()}, the key of its state
     * @param p its values, updated in place
     * @param g its gradient
     * @param n the number of elements
     */
    protected abstract void update(int index, double[] p, double[] g, int n);

    /**
     * Updates float32 parameter {@code index} in place from its float32 gradient {@code g} (read
     * only); both are live arrays of length at least {@code n}, valid only during the call. The
     * default widens both to double, calls {@link #update(int, double[], double[], int)} and
     * rounds the values back to float. An override should give the same numbers (compute each
     * element as {@code update} does, in double, and round once when storing), or say how it
     * differs, as {@link Adam} does.
     *
     * @param index the parameter's position in {@link #params()}, the key of its state
     * @param p its values, updated in place
     * @param g its gradient
     * @param n the number of elements
     */
    protected void updateFloat(int index, float[] p, float[] g, int n) {
        double[] pd = scratchP = ensure(scratchP, n);
        double[] gd = scratchG = ensure(scratchG, n);
        for (int j = 0; j < n; j++) pd[j] = p[j];
        for (int j = 0; j < n; j++) gd[j] = g[j];
        update(index, pd, gd, n);
        for (int j = 0; j < n; j++) p[j] = (float) pd[j];
    }

    /**
     * The names of the per-parameter state buffers this optimizer keeps, used to reject a state
     * dict saved by another kind of optimizer; an empty list (the default) accepts any name.
     *
     * @return the names, e.g. {@code m, v, step} for Adam
     */
    protected List<String> stateNames() {
        return List.of();
    }

    /**
     * The length of state buffer {@code name} for a parameter of {@code numel} elements, checked
     * when a state dict is loaded: 1 for a step counter named {@code "step"}, else {@code numel}.
     * Override it for other scalar state.
     *
     * @param name a state buffer's name
     * @param numel the parameter's number of elements
     * @return the buffer's expected length
     */
    protected int stateLength(String name, int numel) {
        return name.equals("step") ? 1 : numel;
    }

    /** Applies one update to every parameter that has a gradient; parameters without one are skipped. */
    public void step() {
        for (int i = 0; i < params.size(); i++) {
            Tensor p = params.get(i);
            Tensor g = p.grad();
            if (g == null) continue;
            // A gradient always has its tensor's dtype: the engine checks every gradient it stores.
            if (p.dtype() == DType.FLOAT64) update(i, p.doubleData(), g.doubleData(), p.numel());
            else updateFloat(i, p.floatData(), g.floatData(), p.numel());
        }
    }

    /** Clears the gradient of every parameter. */
    public void zeroGrad() {
        for (Tensor p : params) p.zeroGrad();
    }

    /** {@return the parameters this optimizer updates, in order} */
    public List<Tensor> params() {
        return Collections.unmodifiableList(params);
    }

    /** {@return the current learning rate} */
    public double lr() {
        return lr;
    }

    /**
     * Sets the learning rate for the following steps (see {@link LrSchedule}).
     *
     * @param lr the new learning rate, finite and {@code >= 0}
     * @throws IllegalArgumentException if {@code lr} is negative or not finite
     */
    public void setLr(double lr) {
        this.lr = checkLr(lr);
    }

    private double checkLr(double lr) {
        if (!(lr >= 0) || Double.isInfinite(lr)) {
            throw new IllegalArgumentException(getClass().getSimpleName() + ": learning rate must be finite and >= 0, got " + lr);
        }
        return lr;
    }

    /**
     * The float64 state buffer {@code name} of parameter {@code index}, created as zeros of length
     * {@code n} on first use; subclasses keep their moments here so checkpoints see them. A
     * float32 buffer of that name (loaded from a state dict) is widened once.
     *
     * @param index the parameter's position in {@link #params()}
     * @param name the buffer's name, e.g. {@code "m"}
     * @param n its length
     * @return the live buffer, updated in place
     */
    protected final double[] state(int index, String name, int n) {
        Object buffer = state.get(index).get(name);
        if (buffer instanceof double[] d) return d;
        double[] d = new double[n];
        if (buffer instanceof float[] f) for (int j = 0; j < n; j++) d[j] = f[j];
        state.get(index).put(name, d);
        return d;
    }

    /**
     * The float32 state buffer {@code name} of parameter {@code index}, created as zeros of length
     * {@code n} on first use, like {@link #state}; a float64 buffer of that name (loaded from a
     * state dict, e.g. a checkpoint written before the buffer was float32) is rounded once.
     *
     * @param index the parameter's position in {@link #params()}
     * @param name the buffer's name, e.g. {@code "m"}
     * @param n its length
     * @return the live buffer, updated in place
     */
    protected final float[] floatState(int index, String name, int n) {
        Object buffer = state.get(index).get(name);
        if (buffer instanceof float[] f) return f;
        float[] f = new float[n];
        if (buffer instanceof double[] d) for (int j = 0; j < n; j++) f[j] = (float) d[j];
        state.get(index).put(name, f);
        return f;
    }

    /**
     * {@return true when parameter {@code index} already has the state buffer {@code name} (for first-step rules)}
     *
     * @param index the parameter's position in {@link #params()}
     * @param name the buffer's name
     */
    protected final boolean hasState(int index, String name) {
        return state.get(index).containsKey(name);
    }

    /**
     * The optimizer's state as named tensors in a fixed order: {@code "lr"} (float64), then each
     * parameter's buffers as {@code "<index>.<name>"} with the parameter's shape (steps counters are
     * 1-element tensors), float64 or float32 as the buffer is kept. The tensors are copies.
     *
     * @return a new map of copies
     */
    public SequencedMap<String, Tensor> stateDict() {
        var out = new LinkedHashMap<String, Tensor>();
        out.put("lr", Tensor.of(new double[] {lr}, 1));
        for (int i = 0; i < params.size(); i++) {
            int[] shape = params.get(i).shape();
            for (var e : state.get(i).entrySet()) {
                Tensor copy = switch (e.getValue()) {
                    case double[] d -> Tensor.of(d.clone(), d.length == params.get(i).numel() ? shape : new int[] {d.length});
                    case float[] f -> Tensor.of(f.clone(), f.length == params.get(i).numel() ? shape : new int[] {f.length});
                    default -> throw new AssertionError(e.getValue());
                };
                out.put(i + "." + e.getKey(), copy);
            }
        }
        return out;
    }

    /**
     * Restores state saved by {@link #stateDict()} from an optimizer of the same kind over
     * parameters of the same shapes. Everything is checked before anything changes.
     *
     * @param saved what {@link #stateDict()} returned, e.g. read back from a checkpoint
     * @throws IllegalArgumentException naming the first entry that does not fit
     */
    public void loadStateDict(Map<String, ? extends Tensor> saved) {
        Tensor savedLr = saved.get("lr");
        if (savedLr == null || savedLr.numel() != 1) {
            throw new IllegalArgumentException(getClass().getSimpleName() + ".loadStateDict: missing entry 'lr'");
        }
        List<Map<String, Object>> loaded = new ArrayList<>();
        for (int i = 0; i < params.size(); i++) loaded.add(new LinkedHashMap<>());
        for (var e : saved.entrySet()) {
            String key = e.getKey();
            if (key.equals("lr")) continue;
            int dot = key.indexOf('.');
            int index = -1;
            if (dot > 0) {
                try {
                    index = Integer.parseInt(key.substring(0, dot));
                } catch (NumberFormatException ignored) {
                    index = -1;
                }
            }
            if (index < 0 || index >= params.size()) {
                throw new IllegalArgumentException(getClass().getSimpleName() + ".loadStateDict: unexpected entry '" + key
                        + "' (this optimizer has " + params.size() + " parameters)");
            }
            String name = key.substring(dot + 1);
            if (!stateNames().isEmpty() && !stateNames().contains(name)) {
                throw new IllegalArgumentException(getClass().getSimpleName() + ".loadStateDict: unexpected entry '" + key
                        + "' (this optimizer keeps " + stateNames() + "; was the state saved by another optimizer?)");
            }
            Tensor t = e.getValue();
            int n = stateLength(name, params.get(index).numel());
            if (t.numel() != n) {
                throw new IllegalArgumentException(getClass().getSimpleName() + ".loadStateDict: entry '" + key + "' has shape "
                        + Arrays.toString(t.shape()) + " (" + t.numel() + " values) but needs " + n + " values for parameter "
                        + index + " of shape " + Arrays.toString(params.get(index).shape()));
            }
            // kept in the dtype it was saved in; state() and floatState() convert on first use
            loaded.get(index).put(name, t.dtype() == DType.FLOAT32 ? t.toFloatArray() : t.toDoubleArray());
        }
        setLr(savedLr.item());
        for (int i = 0; i < params.size(); i++) {
            state.get(i).clear();
            state.get(i).putAll(loaded.get(i));
        }
    }

    private static double[] ensure(double[] buf, int n) {
        return buf.length >= n ? buf : new double[n];
    }
}
