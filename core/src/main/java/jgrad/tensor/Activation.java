package jgrad.tensor;

/** An elementwise activation that a fused op applies to its output (see {@link Tensor#linear}). */
public enum Activation {
    /** No activation: {@code y = x}. */
    IDENTITY,
    /** {@link Tensor#relu()}. */
    RELU,
    /** {@link Tensor#sigmoid()}. */
    SIGMOID,
    /** {@link Tensor#tanh()}. */
    TANH
}
