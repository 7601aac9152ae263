package jgrad.nn;

import java.util.Arrays;
import jgrad.tensor.Tensor;

/**
 * Loss functions: each maps a prediction and a target to a scalar tensor to call
 * {@code backward()} on. Composite: differentiated through their tensor ops (cross entropy uses
 * the fused op of {@link Functional}).
 *
 * <pre>{@code
 * Tensor loss = Losses.crossEntropy(model.forward(x), labels);   // mean over the batch
 * loss.backward();
 * }</pre>
 */
public final class Losses {
    private Losses() {}

    /**
     * Softmax cross entropy of {@code logits (batch, classes)} against class indices, averaged over
     * the batch: {@code mean_i(logsumexp(x_i) - x_i[t_i])}.
     *
     * @param logits scores before the softmax, {@code (batch, classes)}
     * @param targets the class of each row, {@code batch} values in {@code 0 .. classes-1}
     * @return a scalar tensor, differentiable
     * @throws IllegalArgumentException if the batch sizes differ or an index is out of range
     */
    public static Tensor crossEntropy(Tensor logits, int[] targets) {
        return Functional.crossEntropy(logits, targets);
    }

    /**
     * Softmax cross entropy of {@code logits (batch, classes)} against target probabilities of the
     * same shape (one-hot or soft labels), averaged over the batch: {@code -mean_i sum_j t_ij log softmax(x_i)_j}.
     *
     * @param logits scores before the softmax, {@code (batch, classes)}
     * @param targetProbs each row a probability distribution over the classes
     * @return a scalar tensor, differentiable
     * @throws IllegalArgumentException if the shapes differ
     */
    public static Tensor crossEntropy(Tensor logits, Tensor targetProbs) {
        return Functional.crossEntropy(logits, targetProbs);
    }

    /**
     * Mean squared error {@code mean((y - t)^2)} over all elements, as PyTorch's {@code MSELoss}.
     *
     * @param y predictions
     * @param t targets, the same shape
     * @return a scalar tensor, differentiable
     * @throws IllegalArgumentException if the shapes differ
     */
    public static Tensor mse(Tensor y, Tensor t) {
        requireSameShape("mse", y, t);
        return Functional.mseLoss(y, t);
    }

    /**
     * The curriculum's sum of squared errors {@code 0.5 * sum((y - t)^2)} (no averaging; the 0.5
     * makes the gradient {@code y - t}).
     *
     * @param y predictions
     * @param t targets, the same shape
     * @return a scalar tensor, differentiable
     * @throws IllegalArgumentException if the shapes differ
     */
    public static Tensor sumSquaredError(Tensor y, Tensor t) {
        requireSameShape("sumSquaredError", y, t);
        Tensor d = y.sub(t);
        return d.mul(d).sum().mul(0.5);
    }

    /**
     * Binary cross entropy of probabilities {@code p} in [0, 1] against targets {@code t} in [0, 1],
     * averaged: {@code -mean(t log p + (1 - t) log(1 - p))}. As in PyTorch's {@code BCELoss}, each
     * log is clamped at -100 so that {@code p = 0} or 1 gives a finite loss.
     *
     * @param p predicted probabilities, e.g. a sigmoid's output
     * @param t targets, the same shape
     * @return a scalar tensor, differentiable
     * @throws IllegalArgumentException if the shapes differ
     */
    public static Tensor binaryCrossEntropy(Tensor p, Tensor t) {
        requireSameShape("binaryCrossEntropy", p, t);
        Tensor logP = p.log().clamp(-100, Double.MAX_VALUE);
        Tensor log1mP = p.neg().add(1).log().clamp(-100, Double.MAX_VALUE);
        return t.mul(logP).add(t.neg().add(1).mul(log1mP)).mean().neg();
    }

    /**
     * Binary cross entropy on logits {@code x} (before the sigmoid), averaged; computed stably as
     * {@code max(x, 0) - x t + log(1 + exp(-|x|))}, as PyTorch's {@code BCEWithLogitsLoss}.
     *
     * @param x logits
     * @param t targets in {@code [0, 1]}, the same shape
     * @return a scalar tensor, differentiable
     * @throws IllegalArgumentException if the shapes differ
     */
    public static Tensor binaryCrossEntropyWithLogits(Tensor x, Tensor t) {
        requireSameShape("binaryCrossEntropyWithLogits", x, t);
        Tensor softplusNegAbs = x.abs().neg().exp().add(1).log();
        return x.relu().sub(x.mul(t)).add(softplusNegAbs).mean();
    }

    /**
     * Hinge (max-margin, SVM) loss of scores {@code s} against labels {@code t} in {-1, +1},
     * averaged: {@code mean(max(0, 1 - t s))}, as in micrograd's two-moons demo.
     *
     * @param s scores
     * @param t labels -1 or +1, the same shape
     * @return a scalar tensor, differentiable
     * @throws IllegalArgumentException if the shapes differ
     */
    public static Tensor hinge(Tensor s, Tensor t) {
        requireSameShape("hinge", s, t);
        return s.mul(t).neg().add(1).relu().mean();
    }

    private static void requireSameShape(String op, Tensor y, Tensor t) {
        if (!Arrays.equals(y.shape(), t.shape())) {
            throw new IllegalArgumentException(op + ": prediction " + Arrays.toString(y.shape()) + " and target "
                    + Arrays.toString(t.shape()) + " differ");
        }
    }
}
