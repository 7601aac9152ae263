/**
 * Backpropagation written by hand, the way the curriculum teaches it before autograd: layer
 * objects with {@code forward(x)} and {@code backward(dout)} ({@link jgrad.manual.MulLayer},
 * {@link jgrad.manual.AddLayer}, {@link jgrad.manual.Affine}, {@link jgrad.manual.Relu},
 * {@link jgrad.manual.Sigmoid}, {@link jgrad.manual.Tanh}, {@link jgrad.manual.IdentityWithLoss},
 * {@link jgrad.manual.SoftmaxWithLoss}) and a {@link jgrad.manual.TwoLayerNet} that compares
 * numerical and backpropagated gradients.
 *
 * <p>Dependency rule: uses {@code jgrad.tensor} only as an n-dimensional array, always with
 * recording off ({@code GradMode.off()}): no graph, no {@code backward()}, no {@code grad()}. Tensor
 * methods are used instead of raw arrays and GEMM calls because they read like the curriculum's
 * NumPy line for line ({@code dx = dout.matmul(w.transpose())} is {@code dx = np.dot(dout, W.T)})
 * while running on the same kernels; the tests then compare every backward with autograd.
 *
 * <p>Entry point: {@code new TwoLayerNet(784, 50, 10, 0.01, rng)}, its {@code gradient} and
 * {@code numericalGradient}.
 */
package jgrad.manual;
