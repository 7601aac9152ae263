/**
 * The scalar autograd engine, micrograd-sized: the first chapter of jgrad.
 *
 * <p>{@link jgrad.scalar.Value} is a double that records the ops that made it and
 * back-propagates through them; {@link jgrad.scalar.Neuron}, {@link jgrad.scalar.NeuronLayer}
 * and {@link jgrad.scalar.Mlp} build small networks from values; {@link jgrad.scalar.Dot} draws
 * the graph. It runs the same algorithm as the tensor engine (iterative topological order,
 * reversed, one backward step per node), one number at a time, and serves as its pure-Java oracle.
 *
 * <p>Dependency rule: depends on nothing but {@code java.base}. In particular it never imports
 * the tensor engine, and the tensor engine never imports it.
 */
package jgrad.scalar;
