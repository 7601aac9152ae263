package jgrad.tensor;

/** Element type of a tensor: float32 (the default, stored as {@code float[]}) or float64 ({@code double[]}). */
public enum DType {
    /** 32-bit IEEE float; the default for training. */
    FLOAT32,
    /** 64-bit IEEE float; used for gradient checks and where precision matters. */
    FLOAT64;

    /** Lower-case name as printed in messages and by {@link Tensor#toString()}, e.g. {@code float32}. */
    @Override
    public String toString() {
        return this == FLOAT32 ? "float32" : "float64";
    }
}
