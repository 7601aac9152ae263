package jgrad.tensor;

import java.util.Arrays;

/**
 * An immutable tensor shape with value equality, plus the shape arithmetic the engine shares:
 * element counts, row-major strides, NumPy broadcasting and dimension normalisation.
 *
 * <p>All checks throw {@link IllegalArgumentException} with a message that names the op and the
 * shapes involved, e.g. {@code add: shapes [2, 3] and [4] do not broadcast}.
 */
public final class Shape {
    private final int[] dims;

    private Shape(int[] dims) {
        this.dims = dims;
    }

    /**
     * A shape with the given sizes (copied); every size must be {@code >= 0}.
     *
     * @param dims the sizes, outermost first
     * @return the shape
     */
    public static Shape of(int... dims) {
        requireValid("shape", dims);
        return new Shape(dims.clone());
    }

    /** {@return the sizes, as a fresh array} */
    public int[] dims() {
        return dims.clone();
    }

    /** {@return the number of dimensions} */
    public int ndim() {
        return dims.length;
    }

    /** {@return the number of elements (1 for a 0-d shape)} */
    public int numel() {
        return numel(dims);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Shape s && Arrays.equals(dims, s.dims);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(dims);
    }

    /** Formats as {@code [2, 3]}. */
    @Override
    public String toString() {
        return Arrays.toString(dims);
    }

    // ---- static helpers on raw int[] shapes (used by ops; no allocation of Shape objects) ----

    /**
     * {@return {@code dims} formatted as {@code [2, 3]}}
     *
     * @param dims the sizes
     */
    public static String str(int[] dims) {
        return Arrays.toString(dims);
    }

    /**
     * Product of the sizes: jgrad's one element count, used by tensors, datasets and
     * initialisers alike.
     *
     * @param dims the sizes
     * @return their product (1 for no sizes)
     * @throws IllegalArgumentException when a size is negative or the product overflows an {@code int}
     */
    public static int numel(int[] dims) {
        requireValid("shape", dims);
        for (int d : dims) if (d == 0) return 0; // [65536, 65536, 0] is empty, not too large
        long n = 1;
        for (int d : dims) {
            n *= d;
            if (n > Integer.MAX_VALUE) throw new IllegalArgumentException("shape " + str(dims) + " has more than 2^31-1 elements");
        }
        return (int) n;
    }

    /** Product of {@code dims[from..to)}, e.g. the outer and inner sizes around a dimension (no overflow check). */
    static int product(int[] dims, int from, int to) {
        int n = 1;
        for (int i = from; i < to; i++) n *= dims[i];
        return n;
    }

    /**
     * {@return row-major strides in elements: the last dimension has stride 1}
     *
     * @param dims the sizes
     */
    public static int[] strides(int[] dims) {
        int[] s = new int[dims.length];
        int acc = 1;
        for (int i = dims.length - 1; i >= 0; i--) {
            s[i] = acc;
            acc *= dims[i];
        }
        return s;
    }

    /** Throws unless every size is {@code >= 0}. */
    static void requireValid(String op, int[] dims) {
        for (int d : dims) {
            if (d < 0) throw new IllegalArgumentException(op + ": negative size in shape " + str(dims));
        }
    }

    /**
     * Maps a possibly negative dimension ({@code -1} = last) to {@code [0, ndim)}.
     *
     * @param op the op's name, for the message
     * @param dim the dimension as the caller gave it
     * @param dims the shape it refers to
     * @return the dimension in {@code [0, dims.length)}
     * @throws IllegalArgumentException naming the op, the dim and the shape when out of range
     */
    public static int dim(String op, int dim, int[] dims) {
        int n = dims.length;
        int d = dim < 0 ? dim + n : dim;
        if (d < 0 || d >= n) {
            throw new IllegalArgumentException(op + ": dim " + dim + " out of range for shape " + str(dims)
                    + (n == 0 ? " (a 0-d tensor has no dims)" : " (valid: " + -n + " to " + (n - 1) + ")"));
        }
        return d;
    }

    /**
     * The NumPy broadcast of two shapes: align from the right; sizes must be equal or one of them 1.
     *
     * @param op the op's name, for the message
     * @param a one shape
     * @param b the other shape
     * @return the broadcast shape, a new array
     * @throws IllegalArgumentException {@code op: shapes [2, 3] and [4] do not broadcast}
     */
    public static int[] broadcast(String op, int[] a, int[] b) {
        if (Arrays.equals(a, b)) return a;
        int n = Math.max(a.length, b.length);
        int[] out = new int[n];
        for (int i = 0; i < n; i++) {
            int da = i < n - a.length ? 1 : a[i - (n - a.length)];
            int db = i < n - b.length ? 1 : b[i - (n - b.length)];
            if (da != db && da != 1 && db != 1) {
                throw new IllegalArgumentException(op + ": shapes " + str(a) + " and " + str(b) + " do not broadcast");
            }
            out[i] = da == 1 ? db : da;
        }
        return out;
    }

    /**
     * {@return true when {@code from} broadcasts to exactly {@code to}}
     *
     * @param from the smaller shape
     * @param to the target shape
     */
    public static boolean broadcastsTo(int[] from, int[] to) {
        if (from.length > to.length) return false;
        int off = to.length - from.length;
        for (int i = 0; i < from.length; i++) {
            if (from[i] != 1 && from[i] != to[i + off]) return false;
        }
        return true;
    }
}
