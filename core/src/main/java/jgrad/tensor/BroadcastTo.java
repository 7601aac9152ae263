package jgrad.tensor;

/**
 * Repeats {@code x} along its size-1 and missing leading dimensions to reach {@code shape}
 * (NumPy broadcasting made explicit).
 *
 * <p>Backward: {@code dL/dx = sumTo(gy, x.shape)}: each input element was copied to several
 * outputs, so their gradients add.
 */
final class BroadcastTo extends Op {
    private final int[] shape;

    BroadcastTo(int[] shape) {
        this.shape = shape;
    }

    @Override
    protected Tensor forward(Tensor... xs) {
        Tensor x = xs[0];
        Shape.requireValid("broadcastTo", shape);
        if (!Shape.broadcastsTo(x.shapeRef(), shape)) {
            throw new IllegalArgumentException("broadcastTo: shape " + Shape.str(x.shapeRef()) + " does not broadcast to "
                    + Shape.str(shape));
        }
        return Broadcasting.expand(x, shape);
    }

    @Override
    protected Tensor[] backward(Tensor gy) {
        return new Tensor[] {gy.sumTo(input(0).shapeRef())};
    }
}
