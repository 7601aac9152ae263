/**
 * Models as data: the architecture as sealed records ({@link jgrad.model.ModelSpec}, with
 * {@link jgrad.model.WeightInit}) that read and write JSON and build a {@code jgrad.nn.Layer};
 * optimizers as records ({@link jgrad.model.OptimizerSpec}); and {@link jgrad.model.Model}, a
 * trained classifier (spec, weights, input {@link jgrad.model.Preprocessing}, class and feature
 * names) saved as one safetensors file, or built from PyTorch weights. The file format is
 * described in {@code docs/model-format.md}.
 *
 * <p>Dependency rule: depends on {@code jgrad.tensor}, {@code jgrad.nn}, {@code jgrad.optim},
 * {@code jgrad.data} and {@code jgrad.io} only. Of the other packages only {@code train} uses it.
 *
 * <p>Entry points: {@code ModelSpec.parse("mlp:100", inputShape, classes).build(rng)},
 * {@code Model.of(...).save(file)}, {@code Model.load(file).predict(rawInput)}.
 */
package jgrad.model;
