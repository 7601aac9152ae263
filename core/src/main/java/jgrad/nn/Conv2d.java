package jgrad.nn;

import java.util.Arrays;
import java.util.random.RandomGenerator;
import jgrad.tensor.Tensor;

/**
 * 2-D convolution over NCHW input: {@code (batch, inChannels, h, w)} to
 * {@code (batch, outChannels, (h + 2 padding - k) / stride + 1, (w + 2 padding - k) / stride + 1)}
 * with a square kernel; weight {@code (out, in, k, k)} and bias {@code (out)} as in PyTorch.
 */
public final class Conv2d extends Layer {
    private final Parameter weight;
    private final Parameter bias;
    private final int stride;
    private final int padding;

    /**
     * A float32 layer with PyTorch's default initialisation: weight and bias uniform on
     * {@code [-1/sqrt(fanIn), 1/sqrt(fanIn))} with {@code fanIn = in * k * k}, drawn from {@code rng}.
     *
     * @param inChannels channels of the input
     * @param outChannels filters, the channels of the output
     * @param kernelSize height and width of each filter
     * @param stride pixels between filter positions, {@code >= 1}
     * @param padding zero pixels added on each side, {@code >= 0}
     * @param rng the source of the initial weights
     */
    public Conv2d(int inChannels, int outChannels, int kernelSize, int stride, int padding, RandomGenerator rng) {
        this(Init.torchDefault(rng, inChannels * kernelSize * kernelSize, outChannels, inChannels, kernelSize, kernelSize),
                Init.torchDefault(rng, inChannels * kernelSize * kernelSize, outChannels), stride, padding);
    }

    /**
     * A layer with the given initial weight {@code (out, in, k, k)} and bias {@code (out)} (copied;
     * null for no bias).
     *
     * @param weight the initial weight {@code (out, in, k, k)}
     * @param bias the initial bias {@code (out)}, or null for none
     * @param stride pixels between filter positions, {@code >= 1}
     * @param padding zero pixels added on each side, {@code >= 0}
     * @throws IllegalArgumentException if the shapes do not fit or stride/padding are out of range
     */
    public Conv2d(Tensor weight, Tensor bias, int stride, int padding) {
        int[] ws = weight.shape();
        if (ws.length != 4 || ws[2] != ws[3] || (bias != null && !Arrays.equals(bias.shape(), new int[] {ws[0]}))) {
            throw new IllegalArgumentException("Conv2d: weight " + Arrays.toString(ws) + " and bias "
                    + (bias == null ? "null" : Arrays.toString(bias.shape())) + " do not fit (need (out, in, k, k) and (out))");
        }
        if (stride < 1 || padding < 0) {
            throw new IllegalArgumentException("Conv2d: need stride >= 1 and padding >= 0, got " + stride + " and " + padding);
        }
        this.weight = param("weight", weight);
        this.bias = bias == null ? null : param("bias", bias);
        this.stride = stride;
        this.padding = padding;
    }

    /** {@code (batch, in, h, w)} to {@code (batch, out, h', w')}. */
    @Override
    public Tensor forward(Tensor x) {
        return Functional.conv2d(x, weight, bias, stride, padding);
    }

    /** {@code pool.forward(relu(forward(x)))} as one fused op (used by {@link Sequential}). */
    Tensor forwardReluMaxPool(Tensor x, MaxPool2d pool) {
        return x.conv2dReluMaxPool(weight, bias, stride, padding, pool.kernel(), pool.stride());
    }

    /** {@return the weight {@code (out, in, k, k)}} */
    public Parameter weight() {
        return weight;
    }

    /** {@return the bias {@code (out)}, or null when the layer has none} */
    public Parameter bias() {
        return bias;
    }

    @Override
    protected String describe() {
        return "Conv2d(" + weight.size(1) + ", " + weight.size(0) + ", kernel=" + weight.size(2)
                + ", stride=" + stride + ", padding=" + padding + ")";
    }
}
