package jgrad.nn;

import java.util.random.RandomGenerator;
import jgrad.tensor.Activation;
import jgrad.tensor.Tensor;

/**
 * Fully connected layer {@code y = x wᵀ + b}: input {@code (batch, in)}, output {@code (batch, out)},
 * weight {@code (out, in)} and bias {@code (out)} as in PyTorch (the curriculum's {@code Affine}
 * stores {@code W} as {@code (in, out)}; this is its transpose).
 */
public final class Linear extends Layer {
    private final Parameter weight;
    private final Parameter bias;

    /**
     * A float32 layer with PyTorch's default initialisation: weight and bias uniform on
     * {@code [-1/sqrt(in), 1/sqrt(in))}, drawn from {@code rng} (weight first).
     *
     * @param in input features
     * @param out output features
     * @param rng the source of the initial weights
     */
    public Linear(int in, int out, RandomGenerator rng) {
        this(Init.torchDefault(rng, in, out, in), Init.torchDefault(rng, in, out));
    }

    /**
     * A layer with the given initial weight {@code (out, in)} and bias {@code (out)}, copied; a null
     * bias means no bias. Use it for custom initialisers or float64.
     *
     * @param weight the initial weight {@code (out, in)}
     * @param bias the initial bias {@code (out)}, or null for none
     * @throws IllegalArgumentException if the shapes do not fit together
     */
    public Linear(Tensor weight, Tensor bias) {
        if (weight.ndim() != 2 || (bias != null && (bias.ndim() != 1 || bias.size(0) != weight.size(0)))) {
            throw new IllegalArgumentException("Linear: weight " + java.util.Arrays.toString(weight.shape())
                    + " and bias " + (bias == null ? "null" : java.util.Arrays.toString(bias.shape()))
                    + " do not fit (need (out, in) and (out))");
        }
        this.weight = param("weight", weight);
        this.bias = bias == null ? null : param("bias", bias);
    }

    /** {@code (batch, in)} to {@code (batch, out)}. */
    @Override
    public Tensor forward(Tensor x) {
        return Functional.linear(x, weight, bias);
    }

    /** {@code activation(forward(x))} as one fused op (used by {@link Sequential}). */
    Tensor forward(Tensor x, Activation activation) {
        return Functional.linear(x, weight, bias, activation);
    }

    /** {@return the weight {@code (out, in)}} */
    public Parameter weight() {
        return weight;
    }

    /** {@return the bias {@code (out)}, or null when the layer has none} */
    public Parameter bias() {
        return bias;
    }

    @Override
    protected String describe() {
        return "Linear(in=" + weight.size(1) + ", out=" + weight.size(0) + (bias == null ? ", bias=false)" : ")");
    }
}
