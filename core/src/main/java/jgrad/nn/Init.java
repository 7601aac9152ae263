package jgrad.nn;

import java.util.random.RandomGenerator;
import jgrad.tensor.Shape;
import jgrad.tensor.Tensor;

/**
 * Weight initialisers: each returns a new float32 tensor of the given shape, drawn from a seeded
 * {@link RandomGenerator} (same seed, same weights). Fans follow PyTorch: for a weight
 * {@code (out, in, k...)}, {@code fanIn = in * k...} and {@code fanOut = out * k...}.
 *
 * <p>The curriculum's {@code weight_init_std * randn(in, out)} is {@link #normal}; its "Xavier"
 * ({@code std = 1/sqrt(n)}) and "He" ({@code std = sqrt(2/n)}) values with {@code n} the number of
 * inputs are {@code normal(rng, 1 / Math.sqrt(n), ...)} and {@link #heNormal}.
 */
public final class Init {
    private Init() {}

    /**
     * Zeros (bias default).
     *
     * @param shape the tensor's shape, e.g. {@code (out, in)} for a linear weight
     * @return a new float32 tensor
     */
    public static Tensor zeros(int... shape) {
        return Tensor.of(new float[Shape.numel(shape)], shape);
    }

    /**
     * Normal with mean 0 and standard deviation {@code std} (the curriculum's weight_init_std).
     *
     * @param rng the source of the values
     * @param std the standard deviation
     * @param shape the tensor's shape, e.g. {@code (out, in)} for a linear weight
     * @return a new float32 tensor
     */
    public static Tensor normal(RandomGenerator rng, double std, int... shape) {
        float[] w = new float[Shape.numel(shape)];
        for (int i = 0; i < w.length; i++) w[i] = (float) (std * rng.nextGaussian());
        return Tensor.of(w, shape);
    }

    /**
     * Uniform on {@code [-bound, bound)}.
     *
     * @param rng the source of the values
     * @param bound the half-width, {@code > 0}
     * @param shape the tensor's shape, e.g. {@code (out, in)} for a linear weight
     * @return a new float32 tensor
     */
    public static Tensor uniform(RandomGenerator rng, double bound, int... shape) {
        float[] w = new float[Shape.numel(shape)];
        for (int i = 0; i < w.length; i++) w[i] = (float) (bound * (2 * rng.nextDouble() - 1));
        return Tensor.of(w, shape);
    }

    /**
     * Xavier/Glorot normal: {@code std = sqrt(2 / (fanIn + fanOut))} (Glorot &amp; Bengio 2010, eq. 12).
     *
     * @param rng the source of the values
     * @param shape the tensor's shape, e.g. {@code (out, in)} for a linear weight
     * @return a new float32 tensor
     */
    public static Tensor xavierNormal(RandomGenerator rng, int... shape) {
        return normal(rng, Math.sqrt(2.0 / (fanIn(shape) + fanOut(shape))), shape);
    }

    /**
     * Xavier/Glorot uniform: bound {@code sqrt(6 / (fanIn + fanOut))} (Glorot &amp; Bengio 2010, eq. 16).
     *
     * @param rng the source of the values
     * @param shape the tensor's shape, e.g. {@code (out, in)} for a linear weight
     * @return a new float32 tensor
     */
    public static Tensor xavierUniform(RandomGenerator rng, int... shape) {
        return uniform(rng, Math.sqrt(6.0 / (fanIn(shape) + fanOut(shape))), shape);
    }

    /**
     * He/Kaiming normal for ReLU nets: {@code std = sqrt(2 / fanIn)} (He et al. 2015, eq. 10).
     *
     * @param rng the source of the values
     * @param shape the tensor's shape, e.g. {@code (out, in)} for a linear weight
     * @return a new float32 tensor
     */
    public static Tensor heNormal(RandomGenerator rng, int... shape) {
        return normal(rng, Math.sqrt(2.0 / fanIn(shape)), shape);
    }

    /**
     * He/Kaiming uniform for ReLU nets: bound {@code sqrt(6 / fanIn)}, the same variance as {@link #heNormal}.
     *
     * @param rng the source of the values
     * @param shape the tensor's shape, e.g. {@code (out, in)} for a linear weight
     * @return a new float32 tensor
     */
    public static Tensor heUniform(RandomGenerator rng, int... shape) {
        return uniform(rng, Math.sqrt(6.0 / fanIn(shape)), shape);
    }

    /**
     * PyTorch's default for {@code nn.Linear} and {@code nn.Conv2d} weights and biases: uniform with
     * bound {@code 1 / sqrt(fanIn)} (kaiming_uniform with {@code a = sqrt(5)} reduces to this).
     *
     * @param rng the source of the values
     * @param fanIn inputs feeding one output of the layer
     * @param shape the tensor's shape, e.g. {@code (out, in)} for a linear weight
     * @return a new float32 tensor
     */
    public static Tensor torchDefault(RandomGenerator rng, int fanIn, int... shape) {
        return uniform(rng, 1.0 / Math.sqrt(fanIn), shape);
    }

    /**
     * Inputs feeding one output: {@code shape[1] * prod(shape[2:])}, or {@code shape[0]} for a vector.
     *
     * @param shape the tensor's shape, e.g. {@code (out, in)} for a linear weight
     * @return the fan-in
     */
    public static int fanIn(int... shape) {
        if (shape.length < 2) return shape.length == 0 ? 1 : shape[0];
        return shape[1] * receptiveField(shape);
    }

    /**
     * Outputs fed by one input: {@code shape[0] * prod(shape[2:])}, or {@code shape[0]} for a vector.
     *
     * @param shape the tensor's shape, e.g. {@code (out, in)} for a linear weight
     * @return the fan-out
     */
    public static int fanOut(int... shape) {
        if (shape.length < 2) return shape.length == 0 ? 1 : shape[0];
        return shape[0] * receptiveField(shape);
    }

    private static int receptiveField(int[] shape) {
        int r = 1;
        for (int d = 2; d < shape.length; d++) r *= shape[d];
        return r;
    }
}
