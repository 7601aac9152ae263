/**
 * Pictures of graphs as pure functions: {@link jgrad.viz.Dot#graph(jgrad.tensor.Tensor)} turns a
 * tensor and everything it was computed from into Graphviz DOT text (ops and shapes, parameters
 * named when known), and {@link jgrad.viz.LayerGraph} describes a small network of hand-written
 * layers with its forward values and backward gradients ({@link jgrad.viz.Dot#graph(LayerGraph)}).
 * Nothing here renders, prints or starts a process: the {@code charts} module's {@code Graphviz}
 * turns the text into SVG or PNG.
 *
 * <p>Dependency rule: reads graphs only through the public read-only accessors of {@code
 * jgrad.tensor} ({@code Tensor.creator()}, {@code Op.inputs()}, {@code Op.opName()}); may use
 * {@code jgrad.scalar}.
 */
package jgrad.viz;
