package jgrad.tensor;

import java.util.Arrays;
import jgrad.tensor.kernel.Elementwise;

/**
 * Elementwise product {@code y = a * b} with NumPy broadcasting.
 *
 * <p>Backward: {@code dL/da = gy * b}, {@code dL/db = gy * a} (summed back to each input's shape
 * by the engine).
 */
final class Mul extends Op {
    @Override
    protected Tensor forward(Tensor... xs) {
        Tensor a = xs[0], b = xs[1];
        int n = a.numel();
        if (Arrays.equals(a.shapeRef(), b.shapeRef())) {
            Tensor y = Tensor.empty(a.dtype(), a.shape());
            if (a.dtype() == DType.FLOAT32) Elementwise.mul(a.floatData(), 0, b.floatData(), 0, y.floatData(), 0, n);
            else Elementwise.mul(a.doubleData(), 0, b.doubleData(), 0, y.doubleData(), 0, n);
            return y;
        }
        if (b.numel() == 1 && Shape.broadcastsTo(b.shapeRef(), a.shapeRef())) return timesScalar(a, b);
        if (a.numel() == 1 && Shape.broadcastsTo(a.shapeRef(), b.shapeRef())) return timesScalar(b, a);
        return Broadcasting.binary("mul", a, b, Elementwise::mul, Elementwise::mul);
    }

    private static Tensor timesScalar(Tensor x, Tensor s) {
        Tensor y = Tensor.empty(x.dtype(), x.shape());
        if (x.dtype() == DType.FLOAT32) Elementwise.scale(x.floatData(), 0, s.floatData()[0], y.floatData(), 0, x.numel());
        else Elementwise.scale(x.doubleData(), 0, s.doubleData()[0], y.doubleData(), 0, x.numel());
        return y;
    }

    @Override
    protected Tensor[] backward(Tensor gy) {
        Tensor a = input(0), b = input(1);
        return new Tensor[] {needsGrad(0) ? gy.mul(b) : null, needsGrad(1) ? gy.mul(a) : null};
    }
}
