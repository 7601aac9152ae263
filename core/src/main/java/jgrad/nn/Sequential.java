package jgrad.nn;

import java.util.ArrayList;
import java.util.List;
import jgrad.tensor.Activation;
import jgrad.tensor.Tensor;

/**
 * Layers applied one after another; the children are named {@code "0"}, {@code "1"}, ... as in
 * PyTorch, so parameters are named like {@code "0.weight"}.
 *
 * <pre>{@code
 * var model = new Sequential(new Linear(784, 100, rng), new Relu(), new Linear(100, 10, rng));
 * model.namedParameters().keySet()   // [0.weight, 0.bias, 2.weight, 2.bias]
 * }</pre>
 */
public final class Sequential extends Layer {
    private final List<Layer> layers = new ArrayList<>();

    /**
     * Chains {@code layers} in the given order.
     *
     * @param layers the layers, first applied first
     */
    public Sequential(Layer... layers) {
        for (Layer layer : layers) this.layers.add(child(Integer.toString(this.layers.size()), layer));
    }

    /**
     * Feeds {@code x} through every layer in order. A run of {@code Conv2d, Relu, MaxPool2d} runs
     * as one fused op ({@link Tensor#conv2dReluMaxPool}), and a {@code Linear} followed by a
     * {@code Relu}, {@code Sigmoid} or {@code Tanh} as another ({@link Tensor#linear}), each with
     * the same values and gradients as the layers one by one.
     */
    @Override
    public Tensor forward(Tensor x) {
        for (int i = 0; i < layers.size(); i++) {
            Layer layer = layers.get(i);
            Layer next = i + 1 < layers.size() ? layers.get(i + 1) : null;
            if (layer instanceof Conv2d conv && next instanceof Relu && i + 2 < layers.size()
                    && layers.get(i + 2) instanceof MaxPool2d pool) {
                x = conv.forwardReluMaxPool(x, pool);
                i += 2;
            } else if (layer instanceof Linear linear && activation(next) != null) {
                x = linear.forward(x, activation(next));
                i += 1;
            } else {
                x = layer.forward(x);
            }
        }
        return x;
    }

    /** The activation a layer applies, when it is one of those a linear layer fuses; else null. */
    private static Activation activation(Layer layer) {
        if (layer instanceof Relu) return Activation.RELU;
        if (layer instanceof Sigmoid) return Activation.SIGMOID;
        if (layer instanceof Tanh) return Activation.TANH;
        return null;
    }

    /**
     * The layer at {@code index}.
     *
     * @param index from 0
     * @return the layer
     */
    public Layer get(int index) {
        return layers.get(index);
    }

    /** {@return the number of layers} */
    public int size() {
        return layers.size();
    }
}
