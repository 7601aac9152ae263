/**
 * Benchmarks of the {@code jgrad.tensor.kernel} package: {@link jgrad.bench.Main} prints GEMM and
 * elementwise tables ({@code ./jgrad bench gemm}), and the JMH classes run under
 * {@code ./jgrad bench jmh}.
 *
 * <p>Dependency rule: depends on {@code jgrad-core} and JMH (and the Vector API for the FMA-peak
 * calibration only); nothing depends on it, and it
 * holds no tests, so it never slows down {@code ./jgrad test}.
 */
package jgrad.bench;
