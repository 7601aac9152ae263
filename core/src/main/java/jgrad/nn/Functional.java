package jgrad.nn;

import java.util.random.RandomGenerator;
import jgrad.tensor.Activation;
import jgrad.tensor.Shape;
import jgrad.tensor.Tensor;

/**
 * Stateless neural-network functions on tensors, PyTorch's {@code torch.nn.functional}: losses,
 * linear and convolution layers, pooling and dropout. Layers in {@code jgrad.nn} hold the
 * parameters and call these; use them directly to write a model without layers.
 *
 * <p>Images are NCHW {@code (batch, channels, height, width)}; every function works in float32
 * and float64 (all tensor arguments of one call share a dtype) and is differentiable in each
 * tensor argument.
 */
public final class Functional {
    private Functional() {}

    /**
     * Mean cross-entropy between the softmax of {@code logits (n, classes)} and class indices, as
     * one fused, numerically stable op: {@code −(1/n) Σ_i log softmax(logits_i)[targets_i]}.
     *
     * <pre>{@code
     * Tensor logits = Tensor.of(new double[] {2, 0, 0, 0, 3, 0}, 2, 3);
     * Functional.crossEntropy(logits, new int[] {0, 1}).item();
     * // 0.16723...  = (−log 0.7870 − log 0.9094) / 2
     * }</pre>
     *
     * @param logits scores before the softmax, {@code (n, classes)}
     * @param targets one class index in {@code [0, classes)} per row
     * @return a 0-d tensor
     * @throws IllegalArgumentException when {@code logits} is not 2-D, {@code targets.length != n}
     *     or a target is out of range (the message names the index and the shape)
     */
    public static Tensor crossEntropy(Tensor logits, int[] targets) {
        return logits.crossEntropy(targets);
    }

    /**
     * Mean cross-entropy against a target distribution per row:
     * {@code −(1/n) Σ_i Σ_j targetProbs_ij · log softmax(logits_i)_j}, as PyTorch's
     * {@code cross_entropy} with probability targets. Composite: differentiated through its parts
     * (also with respect to {@code targetProbs}).
     *
     * @param logits {@code (n, classes)}
     * @param targetProbs {@code (n, classes)}, rows normally non-negative and summing to 1 (for
     *     example one-hot or label-smoothed labels); not checked, as in PyTorch
     * @return a 0-d tensor
     * @throws IllegalArgumentException when {@code logits} is not 2-D or the shapes differ
     */
    public static Tensor crossEntropy(Tensor logits, Tensor targetProbs) {
        int[] ls = logits.shape(), ts = targetProbs.shape();
        if (ls.length != 2) {
            throw new IllegalArgumentException("crossEntropy: logits must be 2-D (n, classes), got shape " + Shape.str(ls));
        }
        if (!java.util.Arrays.equals(ls, ts)) {
            throw new IllegalArgumentException("crossEntropy: logits " + Shape.str(ls) + " and target probabilities "
                    + Shape.str(ts) + " differ in shape");
        }
        return logits.logSoftmax(1).mul(targetProbs).sum().div(-ls[0]);
    }

    /**
     * Mean squared error {@code mean((input − target)²)} over all elements. Composite:
     * differentiated through its parts.
     *
     * @param input predictions
     * @param target targets, the same shape
     * @return a 0-d tensor
     * @throws IllegalArgumentException when the shapes differ (no broadcasting, unlike a plain
     *     {@code sub}, so a {@code (n, 1)} vs {@code (n)} mistake cannot pass silently)
     */
    public static Tensor mseLoss(Tensor input, Tensor target) {
        if (!java.util.Arrays.equals(input.shape(), target.shape())) {
            throw new IllegalArgumentException("mseLoss: input " + Shape.str(input.shape()) + " and target "
                    + Shape.str(target.shape()) + " differ in shape");
        }
        Tensor d = input.sub(target);
        return d.mul(d).mean();
    }

    /**
     * Affine map {@code y = x wᵀ + b} with PyTorch's weight layout: {@code x (n, in)},
     * {@code w (out, in)}, {@code b (out)} or null, giving {@code (n, out)}. As in PyTorch, any
     * leading dimensions are kept: {@code x (…, in)} gives {@code (…, out)}, and a 1-D
     * {@code x (in)} gives {@code (out)}. Runs as one fused op ({@link Tensor#linear}).
     *
     * @param x the input
     * @param w the weight
     * @param b the bias, or null for none
     * @return the output, recording one op when a gradient is needed
     * @throws IllegalArgumentException when {@code x}'s last dimension is not {@code w}'s second, or
     *     {@code b} is not {@code (out)}
     */
    public static Tensor linear(Tensor x, Tensor w, Tensor b) {
        return linear(x, w, b, Activation.IDENTITY);
    }

