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
    private final Activation activation;

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
     * @param inputSize inputs per example, e.g. 784
     * @param hiddenSize hidden units, e.g. 50
     * @param outputSize classes, e.g. 10
     * @param weightInitStd the standard deviation of the initial weights, e.g. 0.01
     * @param rng the source of the initial weights
     * @throws IllegalArgumentException if a size is not positive
     */
    public TwoLayerNet(int inputSize, int hiddenSize, int outputSize, double weightInitStd, RandomGenerator rng) {
        this(inputSize, hiddenSize, outputSize, weightInitStd, rng, Activation.RELU);
    }

    /**
     * A network with the given hidden activation: weights are {@code weightInitStd * randn} and
     * biases zero, drawn from {@code rng}, in float64.
     *
     * @param inputSize inputs per example, e.g. 784
     * @param hiddenSize hidden units, e.g. 50
     * @param outputSize classes, e.g. 10
     * @param weightInitStd the standard deviation of the initial weights, e.g. 0.01
     * @param rng the source of the initial weights
     * @param activation the hidden layer's activation
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
        this.activation = activation;
        layers.add(activation == Activation.SIGMOID ? new Sigmoid() : new Relu());
        layers.add(affine2);
    }

    private static Tensor randn(RandomGenerator rng, double std, int rows, int cols) {
        double[] v = new double[rows * cols];
        for (int i = 0; i < v.length; i++) v[i] = std * rng.nextGaussian();
        return Tensor.of(v, rows, cols);
    }

    /** {@return the parameters by name ({@code W1, b1, W2, b2}); the tensors are live} */
    public SequencedMap<String, Tensor> params() {
        return params;
    }

    /**
     * Class scores {@code (N, out)} for {@code x (N, in)} (before the softmax).
     *
     * @param x a batch of inputs {@code (N, in)}
     * @return the scores, a new tensor
     */
    public Tensor predict(Tensor x) {
        for (BackpropLayer layer : layers) x = layer.forward(x);
        return x;
    }

    /**
     * {@return the mean cross-entropy loss of the predictions for {@code x} against labels {@code t}}
     *
     * @param x a batch of inputs {@code (N, in)}
     * @param t the class of each row, N values
     */
    public double loss(Tensor x, int[] t) {
        return lastLayer.forward(predict(x), t);
    }

    /**
     * {@return the fraction of rows of {@code x} whose highest score is at the label in {@code t}}
     *
     * @param x a batch of inputs {@code (N, in)}
     * @param t the class of each row, N values
     */
    public double accuracy(Tensor x, int[] t) {
        double[] predicted = predict(x).argmax(1).toDoubleArray(); // np.argmax(y, axis=1)
        int correct = 0;
        for (int i = 0; i < t.length; i++) if (predicted[i] == t[i]) correct++;
        return (double) correct / t.length;
    }

    /**
     * Gradients of {@link #loss} by central differences {@code (L(p + h) - L(p - h)) / 2h} with
     * {@code h = 1e-4}, one element at a time: two loss evaluations per parameter element, so use
     * it on small inputs, to check {@link #gradient}. Each evaluation recomputes only the part of
     * the forward pass the moved element changes, on plain arrays (see {@code LossProbe}), so 100
     * MNIST images take well under a second; the parameters are not touched.
     *
     * @param x a batch of inputs {@code (N, in)}
     * @param t the class of each row, N values
     * @return the gradients by parameter name ({@code W1, b1, W2, b2})
     * @throws IllegalArgumentException if the sizes of {@code x} and {@code t} do not fit the network
     */
    public SequencedMap<String, Tensor> numericalGradient(Tensor x, int[] t) {
        Tensor x2 = x.to(DType.FLOAT64).reshape(x.size(0), -1);
        double[] w1 = params.get("W1").doubleData(), b1 = params.get("b1").doubleData();
        double[] w2 = params.get("W2").doubleData(), b2 = params.get("b2").doubleData();
        int hidden = b1.length, classes = b2.length;
        if (x2.size(1) * hidden != w1.length || x2.size(0) != t.length) {
            throw new IllegalArgumentException("numericalGradient: input " + java.util.Arrays.toString(x.shape()) + " and "
                    + t.length + " labels do not fit W1 " + java.util.Arrays.toString(params.get("W1").shape()));
        }
        for (int r = 0; r < t.length; r++) {
            if (t[r] < 0 || t[r] >= classes) {
                throw new IllegalArgumentException("label " + t[r] + " at row " + r + " is not in [0, " + classes + ")");
            }
        }
        var probe = new LossProbe(x2.doubleData(), t.length, t, w1, b1, w2, b2,
                activation == Activation.SIGMOID ? a -> 1 / (1 + Math.exp(-a)) : a -> Math.max(a, 0));
        var grads = new LinkedHashMap<String, Tensor>();
        grads.put("W1", central(w1, (e, d) -> probe.hidden(e / hidden, e % hidden, d)));
        grads.put("b1", central(b1, (e, d) -> probe.hidden(-1, e, d)));
        grads.put("W2", central(w2, (e, d) -> probe.output(e / classes, e % classes, d)));
        grads.put("b2", central(b2, (e, d) -> probe.output(-1, e, d)));
        grads.forEach((name, g) -> grads.put(name, g.reshape(params.get(name).shape())));
        return grads;
    }

    /** The loss with element {@code e} of one parameter moved by {@code step}. */
    @FunctionalInterface
    private interface MovedLoss {
        double at(int e, double step);
    }

    /**
     * Central differences for every element of {@code v}; the steps are {@code fl(v + h) - v} and
     * {@code fl(v - h) - v}, the changes a write of {@code v ± h} would make, divided by {@code 2h}
     * as in the curriculum.
     */
    private static Tensor central(double[] v, MovedLoss loss) {
        double[] g = new double[v.length];
        for (int e = 0; e < v.length; e++) {
            double up = (v[e] + H) - v[e], down = (v[e] - H) - v[e];
            g[e] = (loss.at(e, up) - loss.at(e, down)) / (2 * H);
        }
        return Tensor.of(g, v.length);
    }

    /**
     * Gradients of {@link #loss} by backpropagation: one forward and one backward pass.
     *
     * @param x a batch of inputs {@code (N, in)}
     * @param t the class of each row, N values
     * @return the gradients by parameter name ({@code W1, b1, W2, b2})
     */
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

    /**
     * One plain gradient-descent step {@code p -= lr * grad} on every parameter, in place.
     *
     * @param grads gradients by parameter name, as {@link #gradient} returns them
     * @param lr the learning rate
     */
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
