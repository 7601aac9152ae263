package jgrad.nn;

import java.util.ArrayList;
import java.util.List;
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

    /** Chains {@code layers} in the given order. */
    public Sequential(Layer... layers) {
        for (Layer layer : layers) this.layers.add(child(Integer.toString(this.layers.size()), layer));
    }

    /** Feeds {@code x} through every layer in order. */
    @Override
    public Tensor forward(Tensor x) {
        for (Layer layer : layers) x = layer.forward(x);
        return x;
    }

    /** The layer at {@code index}. */
    public Layer get(int index) {
        return layers.get(index);
    }

    /** The number of layers. */
    public int size() {
        return layers.size();
    }
}
