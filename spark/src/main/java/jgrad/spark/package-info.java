/**
 * Synchronous data-parallel training of jgrad models on Apache Spark, as Spark MLlib trains its
 * own models: the driver holds the model and the optimizer; every step it broadcasts the
 * parameters, each partition computes the gradient of its share of the global batch on the data
 * it read and cached itself, the gradients are summed with {@code treeAggregate} in a fixed
 * order, and the driver's {@link jgrad.train.Trainer} steps.
 *
 * <p>Dependency rule: depends on {@code jgrad} core, on the {@code cli} module's public
 * {@code TrainOptions}, {@code TrainRun}, {@code Main.execute} and {@code Failure} (so that
 * {@code spark-train} takes {@code train}'s options, writes its run folder and report, and reports
 * errors as {@code ./jgrad} does) and on Spark (provided by the cluster); nothing in jgrad depends
 * on this package.
 *
 * <p>Entry points: {@link jgrad.spark.SparkTrain} ({@code ./jgrad spark-train}, the jar's main
 * class) and {@link jgrad.spark.DataParallel} (a {@link jgrad.train.GradientSource} for your own
 * trainer).
 */
package jgrad.spark;
