/**
 * Pictures of training, outside the engine: {@link jgrad.charts.Charts} makes line, scatter with
 * decision regions, histogram, heat map (confusion matrix), image grid, contour-with-paths and
 * curve-fit charts as {@link jgrad.charts.Chart}s that write PNG and SVG; {@link jgrad.charts.Gif}
 * writes looping animated GIFs; {@link jgrad.charts.Graphviz} draws DOT text with Graphviz; and
 * {@link jgrad.charts.RunReport} writes a run's self-contained {@code report.html}.
 *
 * <p>Dependency rule: uses {@code jgrad} core (data and graphs), XChart and the JDK; renders
 * headless ({@code java.awt.headless=true} is set for you). Library code here writes files
 * atomically and returns their paths; it never prints.
 */
package jgrad.charts;
