package jgrad.tensor;

import java.util.Arrays;
import jgrad.tensor.kernel.Elementwise;

/**
 * Elementwise sum {@code y = a + b} with NumPy broadcasting.
 *
 * <p>Backward: {@code dL/da = gy}, {@code dL/db = gy}; the engine sums each back to its input's
 * shape when the forward broadcast.
 */
final class Add extends Op {
    @Override
    protected Tensor forward(Tensor... xs) {
        Tensor a = xs[0], b = xs[1];
        int n = a.numel();
        if (Arrays.equals(a.shapeRef(), b.shapeRef())) {
            Tensor y = Tensor.empty(a.dtype(), a.shape());
            if (a.dtype() == DType.FLOAT32) Elementwise.add(a.floatData(), 0, b.floatData(), 0, y.floatData(), 0, n);
            else Elementwise.add(a.doubleData(), 0, b.doubleData(), 0, y.doubleData(), 0, n);
            return y;
        }
        if (b.numel() == 1 && Shape.broadcastsTo(b.shapeRef(), a.shapeRef())) return plusScalar(a, b);
        if (a.numel() == 1 && Shape.broadcastsTo(a.shapeRef(), b.shapeRef())) return plusScalar(b, a);
        return Broadcasting.binary("add", a, b, Elementwise::add, Elementwise::add);
    }

    private static Tensor plusScalar(Tensor x, Tensor s) {
        Tensor y = Tensor.empty(x.dtype(), x.shape());
        if (x.dtype() == DType.FLOAT32) Elementwise.addScalar(x.floatData(), 0, s.floatData()[0], y.floatData(), 0, x.numel());
        else Elementwise.addScalar(x.doubleData(), 0, s.doubleData()[0], y.doubleData(), 0, x.numel());
        return y;
    }

    @Override
    protected Tensor[] backward(Tensor gy) {
        return new Tensor[] {gy, gy};
    }
}
