/**
 * Synchronous data-parallel training of jgrad models on Apache Spark, as Spark MLlib trains its
 * own models: the driver holds the model and the optimizer; every step it broadcasts the
 * parameters, each partition computes the gradient of its share of the global batch on the data
 * it read and cached itself, the gradients are summed with {@code treeAggregate} in a fixed
 * order, and the driver's {@link jgrad.train.Trainer} steps. Depends on {@code jgrad} core and
 * on Spark (provided by the cluster); never the other way round.
 */
package jgrad.spark;
