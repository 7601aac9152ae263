package jgrad.charts;

import de.erichseifert.vectorgraphics2d.VectorGraphics2D;
import de.erichseifert.vectorgraphics2d.svg.SVGProcessor;
import de.erichseifert.vectorgraphics2d.util.PageSize;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import javax.imageio.ImageIO;
import jgrad.io.AtomicFile;

/**
 * A finished picture of a fixed size that can be written as PNG or SVG (or both), made by
 * {@link Charts} or put together from panels with {@link #grid}. Immutable: it keeps the data and
 * draws them each time it is written, so one chart can be written many times and at other
 * sizes ({@link #withSize}).
 * <pre>{@code
 * Chart loss = Charts.line("Training loss", "epoch", "loss (cross entropy)",
 *         List.of(Series.of("train", trainLoss), Series.of("test", testLoss)));
 * for (Path p : loss.write(Path.of("runs/mnist"), "loss")) System.out.println("wrote " + p);
 * // wrote runs/mnist/loss.png
 * // wrote runs/mnist/loss.svg
 * }</pre>
 */
public final class Chart {
    static {
        Objects.requireNonNull(Style.FAMILY); // loads Style first, which makes AWT headless
    }

    /** Default size of a single chart, in pixels. */
    public static final int WIDTH = 800;
    /** Default size of a single chart, in pixels. */
    public static final int HEIGHT = 500;

    /** Draws the picture on {@code g} into {@code (0, 0, width, height)}. */
    @FunctionalInterface
    interface Painter {
        void paint(Graphics2D g, int width, int height);
    }

    private final int width;
    private final int height;
    private final Painter painter;

    Chart(int width, int height, Painter painter) {
        if (width < 16 || height < 16 || width > 16_384 || height > 16_384) {
            throw new IllegalArgumentException("Chart: size " + width + " x " + height + " is outside 16..16384 pixels");
        }
        this.width = width;
        this.height = height;
        this.painter = painter;
    }

    /** {@return the width in pixels} */
    public int width() {
        return width;
    }

    /** {@return the height in pixels} */
    public int height() {
        return height;
    }

    /**
     * The same chart drawn at another size (fonts keep their size; the plot grows or shrinks).
     *
     * @param width pixels
     * @param height pixels
     * @return a new chart; this one is unchanged
     * @throws IllegalArgumentException if a side is outside 16..16384 pixels
     */
    public Chart withSize(int width, int height) {
        return new Chart(width, height, painter);
    }

    /**
     * Panels side by side in rows of {@code columns}, under one title; each cell is as large as the
     * largest panel.
     *
     * @param title the title above all panels
     * @param panels the charts, row by row
     * @param columns panels per row, {@code >= 1}
     * @return the combined chart
     * @throws IllegalArgumentException if there are no panels or {@code columns < 1}
     */
    public static Chart grid(String title, List<Chart> panels, int columns) {
        if (panels.isEmpty() || columns < 1) {
            throw new IllegalArgumentException("Chart.grid: needs panels and columns >= 1, got " + panels.size()
                    + " panels and " + columns + " columns");
        }
        List<Chart> cells = List.copyOf(panels);
        int cols = Math.min(columns, cells.size());
        int rows = (cells.size() + cols - 1) / cols;
        int cw = cells.stream().mapToInt(Chart::width).max().orElseThrow();
        int ch = cells.stream().mapToInt(Chart::height).max().orElseThrow();
        int top = title.isEmpty() ? 0 : 44;
        return new Chart(cols * cw, top + rows * ch, (g, w, h) -> {
            if (top > 0) Draw.centered(g, title, Style.title(), w / 2, 30);
            double sx = (double) w / (cols * cw), sy = (double) (h - top) / (rows * ch);
            for (int i = 0; i < cells.size(); i++) {
                Chart c = cells.get(i);
                int x = (int) Math.round((i % cols) * cw * sx), y = top + (int) Math.round((i / cols) * ch * sy);
                Graphics2D pg = (Graphics2D) g.create();
                pg.translate(x, y);
                pg.clipRect(0, 0, (int) (cw * sx), (int) (ch * sy));
                c.painter.paint(pg, (int) Math.round(c.width * sx), (int) Math.round(c.height * sy));
                pg.dispose();
            }
        });
    }

    /** {@return the picture as an RGB image} */
    public BufferedImage image() {
        var image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        try {
            g.setColor(Color.WHITE);
            g.fillRect(0, 0, width, height);
            g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
            g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
            g.setRenderingHint(RenderingHints.KEY_FRACTIONALMETRICS, RenderingHints.VALUE_FRACTIONALMETRICS_ON);
            g.setRenderingHint(RenderingHints.KEY_STROKE_CONTROL, RenderingHints.VALUE_STROKE_PURE);
            painter.paint(g, width, height);
        } finally {
            g.dispose();
        }
        return image;
    }

    /** {@return the picture as PNG bytes} */
    public byte[] png() {
        var out = new ByteArrayOutputStream();
        try {
            ImageIO.write(image(), "png", out);
        } catch (IOException inMemory) {
            throw new UncheckedIOException(inMemory);
        }
        return out.toByteArray();
    }

    /**
     * The picture as an SVG document (text as text, raster parts such as image tiles embedded as
     * PNG). The font family names a generic {@code sans-serif} fallback for browsers without it,
     * and text has the size it has in the PNG.
     *
     * @return the SVG text
     */
    public String svg() {
        var g = new VectorGraphics2D();
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, width, height);
        painter.paint(g, width, height);
        var out = new ByteArrayOutputStream();
        try {
            new SVGProcessor().getDocument(g.getCommands(), new PageSize(0, 0, width, height)).writeTo(out);
        } catch (IOException inMemory) {
            throw new UncheckedIOException(inMemory);
        }
        return Svg.withDefaultFontSize(Svg.withFallbackFont(out.toString(StandardCharsets.UTF_8)));
    }

    /**
     * Writes the PNG to {@code file} atomically and returns {@code file}.
     *
     * @param file where to write, e.g. {@code loss.png}
     * @return {@code file}
     * @throws IOException if the file cannot be written; an existing {@code file} is then left as it was
     */
    public Path writePng(Path file) throws IOException {
        AtomicFile.write(file, png());
        return file;
    }

    /**
     * Writes the SVG to {@code file} atomically and returns {@code file}.
     *
     * @param file where to write, e.g. {@code loss.svg}
     * @return {@code file}
     * @throws IOException if the file cannot be written; an existing {@code file} is then left as it was
     */
    public Path writeSvg(Path file) throws IOException {
        AtomicFile.write(file, svg().getBytes(StandardCharsets.UTF_8));
        return file;
    }

    /**
     * Writes {@code dir/name.png} and {@code dir/name.svg} (creating {@code dir}) and returns both
     * paths, for the caller to print.
     *
     * @param dir the folder
     * @param name the file name without extension
     * @return the PNG's and the SVG's path
     * @throws IOException if {@code dir} or one of the files cannot be written
     */
    public List<Path> write(Path dir, String name) throws IOException {
        return List.of(writePng(dir.resolve(name + ".png")), writeSvg(dir.resolve(name + ".svg")));
    }
}
