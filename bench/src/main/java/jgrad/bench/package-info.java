/**
 * Benchmarks of jgrad: {@link jgrad.bench.BenchCommand} (picocli, {@code ./jgrad bench}) prints
 * GEMM and elementwise tables ({@code bench gemm}) and training-step times ({@code bench train}),
 * and the JMH classes run under {@code ./jgrad bench jmh}.
 *
 * <p>Dependency rule: depends on {@code jgrad-core}, picocli and JMH (and the Vector API for the FMA-peak
 * calibration only); nothing depends on it, and it
 * holds no tests, so it never slows down {@code ./jgrad test}.
 */
package jgrad.bench;
