/**
 * Networks: {@link jgrad.nn.Layer} (PyTorch's {@code nn.Module}) with explicit, ordered
 * registration of parameters, buffers and children; the layers {@link jgrad.nn.Linear},
 * {@link jgrad.nn.Conv2d}, pooling, {@link jgrad.nn.BatchNorm1d}/{@link jgrad.nn.BatchNorm2d},
 * {@link jgrad.nn.Dropout}, activations and {@link jgrad.nn.Sequential}; weight initialisers
 * ({@link jgrad.nn.Init}), loss functions ({@link jgrad.nn.Losses}) and the stateless functions
 * they are built from ({@link jgrad.nn.Functional}).
 *
 * <p>Dependency rule: depends on {@code jgrad.tensor} only. Layers are compositions of tensor ops
 * and need no backward of their own; names and iteration order never depend on hashing, and
 * every random choice comes from a {@code RandomGenerator} the caller passes in.
 *
 * <p>Entry points: subclass {@code Layer} or chain layers with {@code Sequential}, train with a
 * loss from {@code Losses} and an optimizer from {@code jgrad.optim}, save {@code stateDict()}.
 */
package jgrad.nn;
