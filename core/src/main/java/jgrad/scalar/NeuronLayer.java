package jgrad.scalar;

import java.util.ArrayList;
import java.util.List;
import java.util.random.RandomGenerator;

/** A fully connected layer: {@code nout} neurons that each see all {@code nin} inputs. */
public final class NeuronLayer {
    private final List<Neuron> neurons;
    private final List<Value> parameters; // built once: a training step asks for them several times

    /**
     * {@code nout} neurons of {@code nin} inputs each, initialised in order from {@code rng}.
     *
     * @param nin inputs of each neuron
     * @param nout number of neurons, at least 1
     * @param activation the non-linearity of every neuron
     * @param rng the source of the initial weights, drawn neuron by neuron
     * @throws IllegalArgumentException if {@code nin < 1} or {@code nout < 1}
     */
    public NeuronLayer(int nin, int nout, Neuron.Activation activation, RandomGenerator rng) {
        if (nout < 1) throw new IllegalArgumentException("NeuronLayer: nout must be >= 1, got " + nout);
        List<Neuron> list = new ArrayList<>(nout);
        for (int i = 0; i < nout; i++) list.add(new Neuron(nin, activation, rng));
        this.neurons = List.copyOf(list);
        this.parameters = neurons.stream().flatMap(n -> n.parameters().stream()).toList();
    }

    /**
     * One output per neuron.
     *
     * @param x the inputs, {@code nin} of them, seen by every neuron
     * @return one output per neuron, in neuron order, as new values in the graph
     */
    public List<Value> forward(List<Value> x) {
        return neurons.stream().map(n -> n.forward(x)).toList();
    }

    /** {@return the neurons, in order} */
    public List<Neuron> neurons() { return neurons; }

    /** {@return all weights and biases, neuron by neuron} */
    public List<Value> parameters() { return parameters; }
}
