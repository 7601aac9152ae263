package jgrad.manual;

import java.util.function.ToDoubleFunction;
import jgrad.tensor.DType;
import jgrad.tensor.Tensor;

/**
 * The numerical gradient of the curriculum (chapter 4's {@code numerical_gradient(f, x)}): the
 * slope of {@code f} along each coordinate of {@code x} by central differences,
 * {@code (f(x + h e_i) - f(x - h e_i)) / 2h} with {@code h = 1e-4}, in float64. Slow (two
 * evaluations of {@code f} per coordinate) and approximate (error about {@code h²}), it is the
 * reference that backpropagation is checked against.
 * <pre>{@code
 * double[] g = Gradient.numericalGradient(x -> x[0] * x[0] + x[1] * x[1], new double[] {3, 4}); // about {6, 8}
 * }</pre>
 */
public final class Gradient {
    /** The step {@code h}, as in the curriculum: small, but not so small that rounding swamps the difference. */
    public static final double H = 1e-4;

    private Gradient() {}

    /**
     * {@code df/dx_i} for every {@code i}. {@code f} is called with {@code x} itself, one coordinate
     * moved by {@code ±h} at a time and restored afterwards, so {@code f} may also read state that
     * shares {@code x}'s storage (a network's weights).
     *
     * @param f the function, called with {@code x} itself
     * @param x the point; one coordinate at a time is moved and restored in place
     * @return one partial derivative per coordinate
     */
    public static double[] numericalGradient(ToDoubleFunction<double[]> f, double[] x) {
        double[] grad = new double[x.length];
        for (int i = 0; i < x.length; i++) {
            double saved = x[i];
            x[i] = saved + H;
            double fPlus = f.applyAsDouble(x);
            x[i] = saved - H;
            double fMinus = f.applyAsDouble(x);
            x[i] = saved;
            grad[i] = (fPlus - fMinus) / (2 * H);
        }
        return grad;
    }

    /**
     * {@code df/dx} for a float64 tensor {@code x}, of {@code x}'s shape: as
     * {@link #numericalGradient(ToDoubleFunction, double[])} on {@code x}'s live storage, so a
     * network whose parameter {@code x} is gives {@code d loss / d x} with
     * {@code numericalGradient(w -> net.loss(input, labels), w)}.
     *
     * @param f the function, called with {@code x} itself
     * @param x the point; one coordinate at a time is moved and restored in place
     * @return the gradient, of {@code x}'s shape
     * @throws IllegalArgumentException if {@code x} is not float64
     */
    public static Tensor numericalGradient(ToDoubleFunction<Tensor> f, Tensor x) {
        if (x.dtype() != DType.FLOAT64) {
            throw new IllegalArgumentException("numericalGradient: x is " + x.dtype() + "; use a float64 tensor (h = 1e-4 "
                    + "is below float32's resolution for values near 1)");
        }
        return Tensor.of(numericalGradient(ignored -> f.applyAsDouble(x), x.doubleData()), x.shape());
    }
}
