package jgrad.scalar;

import java.util.List;
import java.util.random.RandomGenerator;
import java.util.stream.Stream;

/**
 * One neuron: {@code act(w·x + b)} for {@code nin} inputs. Weights start uniform in
 * {@code [-1, 1)} and the bias at 0, as in micrograd.
 */
public final class Neuron {
    /** The non-linearity applied to {@code w·x + b}. */
    public enum Activation {
        /** {@code max(0, z)}. */
        RELU,
        /** {@code tanh(z)}. */
        TANH,
        /** {@code z} itself: a linear unit. */
        LINEAR;

        /** Applies this activation to {@code z}. */
        public Value apply(Value z) {
            return switch (this) {
                case RELU -> z.relu();
                case TANH -> z.tanh();
                case LINEAR -> z;
            };
        }
    }

    private final List<Value> w;
    private final Value b;
    private final Activation activation;

    /** A neuron with {@code nin} inputs, drawing its weights from {@code rng}. */
    public Neuron(int nin, Activation activation, RandomGenerator rng) {
        if (nin < 1) throw new IllegalArgumentException("Neuron: nin must be >= 1, got " + nin);
        this.w = rng.doubles(nin, -1, 1).mapToObj(Value::of).toList();
        this.b = Value.of(0);
        this.activation = activation;
    }

    /** {@code act(w·x + b)}; {@code x} must have {@code nin} entries. */
    public Value forward(List<Value> x) {
        if (x.size() != w.size()) {
            throw new IllegalArgumentException("Neuron: got " + x.size() + " inputs, expected " + w.size());
        }
        Value z = b;
        for (int i = 0; i < w.size(); i++) z = z.add(w.get(i).mul(x.get(i)));
        return activation.apply(z);
    }

    /** The weights, one per input. */
    public List<Value> weights() { return w; }

    /** The bias. */
    public Value bias() { return b; }

    /** The activation of this neuron. */
    public Activation activation() { return activation; }

    /** Weights then bias. */
    public List<Value> parameters() {
        return Stream.concat(w.stream(), Stream.of(b)).toList();
    }
}
