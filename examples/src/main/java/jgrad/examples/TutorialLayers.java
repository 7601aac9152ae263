package jgrad.examples;

import java.util.random.RandomGenerator;
import jgrad.tensor.DType;
import jgrad.tensor.GradMode;
import jgrad.tensor.Tensor;

/**
 * The layer classes of はじめてのディープラーニング (the sine examples), written as the book writes
 * them: each layer owns its weight {@code w (nUpper, n)} and bias {@code b (n)}, both drawn as
 * {@code wbWidth * randn}, and has {@code forward}, {@code backward} and {@code update(eta)}. The
 * arithmetic is on float64 {@link Tensor}s with recording off: no autograd, the gradients are the
 * book's hand-derived formulas.
 */
final class TutorialLayers {
    private TutorialLayers() {}

    /** What every layer shares: the parameters, their gradients and the input of the last forward. */
    abstract static class Layer {
        Tensor w;
        Tensor b;
        Tensor gradW;
        Tensor gradB;
        Tensor x;
        Tensor y;

        /** Draws {@code w} then {@code b} from {@code rng}. */
        Layer(int nUpper, int n, double wbWidth, RandomGenerator rng) {
            w = Tensor.randn(rng, DType.FLOAT64, nUpper, n).mul(wbWidth);
            b = Tensor.randn(rng, DType.FLOAT64, n).mul(wbWidth);
        }

        /** {@code u = x w + b}, keeping {@code x} for backward. */
        final Tensor affine(Tensor x) {
            this.x = x;
            return x.matmul(w).add(b);
        }

        /** From {@code delta = dE/du}: {@code gradW = xᵀ delta}, {@code gradB = Σ_rows delta}; returns {@code dE/dx = delta wᵀ}. */
        final Tensor affineBackward(Tensor delta) {
            gradW = x.transpose().matmul(delta);
            gradB = delta.sum(0, false);
            return delta.matmul(w.transpose());
        }

        /** {@code w -= eta * gradW}, {@code b -= eta * gradB}. */
        final void update(double eta) {
            try (var ignored = GradMode.off()) {
                w = w.sub(gradW.mul(eta));
                b = b.sub(gradB.mul(eta));
            }
        }
    }

    /** The hidden layer: {@code y = sigmoid(x w + b)}. */
    static final class MiddleLayer extends Layer {
        MiddleLayer(int nUpper, int n, double wbWidth, RandomGenerator rng) {
            super(nUpper, n, wbWidth, rng);
        }

        Tensor forward(Tensor x) {
            try (var ignored = GradMode.off()) {
                y = affine(x).sigmoid();
                return y;
            }
        }

        /** {@code delta = gradY * (1 - y) * y}; returns {@code dE/dx}. */
        Tensor backward(Tensor gradY) {
            try (var ignored = GradMode.off()) {
                return affineBackward(gradY.mul(y.neg().add(1)).mul(y));
            }
        }
    }

    /** The regression output: the identity, {@code y = x w + b}, with the sum-of-squares error. */
    static final class IdentityOutputLayer extends Layer {
        IdentityOutputLayer(int nUpper, int n, double wbWidth, RandomGenerator rng) {
            super(nUpper, n, wbWidth, rng);
        }

        Tensor forward(Tensor x) {
            try (var ignored = GradMode.off()) {
                y = affine(x);
                return y;
            }
        }

        /** {@code delta = y - t} (the derivative of {@code ½ Σ (y - t)²}); returns {@code dE/dx}. */
        Tensor backward(Tensor t) {
            try (var ignored = GradMode.off()) {
                return affineBackward(y.sub(t));
            }
        }
    }

    /** The classification output: {@code y = softmax(x w + b)}, with the cross-entropy error. */
    static final class SoftmaxOutputLayer extends Layer {
        SoftmaxOutputLayer(int nUpper, int n, double wbWidth, RandomGenerator rng) {
            super(nUpper, n, wbWidth, rng);
        }

        Tensor forward(Tensor x) {
            try (var ignored = GradMode.off()) {
                y = affine(x).softmax(1);
                return y;
            }
        }

        /** {@code delta = y - t} (softmax and cross entropy together); returns {@code dE/dx}. */
        Tensor backward(Tensor t) {
            try (var ignored = GradMode.off()) {
                return affineBackward(y.sub(t));
            }
        }
    }
}
