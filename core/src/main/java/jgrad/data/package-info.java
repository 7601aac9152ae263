/**
 * Getting examples into tensors: the {@code Dataset} interface, a seeded {@code DataLoader} that
 * cuts a dataset into batches, readers for MNIST (IDX files) and CSV tables, and seeded toy
 * generators ({@link jgrad.data.ToyData}: moons, circles, spirals, XOR, sine).
 *
 * <p>Dependency rule: depends on {@code jgrad.tensor} and the JDK only, and on {@code jgrad.tensor.kernel}'s
 * byte-to-float decoding for image batches; never on {@code nn}, {@code optim} or {@code train}. Every random choice takes a seed or a
 * {@link java.util.random.RandomGenerator}, so the same seed gives the same batches.
 */
package jgrad.data;
