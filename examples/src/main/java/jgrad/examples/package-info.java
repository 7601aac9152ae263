/**
 * The curriculum as runnable programs ({@code ./jgrad example NAME}): from the scalar engine on
 * two moons to convolutional networks on MNIST, each written the way a user would write it,
 * with its pictures and a one-line result. {@link jgrad.examples.Examples#commands()} lists them
 * in the curriculum's order.
 *
 * <p>Dependency rule: depends on {@code jgrad-core}, {@code jgrad-charts} and picocli; only the
 * {@code cli} depends on it.
 */
package jgrad.examples;
