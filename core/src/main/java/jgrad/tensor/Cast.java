package jgrad.tensor;

/**
 * Converts between float32 and float64, {@code y = (dtype) x}; float32 rounds to nearest.
 *
 * <p>Backward: {@code dL/dx = gy} converted back to {@code x}'s dtype.
 */
final class Cast extends Op {
    private final DType dtype;

    Cast(DType dtype) {
        this.dtype = dtype;
    }

    @Override
    protected Tensor forward(Tensor... xs) {
        Tensor x = xs[0];
        return dtype == DType.FLOAT32 ? Tensor.wrap(x.toFloatArray(), x.shape()) : Tensor.wrap(x.toDoubleArray(), x.shape());
    }

    @Override
    protected Tensor[] backward(Tensor gy) {
        return new Tensor[] {gy.to(input(0).dtype())};
    }
}
