package jgrad.tensor;

import jgrad.tensor.kernel.Elementwise;
import jgrad.tensor.kernel.Gemm;

/**
 * Fused linear layer {@code y = act(x wᵀ + b)} for {@code x (n, in)}, {@code w (out, in)}, optional
 * {@code b (out)}: one GEMM, then the bias and the activation in one pass over the output.
 *
 * <p>Backward, with {@code a = x wᵀ + b} and {@code ga = gy · act'(a)} computed from {@code y}
 * ({@code y > 0} for relu, {@code y (1 − y)} for sigmoid, {@code 1 − y²} for tanh):
 * <pre>
 *   dL/dx = ga w,   dL/dw = gaᵀ x,   dL/db = Σ_rows ga
 * </pre>
 * Values and gradients are those of {@code x.matmulTransposed(w).add(b)} then the activation, bit
 * for bit (a test compares them): the same kernels, in the same order.
 */
final class FusedLinear extends Op {
    private final Activation act;
    private Tensor y;

    FusedLinear(Activation act) {
        this.act = act;
    }

    @Override
    protected String name() {
        return "linear";
    }

    @Override
    protected Tensor forward(Tensor... xs) {
        Tensor x = xs[0], w = xs[1], b = xs.length > 2 ? xs[2] : null;
        int[] sx = x.shapeRef(), sw = w.shapeRef();
        if (sx.length != 2 || sw.length != 2 || sx[1] != sw[1] || (b != null && !java.util.Arrays.equals(b.shapeRef(), new int[] {sw[0]}))) {
            throw new IllegalArgumentException("linear: input " + Shape.str(sx) + ", weight " + Shape.str(sw) + " and bias "
                    + (b == null ? "null" : Shape.str(b.shapeRef())) + " do not fit (need (n, in), (out, in) and (out))");
        }
        int n = sx[0], out = sw[0], in = sx[1];
        int[] shape = {n, out};
        y = in == 0 ? Arena.empty(x.dtype(), shape) : Arena.unfilled(x.dtype(), shape); // the GEMM sets every element unless in == 0
        if (x.dtype() == DType.FLOAT32) {
            float[] yv = y.floatData();
            if (n > 0 && out > 0 && in > 0) Gemm.sgemm(false, true, n, out, in, x.floatData(), 0, w.floatData(), 0, yv, 0, false);
            if (b != null) for (int r = 0; r < n; r++) Elementwise.add(yv, r * out, b.floatData(), 0, yv, r * out, out);
            switch (act) {
                case IDENTITY -> { }
                case RELU -> Elementwise.relu(yv, 0, yv, 0, yv.length);
                case SIGMOID -> Elementwise.sigmoid(yv, 0, yv, 0, yv.length);
                case TANH -> Elementwise.tanh(yv, 0, yv, 0, yv.length);
            }
        } else {
            double[] yv = y.doubleData();
            if (n > 0 && out > 0 && in > 0) Gemm.dgemm(false, true, n, out, in, x.doubleData(), 0, w.doubleData(), 0, yv, 0, false);
            if (b != null) for (int r = 0; r < n; r++) Elementwise.add(yv, r * out, b.doubleData(), 0, yv, r * out, out);
            switch (act) {
                case IDENTITY -> { }
                case RELU -> Elementwise.relu(yv, 0, yv, 0, yv.length);
                case SIGMOID -> Elementwise.sigmoid(yv, 0, yv, 0, yv.length);
                case TANH -> Elementwise.tanh(yv, 0, yv, 0, yv.length);
            }
        }
        return y;
    }

    @Override
    boolean freshGradients() {
        return true;
    }

    @Override
    protected Tensor[] backward(Tensor gy) {
        // NOTE: the float operations of the composite's backward (sigmoid: gy.mul(y.mul(y.neg().add(1)))),
        // in one pass, so the bits agree; ga is fresh either way.
        Tensor ga = switch (act) {
            case IDENTITY -> gy;
            case RELU -> Unary.keepWherePositive(gy, y);
            case SIGMOID -> Unary.timesSigmoidSlope(gy, y);
            case TANH -> Unary.timesTanhSlope(gy, y);
        };
        Tensor x = input(0), w = input(1);
        Tensor gx = needsGrad(0) ? new MatMul(false, false).apply(ga, w) : null;
        Tensor gw = needsGrad(1) ? new MatMul(true, false).apply(ga, x) : null;
        if (inputCount() < 3) return new Tensor[] {gx, gw};
        return new Tensor[] {gx, gw, needsGrad(2) ? ga.sumTo(input(2).shapeRef()) : null};
    }
}
