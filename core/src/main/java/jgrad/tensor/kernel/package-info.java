/**
 * Raw compute loops on {@code float[]} and {@code double[]}: GEMM, elementwise maps, row softmax,
 * im2col/col2im and the worker pool that runs them.
 *
 * <p>Entry points: {@link jgrad.tensor.kernel.Gemm} (packed, register-blocked Vector API
 * micro-kernel), {@link jgrad.tensor.kernel.Elementwise}, {@link jgrad.tensor.kernel.Softmax},
 * {@link jgrad.tensor.kernel.Im2Col}, and {@link jgrad.tensor.kernel.Parallel} (the pool; tests
 * compare thread counts with {@code Parallel.withThreads}).
 *
 * <p>Dependency rule: depends on {@code java.base} and {@code jdk.incubator.vector} only, and knows
 * nothing about tensors or graphs. It is the only package allowed to use the Vector API.
 * Arrays are dense and row-major; offsets are element offsets. Every kernel gives bit-identical
 * results for any thread count (work is split in fixed chunks, reduced in a fixed order), and
 * the same bits whether or not the JIT has compiled it: float32 exp/log/tanh/sigmoid come from
 * {@code VecMath} rather than {@code lanewise(EXP)}, whose bits change once C2 compiles a loop.
 */
package jgrad.tensor.kernel;
