package jgrad.tensor;

/**
 * Sums {@code x} down to a shape that broadcasts to {@code x}'s: over leading dimensions it lacks
 * and over dimensions where it has size 1. The engine uses it to un-broadcast gradients.
 *
 * <p>Backward: {@code dL/dx = gy} broadcast back to {@code x}'s shape ({@link BroadcastTo} and
 * {@code SumTo} are each other's adjoint).
 */
final class SumTo extends Op {
    private final int[] shape;

    SumTo(int[] shape) {
        this.shape = shape;
    }

    @Override
    protected Tensor forward(Tensor... xs) {
        Tensor x = xs[0];
        int[] xShape = x.shapeRef();
        if (!Shape.broadcastsTo(shape, xShape)) {
            throw new IllegalArgumentException("sumTo: shape " + Shape.str(shape) + " does not broadcast to " + Shape.str(xShape));
        }
        int lead = xShape.length - shape.length;
        Tensor t = x;
        for (int k = xShape.length - 1; k >= 0; k--) { // right to left, so indices stay valid
            if (k < lead) t = t.sum(k, false);
            else if (shape[k - lead] == 1 && xShape[k] != 1) t = t.sum(k, true);
        }
        return t.reshape(shape);
    }

    @Override
    protected Tensor[] backward(Tensor gy) {
        return new Tensor[] {gy.broadcastTo(input(0).shapeRef())};
    }
}
