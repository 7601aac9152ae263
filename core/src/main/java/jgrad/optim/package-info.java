/**
 * Optimizers: {@link jgrad.optim.Optimizer} and the update rules {@link jgrad.optim.Sgd} (with
 * momentum and Nesterov), {@link jgrad.optim.AdaGrad}, {@link jgrad.optim.RmsProp},
 * {@link jgrad.optim.Adam} and {@link jgrad.optim.AdamW}, each citing its paper; gradient
 * clipping ({@link jgrad.optim.GradClip}) and learning-rate schedules ({@link jgrad.optim.LrSchedule}).
 *
 * <p>Dependency rule: depends on {@code jgrad.tensor} only, and on {@code jgrad.tensor.kernel}'s
 * worker pool to split large updates. Updates run on the parameters' live
 * {@code float[]}/{@code double[]} arrays outside autograd; state is float64 and is exported as
 * named tensors by {@code stateDict()} for checkpoints.
 *
 * <p>Entry point: {@code new Adam(model.parameters(), 1e-3)}, then {@code zeroGrad()},
 * {@code loss.backward()}, {@code step()} per batch.
 */
package jgrad.optim;
