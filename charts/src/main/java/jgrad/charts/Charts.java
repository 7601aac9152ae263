package jgrad.charts;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.DoubleBinaryOperator;
import jgrad.tensor.Tensor;
import jgrad.train.ConfusionMatrix;

/**
 * The catalogue of charts: each method takes plain data and returns a {@link Chart} to write as
 * PNG and SVG. Every chart has a title and axis labels (say the unit: {@code "epoch"}, {@code
 * "iteration"}, {@code "loss (cross entropy)"}, {@code "accuracy (%)"}), and a legend when it
 * shows more than one series. Charts render headless, without a display.
 * <pre>{@code
 * Chart c = Charts.line("Loss per epoch", "epoch", "loss (cross entropy)",
 *         List.of(Series.of("train", new double[] {0.9, 0.5, 0.3}), Series.of("test", new double[] {1.0, 0.6, 0.45})));
 * c.write(Path.of("runs/demo"), "loss");   // runs/demo/loss.png, runs/demo/loss.svg
 * }</pre>
 */
public final class Charts {
    private Charts() {}

    /**
     * Lines {@code y(x)}, one per series (loss or accuracy per epoch or iteration, train and test).
     * Short series get a marker per point; series with no finite value are left out.
     *
     * @param title the chart's title
     * @param xLabel the x axis label
     * @param yLabel the y axis label
     * @param series the lines, named in the legend
     * @return the chart, to write as PNG and SVG
     * @throws IllegalArgumentException if no series has a finite value
     */
    public static Chart line(String title, String xLabel, String yLabel, List<Series> series) {
        return line(title, xLabel, yLabel, series, Scale.LINEAR);
    }

    /**
     * Lines {@code y(x)} as {@link #line(String, String, String, List)}, on a linear or a log y
     * axis. Use {@link Scale#LOG} for a curve that spans orders of magnitude (an error falling from
     * 0.3 to 0.0002); it draws positive values only: zero and negative values are left out as
     * gaps, and the legend says how many of each series were left out.
     * {@link Scale#suggested(List)} picks the scale from the values.
     *
     * @param title the chart's title
     * @param xLabel the x axis label
     * @param yLabel the y axis label
     * @param series the lines, named in the legend
     * @param yScale linear or logarithmic
     * @return the chart, to write as PNG and SVG
     * @throws IllegalArgumentException if no series has a finite value, or on a log axis, a positive one
     */
    public static Chart line(String title, String xLabel, String yLabel, List<Series> series, Scale yScale) {
        return XyCharts.line(title, xLabel, yLabel, List.copyOf(series), yScale);
    }

    /**
     * A network's output against its target, e.g. {@code sin x}: the target as a dashed line, the
     * fit as a solid one with markers.
     *
     * @param title the chart's title
     * @param xLabel the x axis label
     * @param yLabel the y axis label
     * @param target the function to learn
     * @param fit the network's output at the same or other x
     * @return the chart, to write as PNG and SVG
     */
    public static Chart curveFit(String title, String xLabel, String yLabel, Series target, Series fit) {
        return XyCharts.curveFit(title, xLabel, yLabel, target, fit);
    }

    /**
     * Points coloured by class, with a legend of {@code classNames} (index {@code k} names class
     * {@code k}; missing names show as {@code "class k"}).
     *
     * @param title the chart's title
     * @param xLabel the x axis label
     * @param yLabel the y axis label
     * @param points the points and their class labels
     * @param classNames the legend's names, by class index
     * @return the chart, to write as PNG and SVG
     */
    public static Chart scatter(String title, String xLabel, String yLabel, Points points, List<String> classNames) {
        return XyCharts.scatter(title, xLabel, yLabel, points, List.copyOf(classNames), null, null);
    }

