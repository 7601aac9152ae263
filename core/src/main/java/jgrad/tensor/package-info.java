/**
 * The tensor autograd engine: {@link jgrad.tensor.Tensor} (the catalogue of ops), {@link
 * jgrad.tensor.DType}, {@link jgrad.tensor.Shape}, {@link jgrad.tensor.GradMode} and the
 * extensible {@link jgrad.tensor.Op}; built-in ops are package-private classes, one per primitive,
 * with forward and backward side by side; {@code Backprop} owns ordering, accumulation and
 * un-broadcasting; {@link jgrad.tensor.Arena} recycles a training step's storage for the next.
 *
 * <p>Dependency rule: depends only on {@code jgrad.tensor.kernel} (and {@code java.base}).
 * Entry points: {@code Tensor.of}, {@code Tensor.randn}, {@code Tensor#backward()}.
 */
package jgrad.tensor;
