/**
 * Raw compute loops on {@code float[]} and {@code double[]}: GEMM, elementwise maps, row softmax,
 * im2col/col2im and the worker pool that runs them.
 *
 * <p>Dependency rule: depends on {@code java.base} and {@code jdk.incubator.vector} only, and knows
 * nothing about tensors or graphs. It is the only package allowed to use the Vector API.
 * Arrays are dense and row-major; offsets are element offsets. Every kernel gives bit-identical
 * results for any thread count (work is split in fixed chunks, reduced in a fixed order).
 */
package jgrad.tensor.kernel;
