package jgrad.tensor;

import jgrad.tensor.kernel.Elementwise;

/**
 * Elementwise rectifier {@code y = max(x, 0)}.
 *
 * <p>Backward: {@code dL/dx = gy * [x > 0]}. NOTE: relu'(0) is taken as 0, as in PyTorch.
 */
final class Relu extends Op {
    private Tensor y;

    @Override
    protected Tensor forward(Tensor... xs) {
        y = Unary.map(xs[0], Elementwise::relu, Elementwise::relu);
        return y;
    }

    @Override
    protected Tensor[] backward(Tensor gy) {
        // The mask is built with a plain loop (no per-element lambda): relu sits in every MLP.
        Tensor mask = Tensor.empty(y.dtype(), y.shape());
        if (y.dtype() == DType.FLOAT32) {
            float[] v = y.floatData(), m = mask.floatData();
            for (int i = 0; i < v.length; i++) m[i] = v[i] > 0 ? 1f : 0f;
        } else {
            double[] v = y.doubleData(), m = mask.doubleData();
            for (int i = 0; i < v.length; i++) m[i] = v[i] > 0 ? 1 : 0;
        }
        return new Tensor[] {gy.mul(mask)};
    }
}
