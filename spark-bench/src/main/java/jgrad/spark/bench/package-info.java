/**
 * {@code ./jgrad bench-spark}: jgrad's data-parallel training on Spark timed against in-process
 * training ({@code steps}) and raced against Spark MLlib's multilayer perceptron ({@code race});
 * tables in Markdown on standard output.
 *
 * <p>Dependency rule: depends on {@code jgrad-spark} and Spark MLlib; built only with the
 * {@code spark-bench} profile, so the default build never downloads MLlib.
 */
package jgrad.spark.bench;
