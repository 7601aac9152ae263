package jgrad.tensor;

/**
 * The same elements in a new shape with the same count; the output shares the input's storage.
 *
 * <p>Backward: {@code dL/dx = gy} reshaped to {@code x}'s shape.
 */
final class Reshape extends Op {
    private final int[] shape;

    Reshape(int[] shape) {
        this.shape = shape;
    }

    /**
     * Resolves one {@code -1} in {@code spec} against {@code from}'s element count.
     *
     * @throws IllegalArgumentException {@code reshape: cannot view [2, 3] as [4, -1]}
     */
    static int[] infer(int[] from, int[] spec) {
        int n = Shape.numel(from), known = 1, free = -1;
        for (int i = 0; i < spec.length; i++) {
            if (spec[i] == -1 && free < 0) free = i;
            else if (spec[i] < 0) throw new IllegalArgumentException("reshape: bad shape " + Shape.str(spec) + " (one -1 at most, other sizes >= 0)");
            else known *= spec[i];
        }
        int[] out = spec.clone();
        if (free >= 0) {
            if (known == 0 || n % known != 0) throw bad(from, spec);
            out[free] = n / known;
        }
        if (Shape.numel(out) != n) throw bad(from, spec);
        return out;
    }

    private static IllegalArgumentException bad(int[] from, int[] spec) {
        return new IllegalArgumentException("reshape: cannot view " + Shape.str(from) + " (" + Shape.numel(from)
                + " elements) as " + Shape.str(spec));
    }

    @Override
    protected Tensor forward(Tensor... xs) {
        return xs[0].view(shape);
    }

    @Override
    protected Tensor[] backward(Tensor gy) {
        return new Tensor[] {gy.reshape(input(0).shapeRef())};
    }
}