    /**
     * A 2-D classifier's decision regions: each cell of {@code grid} filled with a light tint of
     * its predicted class {@code regions[cell]} (cell order as {@link Grid#points()}), the data
     * points on top in the full colour of their true class.
     *
     * @param title the chart's title
     * @param xLabel the x axis label
     * @param yLabel the y axis label
     * @param grid the cells the classifier was evaluated on
     * @param regions the predicted class of each cell
     * @param points the data, coloured by their true class
     * @param classNames the legend's names, by class index
     * @return the chart, to write as PNG and SVG
     * @throws IllegalArgumentException if {@code regions} does not have one class per cell
     */
    public static Chart decisionRegions(String title, String xLabel, String yLabel, Grid grid, int[] regions,
            Points points, List<String> classNames) {
        if (regions.length != grid.size()) {
            throw new IllegalArgumentException("Charts.decisionRegions: " + regions.length + " classes for a grid of "
                    + grid.size() + " cells");
        }
        for (int k : regions) {
            if (k < 0) throw new IllegalArgumentException("Charts.decisionRegions: negative class " + k);
        }
        return XyCharts.scatter(title, xLabel, yLabel, points, List.copyOf(classNames), grid, regions.clone());
    }

    /**
     * One histogram panel per bag of values, side by side (at most five a row) with a common
     * x range, e.g. the activations of each layer: {@code bins} bins over {@code [min, max]};
     * values outside are not counted.
     *
     * @param title the chart's title
     * @param xLabel the x axis label of every panel
     * @param panels the bags of values, each titled with its name
     * @param bins bins per panel, {@code >= 1}
     * @param min the left end of the common x range
     * @param max the right end, {@code > min}
     * @return the chart, to write as PNG and SVG
     * @throws IllegalArgumentException if there are no panels, {@code bins < 1} or {@code min >= max}
     */
    public static Chart histograms(String title, String xLabel, List<Values> panels, int bins, double min, double max) {
        if (panels.isEmpty() || bins < 1 || !(min < max)) {
            throw new IllegalArgumentException("Charts.histograms " + title + ": needs panels, bins >= 1 and min < max; got "
                    + panels.size() + " panels, " + bins + " bins, " + min + ".." + max);
        }
        List<Chart> charts = new ArrayList<>();
        for (int i = 0; i < panels.size(); i++) charts.add(XyCharts.histogram(panels.get(i), xLabel, bins, min, max, i));
        return Chart.grid(title, charts, Math.min(5, panels.size()));
    }

    /**
     * A confusion matrix as a heat map with the count in each cell: true classes down, predicted
     * classes across, named by {@code classNames} (or 0, 1, ... when it is empty).
     *
     * @param title the chart's title
     * @param matrix the counts
     * @param classNames one name per class, or empty
     * @return the chart, to write as PNG and SVG
     * @throws IllegalArgumentException if {@code classNames} is neither empty nor one per class
     */
    public static Chart confusionMatrix(String title, ConfusionMatrix matrix, List<String> classNames) {
        int n = matrix.classes();
        List<String> names = classNames.isEmpty() ? indexNames(n) : List.copyOf(classNames);
        if (names.size() != n) {
            throw new IllegalArgumentException("Charts.confusionMatrix: " + classNames.size() + " class names for " + n
                    + " classes");
        }
        double[][] counts = new double[n][n];
        for (int a = 0; a < n; a++) for (int p = 0; p < n; p++) counts[a][p] = matrix.count(a, p);
        return HeatMap.of(title, "predicted class", "true class", counts, names, names, "count");
    }

    /**
     * A heat map of {@code values[row][column]} with each value written in its cell, white (lowest,
     * or 0) to dark blue (highest).
     *
     * @param title the chart's title
     * @param xLabel the x axis label
     * @param yLabel the y axis label
     * @param values the matrix, one array per row
     * @param columnNames one name per column, shown along x
     * @param rowNames one name per row, shown along y
     * @return the chart, to write as PNG and SVG
     * @throws IllegalArgumentException if the names do not match the matrix or rows are ragged
     */
    public static Chart heatMap(String title, String xLabel, String yLabel, double[][] values, List<String> columnNames,
            List<String> rowNames) {
        return HeatMap.of(title, xLabel, yLabel, values, List.copyOf(columnNames), List.copyOf(rowNames), "value");
    }

