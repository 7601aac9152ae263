package jgrad.testing;

import java.util.Arrays;
import jgrad.tensor.Tensor;

/** Assertions that tensors and arrays agree within {@code |a - e| <= atol + rtol * |e|}, naming the first bad index. */
public final class Close {
    private Close() {}

    /** Asserts {@code actual} has {@code expected}'s shape and values within the tolerances. */
    public static void assertClose(Tensor actual, Tensor expected, double rtol, double atol) {
        if (!Arrays.equals(actual.shape(), expected.shape())) {
            throw new AssertionError("shape " + Arrays.toString(actual.shape()) + " != expected " + Arrays.toString(expected.shape()));
        }
        assertClose(actual.toDoubleArray(), expected.toDoubleArray(), rtol, atol, "");
    }

    /** Asserts {@code actual}'s values (row-major) equal {@code expected} within the tolerances. */
    public static void assertClose(Tensor actual, double[] expected, double rtol, double atol) {
        assertClose(actual.toDoubleArray(), expected, rtol, atol, "");
    }

    /** Asserts two arrays are equal in length and close elementwise; {@code what} prefixes the message. */
    public static void assertClose(double[] actual, double[] expected, double rtol, double atol, String what) {
        if (actual.length != expected.length) {
            throw new AssertionError(what + "length " + actual.length + " != expected " + expected.length);
        }
        for (int i = 0; i < actual.length; i++) {
            double a = actual[i], e = expected[i];
            boolean ok = (Double.isNaN(a) && Double.isNaN(e)) || a == e || Math.abs(a - e) <= atol + rtol * Math.abs(e);
            if (!ok) {
                throw new AssertionError(String.format("%sat index %d: got %.12g, expected %.12g (|diff| %.3g > atol %.1g + rtol %.1g * |expected|)",
                        what, i, a, e, Math.abs(a - e), atol, rtol));
            }
        }
    }

    /** Asserts bit-identical values and equal shapes. */
    public static void assertIdentical(Tensor actual, Tensor expected) {
        if (!Arrays.equals(actual.shape(), expected.shape())
                || !Arrays.equals(actual.toDoubleArray(), expected.toDoubleArray())) {
            throw new AssertionError("tensors differ: " + actual + " vs " + expected);
        }
    }
}