    /**
     * {@code activation(linear(x, w, b))} as one fused op: the bias and the activation are applied
     * in one pass over the GEMM's output, with the values and gradients of the separate ops.
     *
     * @param x the input
     * @param w the weight
     * @param b the bias, or null for none
     * @param activation applied to each output element
     * @return the output, recording one op when a gradient is needed
     * @throws IllegalArgumentException as {@link #linear(Tensor, Tensor, Tensor)}
     */
    public static Tensor linear(Tensor x, Tensor w, Tensor b, Activation activation) {
        int[] xs = x.shape(), ws = w.shape();
        if (ws.length != 2 || xs.length == 0 || xs[xs.length - 1] != ws[1]) {
            throw new IllegalArgumentException("linear: input " + Shape.str(xs) + " and weight " + Shape.str(ws)
                    + " do not fit (need (..., in) and (out, in))");
        }
        if (b != null && (b.ndim() != 1 || b.size(0) != ws[0])) {
            throw new IllegalArgumentException("linear: bias " + Shape.str(b.shape()) + " does not match weight "
                    + Shape.str(ws) + " (need [" + ws[0] + "])");
        }
        Tensor x2 = xs.length == 2 ? x : x.reshape(-1, ws[1]);
        Tensor y = x2.linear(w, b, activation); // x wᵀ without materialising the transpose
        if (xs.length == 2) return y;
        int[] ys = xs.clone();
        ys[ys.length - 1] = ws[0];
        return y.reshape(ys);
    }

    /**
     * 2-D convolution (cross-correlation) in NCHW: {@code x (n, c, h, w)}, {@code w (o, c, kh, kw)},
     * {@code b (o)} or null, giving {@code (n, o, oh, ow)} with
     * {@code oh = (h + 2·padding − kh) / stride + 1} (likewise {@code ow}). Runs as one GEMM per image over
     * its im2col columns, read from the image in place.
     *
     * <pre>{@code
     * Tensor x = Tensor.randn(rng, 100, 1, 28, 28);
     * Tensor w = Tensor.randn(rng, 30, 1, 5, 5);
     * Functional.conv2d(x, w, null, 1, 0).shape();   // [100, 30, 24, 24]
     * }</pre>
     *
     * @param x the input
     * @param w the weight
     * @param b the bias, or null for none
     * @param stride pixels between window positions, {@code >= 1}
     * @param padding zero pixels added on each side, {@code >= 0}
     * @return the output {@code (n, o, oh, ow)}
     * @throws IllegalArgumentException when the channels of {@code x} and {@code w} differ, the
     *     bias does not match, the padded input is smaller than the kernel, or stride/padding are
     *     invalid (the message names the shapes)
     */
    public static Tensor conv2d(Tensor x, Tensor w, Tensor b, int stride, int padding) {
        return x.conv2d(w, b, stride, padding);
    }

    /**
     * Max pooling over {@code kernel × kernel} windows moved by {@code stride}, no padding:
     * {@code (n, c, h, w)} gives {@code (n, c, (h − kernel)/stride + 1, (w − kernel)/stride + 1)}.
     * The gradient goes to the first maximum of each window, as in PyTorch.
     *
     * @param x the input
     * @param kernel height and width of a window
     * @param stride pixels between window positions, {@code >= 1}
     * @return the pooled tensor
     * @throws IllegalArgumentException when {@code x} is not 4-D or smaller than the window
     */
    public static Tensor maxPool2d(Tensor x, int kernel, int stride) {
        return x.maxPool2d(kernel, stride);
    }

    /**
     * Max pooling with {@code stride = kernel} (non-overlapping windows), PyTorch's default.
     *
     * @param x the input
     * @param kernel height and width of a window
     * @return the pooled tensor
     * @throws IllegalArgumentException when {@code x} is not 4-D or smaller than the window
     */
    public static Tensor maxPool2d(Tensor x, int kernel) {
        return x.maxPool2d(kernel, kernel);
    }

    /**
     * Average pooling over {@code kernel × kernel} windows moved by {@code stride}, no padding;
     * shapes as {@link #maxPool2d(Tensor, int, int)}.
     *
     * @param x the input
     * @param kernel height and width of a window
     * @param stride pixels between window positions, {@code >= 1}
     * @return the pooled tensor
     * @throws IllegalArgumentException when {@code x} is not 4-D or smaller than the window
     */
    public static Tensor avgPool2d(Tensor x, int kernel, int stride) {
        return x.avgPool2d(kernel, stride);
    }

    /**
     * Average pooling with {@code stride = kernel}, PyTorch's default.
     *
     * @param x the input
     * @param kernel height and width of a window
     * @return the pooled tensor
     * @throws IllegalArgumentException when {@code x} is not 4-D or smaller than the window
     */
    public static Tensor avgPool2d(Tensor x, int kernel) {
        return x.avgPool2d(kernel, kernel);
    }

    /**
     * Inverted dropout: zeroes each element with probability {@code p} and scales the survivors by
     * {@code 1/(1 − p)}, so the expected value is unchanged. Always applies; the {@code Dropout}
     * layer calls it in training mode only. The same generator state gives the same mask.
     *
     * @param x the input
     * @param p drop probability in {@code [0, 1)}; {@code 0} returns {@code x} itself
     * @param rng source of the mask, one {@code nextDouble()} per element in row-major order
     * @return a new tensor (or {@code x} itself for {@code p = 0})
     * @throws IllegalArgumentException when {@code p} is not in {@code [0, 1)}
     */
    public static Tensor dropout(Tensor x, double p, RandomGenerator rng) {
        return x.dropout(p, rng);
    }
}