    /**
     * Small images in rows of {@code columns}, each with its caption (digits with their predicted
     * and true labels: {@link Tile#prediction}; first-layer filters: {@link Tile#of}). Each image
     * is scaled from its own minimum (black) to maximum (white).
     *
     * @param title the chart's title
     * @param tiles the images with their captions
     * @param columns images per row, {@code >= 1}
     * @return the chart, to write as PNG and SVG
     * @throws IllegalArgumentException if there are no tiles or {@code columns < 1}
     */
    public static Chart imageGrid(String title, List<Tile> tiles, int columns) {
        return ImageGrid.of(title, tiles, columns);
    }

    /**
     * The filters of a convolution weight {@code (out, in, kh, kw)} (e.g. the first layer's
     * {@code conv.weight}), one tile per output channel captioned with its index: gray for one
     * input channel, colour for three, the first input channel otherwise. Each filter is scaled
     * from its own minimum (black) to maximum (white).
     *
     * @param title the chart's title
     * @param weight a convolution weight {@code (out, in, kh, kw)}
     * @param columns filters per row, {@code >= 1}
     * @return the chart, to write as PNG and SVG
     * @throws IllegalArgumentException if the weight is not 4-D
     */
    public static Chart filters(String title, Tensor weight, int columns) {
        int[] s = weight.shape();
        if (s.length != 4) {
            throw new IllegalArgumentException("Charts.filters: weight shape " + Arrays.toString(s)
                    + " is not (out, in, kh, kw)");
        }
        int channels = s[1] == 3 ? 3 : 1, plane = s[2] * s[3];
        float[] w = weight.toFloatArray();
        List<Tile> tiles = new ArrayList<>();
        for (int k = 0; k < s[0]; k++) {
            float[] px = new float[channels * plane];
            System.arraycopy(w, k * s[1] * plane, px, 0, px.length);
            tiles.add(Tile.of(new Pixels(channels, s[2], s[3], px), Integer.toString(k)));
        }
        return ImageGrid.of(title, tiles, columns);
    }

    /**
     * One panel per path on the contour lines of {@code f} over {@code grid} (the optimizer
     * comparison: {@code f(x, y) = x²/20 + y²} from {@code (-7, 2)}, a path per optimizer named
     * by its series), in rows of three (two for four paths) under {@code title}; a single path is one chart titled
     * {@code title}. One unit of x is as long as one unit of y (circles stay round), so the chart's
     * width follows the grid's shape.
     *
     * @param title the chart's title
     * @param xLabel the x axis label
     * @param yLabel the y axis label
     * @param grid where {@code f} is evaluated for the contour lines
     * @param f the function the paths descend
     * @param paths one path of {@code (x, y)} points per optimizer, named by its series
     * @return the chart, to write as PNG and SVG
     * @throws IllegalArgumentException if there are no paths
     */
    public static Chart contourPaths(String title, String xLabel, String yLabel, Grid grid, DoubleBinaryOperator f,
            List<Series> paths) {
        if (paths.isEmpty()) throw new IllegalArgumentException("Charts.contourPaths " + title + ": no paths");
        double[] values = grid.evaluate(f);
        List<Chart> panels = new ArrayList<>();
        if (paths.size() == 1) return XyCharts.contourPath(title, xLabel, yLabel, grid, values, paths.getFirst(), Chart.HEIGHT);
        for (Series p : paths) panels.add(XyCharts.contourPath(p.name(), xLabel, yLabel, grid, values, p, 360));
        return Chart.grid(title, panels, paths.size() == 4 ? 2 : Math.min(3, paths.size()));
    }

    private static List<String> indexNames(int n) {
        List<String> names = new ArrayList<>();
        for (int i = 0; i < n; i++) names.add(Integer.toString(i));
        return names;
    }
}
