/**
 * Training runs for the common case: {@link jgrad.train.Trainer} (model, loss, optimizer,
 * loaders, epochs) built only from public pieces, so a user can still write the loop by hand;
 * events for listeners ({@link jgrad.train.TrainingEvent}), console progress, metrics
 * (accuracy, confusion matrix), a CSV/JSON metrics log, and atomic checkpoints that resume
 * bit-identically.
 *
 * <p>Dependency rule: depends on {@code jgrad.tensor}, {@code jgrad.nn}, {@code jgrad.optim},
 * {@code jgrad.data}, {@code jgrad.io} and {@code jgrad.model}. Nothing depends on it.
 */
package jgrad.train;
