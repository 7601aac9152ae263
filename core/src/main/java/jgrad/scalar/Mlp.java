package jgrad.scalar;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import java.util.random.RandomGenerator;

/**
 * A multi-layer perceptron of {@link NeuronLayer}s: {@code new Mlp(2, 16, 16, 1)} maps 2 inputs
 * through two ReLU layers of 16 to one linear output, micrograd's moons network.
 * <pre>{@code
 * var model = new Mlp(new SplittableRandom(1), 2, 4, 4, 1);
 * Value y = model.forward(1.0, -2.0).get(0);
 * model.parameters().size();   // 2*4+4 + 4*4+4 + 4*1+1 = 37
 * }</pre>
 * The last layer is linear by default: a ReLU output can die (stay at 0) and stop learning.
 */
public final class Mlp {
    /** The seed of {@link #Mlp(int, int...)}, so that two such models are identical. */
    public static final long DEFAULT_SEED = 42;

    private final List<NeuronLayer> layers;
    private final List<Value> parameters; // built once: a training step asks for them several times

    /**
     * ReLU hidden layers and a linear output, initialised from {@code new SplittableRandom(DEFAULT_SEED)}.
     *
     * @param nin inputs of the first layer
     * @param nouts the output count of each layer, input side first; the last is the model's output count
     * @throws IllegalArgumentException if {@code nouts} is empty
     */
    public Mlp(int nin, int... nouts) {
        this(new SplittableRandom(DEFAULT_SEED), nin, nouts);
    }

    /**
     * ReLU hidden layers and a linear output, initialised from {@code rng}.
     *
     * @param rng the source of the initial weights, drawn layer by layer
     * @param nin inputs of the first layer
     * @param nouts the output count of each layer, input side first; the last is the model's output count
     * @throws IllegalArgumentException if {@code nouts} is empty
     */
    public Mlp(RandomGenerator rng, int nin, int... nouts) {
        this(rng, Neuron.Activation.RELU, Neuron.Activation.LINEAR, nin, nouts);
    }

    /**
     * Chosen activations for the hidden layers and for the last layer.
     *
     * @param rng the source of the initial weights, drawn layer by layer
     * @param hidden the activation of every layer but the last
     * @param last the activation of the last layer
     * @param nin inputs of the first layer
     * @param nouts the output count of each layer, input side first; the last is the model's output count
     * @throws IllegalArgumentException if {@code nouts} is empty
     */
    public Mlp(RandomGenerator rng, Neuron.Activation hidden, Neuron.Activation last, int nin, int... nouts) {
        if (nouts.length == 0) throw new IllegalArgumentException("Mlp: needs at least one layer size");
        List<NeuronLayer> list = new ArrayList<>(nouts.length);
        int in = nin;
        for (int i = 0; i < nouts.length; i++) {
            list.add(new NeuronLayer(in, nouts[i], i == nouts.length - 1 ? last : hidden, rng));
            in = nouts[i];
        }
        this.layers = List.copyOf(list);
        this.parameters = layers.stream().flatMap(layer -> layer.parameters().stream()).toList();
    }

    /**
     * Runs {@code x} through every layer; returns the last layer's outputs.
     *
     * @param x the inputs, {@code nin} of them
     * @return the last layer's outputs, one per neuron, as new values in the graph
     */
    public List<Value> forward(List<Value> x) {
        for (NeuronLayer layer : layers) x = layer.forward(x);
        return x;
    }

    /**
     * {@link #forward(List)} on constant inputs.
     *
     * @param x the input values, {@code nin} of them, each wrapped in a new {@link Value}
     * @return the last layer's outputs, one per neuron, as new values in the graph
     */
    public List<Value> forward(double... x) {
        return forward(Arrays.stream(x).mapToObj(Value::of).toList());
    }

    /** {@return the layers, input side first} */
    public List<NeuronLayer> layers() { return layers; }

    /** {@return all weights and biases, layer by layer, in a fixed order} */
    public List<Value> parameters() { return parameters; }

    /** Sets every parameter's gradient to 0; call it before each {@code backward()}. */
    public void zeroGrad() {
        parameters().forEach(Value::zeroGrad);
    }
}
