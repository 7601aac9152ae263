package jgrad.manual;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.SequencedMap;
import java.util.random.RandomGenerator;
import jgrad.tensor.DType;
import jgrad.tensor.GradMode;
import jgrad.tensor.Tensor;

/**
 * The curriculum's two-layer network {@code Affine → Relu → Affine → SoftmaxWithLoss} (or with
 * {@code Sigmoid}, chapter 4's version, see {@link Activation}), with both
 * ways to get its gradients: slowly by central differences ({@link #numericalGradient}) and fast by
 * hand-written backpropagation ({@link #gradient}). Parameters are float64 tensors named
 * {@code W1 (in, hidden)}, {@code b1}, {@code W2 (hidden, out)}, {@code b2}, updated in place by
 * the caller ({@code W1 -= lr * grads.get("W1")}).
 *
 * <pre>{@code
 * var net = new TwoLayerNet(784, 50, 10, 0.01, new Random(0));
 * var grads = net.gradient(xBatch, labels);      // backprop
 * var check = net.numericalGradient(x3, l3);     // slow, for checking on a few rows
 * }</pre>
 */
public final class TwoLayerNet {
    /** The step of the numerical gradient, as in the curriculum. */
    public static final double H = 1e-4;

    private final SequencedMap<String, Tensor> params = new LinkedHashMap<>();
    private final Affine affine1;
    private final Affine affine2;
    private final List<BackpropLayer> layers = new ArrayList<>();
    private final SoftmaxWithLoss lastLayer = new SoftmaxWithLoss();

    /** The hidden layer's activation: chapter 4's net uses the sigmoid, chapter 5's ReLU. */
    public enum Activation {
        /** {@code 1 / (1 + exp(-x))}, the {@link Sigmoid} layer. */
        SIGMOID,
        /** {@code max(0, x)}, the {@link Relu} layer. */
        RELU
    }

    /**
     * A ReLU network (chapter 5's): weights are {@code weightInitStd * randn} and biases zero,
     * drawn from {@code rng}, in float64.
     *
     * @throws IllegalArgumentException if a size is not positive
     */
    public TwoLayerNet(int inputSize, int hiddenSize, int outputSize, double weightInitStd, RandomGenerator rng) {
        this(inputSize, hiddenSize, outputSize, weightInitStd, rng, Activation.RELU);
    }

    /**
     * A network with the given hidden activation: weights are {@code weightInitStd * randn} and
     * biases zero, drawn from {@code rng}, in float64.
     *
     * @throws IllegalArgumentException if a size is not positive
     */
    public TwoLayerNet(int inputSize, int hiddenSize, int outputSize, double weightInitStd, RandomGenerator rng,
                       Activation activation) {
        if (inputSize < 1 || hiddenSize < 1 || outputSize < 1) {
            throw new IllegalArgumentException("TwoLayerNet: sizes must be >= 1, got " + inputSize + ", " + hiddenSize + ", " + outputSize);
        }
        params.put("W1", randn(rng, weightInitStd, inputSize, hiddenSize));
        params.put("b1", Tensor.zeros(hiddenSize).to(DType.FLOAT64));
        params.put("W2", randn(rng, weightInitStd, hiddenSize, outputSize));
        params.put("b2", Tensor.zeros(outputSize).to(DType.FLOAT64));
        affine1 = new Affine(params.get("W1"), params.get("b1"));
        affine2 = new Affine(params.get("W2"), params.get("b2"));
        layers.add(affine1);
        layers.add(activation == Activation.SIGMOID ? new Sigmoid() : new Relu());
        layers.add(affine2);
    }

    private static Tensor randn(RandomGenerator rng, double std, int rows, int cols) {
        double[] v = new double[rows * cols];
        for (int i = 0; i < v.length; i++) v[i] = std * rng.nextGaussian();
        return Tensor.of(v, rows, cols);
    }

    /** The parameters by name ({@code W1, b1, W2, b2}); the tensors are live. */
    public SequencedMap<String, Tensor> params() {
        return params;
    }

    /** Class scores {@code (N, out)} for {@code x (N, in)} (before the softmax). */
    public Tensor predict(Tensor x) {
        for (BackpropLayer layer : layers) x = layer.forward(x);
        return x;
    }

    /** Mean cross-entropy loss of the predictions for {@code x} against labels {@code t}. */
    public double loss(Tensor x, int[] t) {
        return lastLayer.forward(predict(x), t);
    }

    /** The fraction of rows of {@code x} whose highest score is at the label in {@code t}. */
    public double accuracy(Tensor x, int[] t) {
        double[] predicted = predict(x).argmax(1).toDoubleArray(); // np.argmax(y, axis=1)
        int correct = 0;
        for (int i = 0; i < t.length; i++) if (predicted[i] == t[i]) correct++;
        return (double) correct / t.length;
    }

    /**
     * Gradients of {@link #loss} by central differences {@code (L(p + h) - L(p - h)) / 2h} with
     * {@code h = 1e-4}, one element at a time: two forward passes per parameter element, so use it
     * on tiny inputs only, to check {@link #gradient}.
     */
    public SequencedMap<String, Tensor> numericalGradient(Tensor x, int[] t) {
        var grads = new LinkedHashMap<String, Tensor>();
        params.forEach((name, p) -> {
            double[] v = p.doubleData();
            double[] g = new double[v.length];
            for (int i = 0; i < v.length; i++) {
                double saved = v[i];
                v[i] = saved + H;
                double fPlus = loss(x, t);
                v[i] = saved - H;
                double fMinus = loss(x, t);
                v[i] = saved;
                g[i] = (fPlus - fMinus) / (2 * H);
            }
            grads.put(name, Tensor.of(g, p.shape()));
        });
        return grads;
    }

    /** Gradients of {@link #loss} by backpropagation: one forward and one backward pass. */
    public SequencedMap<String, Tensor> gradient(Tensor x, int[] t) {
        loss(x, t);
        Tensor dout = lastLayer.backward(1);
        for (BackpropLayer layer : layers.reversed()) dout = layer.backward(dout);
        var grads = new LinkedHashMap<String, Tensor>();
        grads.put("W1", affine1.dW());
        grads.put("b1", affine1.db());
        grads.put("W2", affine2.dW());
        grads.put("b2", affine2.db());
        return grads;
    }

    /** One plain gradient-descent step {@code p -= lr * grad} on every parameter, in place. */
    public void update(SequencedMap<String, Tensor> grads, double lr) {
        try (var ignored = GradMode.off()) {
            params.forEach((name, p) -> {
                double[] v = p.doubleData();
                double[] g = grads.get(name).toDoubleArray();
                for (int i = 0; i < v.length; i++) v[i] -= lr * g[i];
            });
        }
    }
}
