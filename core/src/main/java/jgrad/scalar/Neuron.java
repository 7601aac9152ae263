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

        /**
         * Applies this activation to {@code z}.
         *
         * @param z the pre-activation {@code w·x + b}
         * @return a new value in the graph ({@code z} itself for {@code LINEAR})
         */
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
    private final List<Value> parameters; // built once: a training step asks for them several times

    /**
     * A neuron with {@code nin} inputs, drawing its weights from {@code rng}.
     *
     * @param nin number of inputs, at least 1
     * @param activation the non-linearity applied to {@code w·x + b}
     * @param rng the source of the initial weights, drawn in input order
     * @throws IllegalArgumentException if {@code nin < 1}
     */
    public Neuron(int nin, Activation activation, RandomGenerator rng) {
        if (nin < 1) throw new IllegalArgumentException("Neuron: nin must be >= 1, got " + nin);
        this.w = rng.doubles(nin, -1, 1).mapToObj(Value::of).toList();
        this.b = Value.of(0);
        this.activation = activation;
        this.parameters = Stream.concat(w.stream(), Stream.of(b)).toList();
    }

    /**
     * {@code act(w·x + b)}; {@code x} must have {@code nin} entries.
     *
     * @param x the inputs, {@code nin} of them
     * @return the neuron's output, a new value in the graph
     * @throws IllegalArgumentException if {@code x} does not have {@code nin} entries
     */
    public Value forward(List<Value> x) {
        if (x.size() != w.size()) {
            throw new IllegalArgumentException("Neuron: got " + x.size() + " inputs, expected " + w.size());
        }
        Value z = b;
        for (int i = 0; i < w.size(); i++) z = z.add(w.get(i).mul(x.get(i)));
        return activation.apply(z);
    }

    /** {@return the weights, one per input} */
    public List<Value> weights() { return w; }

    /** {@return the bias} */
    public Value bias() { return b; }

    /** {@return the activation of this neuron} */
    public Activation activation() { return activation; }

    /** {@return the weights, then the bias} */
    public List<Value> parameters() { return parameters; }
}
