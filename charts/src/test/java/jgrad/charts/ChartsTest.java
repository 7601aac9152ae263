package jgrad.charts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.awt.Color;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.SequencedMap;
import jgrad.tensor.Tensor;
import jgrad.train.ConfusionMatrix;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class ChartsTest {
    @TempDir static Path dir;
    private static SequencedMap<String, Chart> gallery;

    @BeforeAll
    static void drawTheGallery() {
        gallery = Gallery.charts();
    }

    static List<String> kinds() {
        return List.of("line", "accuracy", "moons", "histograms", "confusion", "digits", "optimizers", "curve-fit");
    }

    /**
     * Writes the gallery (PNG and SVG of every kind and the moons GIF) into the
     * folder named by {@code -Djgrad.gallery=DIR}; docs/images holds a few of them.
     */
    @Test
    @EnabledIfSystemProperty(named = "jgrad.gallery", matches = ".+")
    void writesTheGalleryWhereAsked() throws Exception {
        Path out = Path.of(System.getProperty("jgrad.gallery"));
        for (var e : gallery.entrySet()) e.getValue().write(out, e.getKey());
        Gif.write(out.resolve("moons.gif"), Gallery.moonFrames(), java.time.Duration.ofMillis(500));
    }

    @Test
    void theGalleryHasEveryKind() {
        assertThat(gallery.keySet()).containsExactlyElementsOf(kinds());
    }

    @ParameterizedTest
    @MethodSource("kinds")
    void everyKindWritesAValidPngAndSvg(String kind) throws Exception {
        Chart chart = gallery.get(kind);
        List<Path> written = chart.write(dir.resolve(kind), kind);
        assertThat(written).containsExactly(dir.resolve(kind).resolve(kind + ".png"), dir.resolve(kind).resolve(kind + ".svg"));
        Pictures.png(written.get(0), chart.width(), chart.height());
        Pictures.svg(written.get(1), chart.width(), chart.height());
        try (var files = Files.list(dir.resolve(kind))) {
            assertThat(files).hasSize(2); // no temp file left
        }
    }

    @Test
    void singleChartsHaveTheDefaultSize() {
        for (String kind : List.of("line", "accuracy", "moons", "curve-fit")) {
            assertThat(gallery.get(kind).width()).as(kind).isEqualTo(Chart.WIDTH);
            assertThat(gallery.get(kind).height()).as(kind).isEqualTo(Chart.HEIGHT);
        }
    }

    @Test
    void decisionRegionsFillThePlotWithEachClassTint() {
        var grid = new Grid(0, 1, 0, 1, 4, 2);
        int[] regions = {0, 0, 1, 1, 0, 0, 1, 1}; // left half class 0, right half class 1
        var points = new Points(new double[] {0.25, 0.75}, new double[] {0.5, 0.5}, new int[] {0, 1});
        var image = Charts.decisionRegions("regions", "x1", "x2", grid, regions, points, List.of("a", "b")).image();
        // sample inside the plot, away from the points and the legend: left and right halves
        int left = image.getRGB(Chart.WIDTH / 4, Chart.HEIGHT * 3 / 4) & 0xffffff;
        int right = image.getRGB(Chart.WIDTH * 3 / 5, Chart.HEIGHT * 3 / 4) & 0xffffff;
        assertThat(left).isEqualTo(Style.tint(Style.color(0), 0.62).getRGB() & 0xffffff);
        assertThat(right).isEqualTo(Style.tint(Style.color(1), 0.62).getRGB() & 0xffffff);
    }

    @Test
    void lineChartsLeaveOutSeriesThatWereNeverMeasured() {
        double nan = Double.NaN;
        Chart c = Charts.line("accuracy", "epoch", "accuracy", List.of(Series.of("train", new double[] {0.5, 0.7}),
                Series.of("test", new double[] {nan, nan})));
        Pictures.notBlank(c.image(), "line with one measured series");
        assertThatThrownBy(() -> Charts.line("t", "x", "y", List.of(Series.of("test", new double[] {nan}))))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("no series with a finite value");
    }

    @Test
    void aConfusionMatrixNeedsOneNamePerClass() {
        var m = new ConfusionMatrix(3);
        m.add(new int[] {0, 1, 2}, new int[] {0, 2, 2});
        assertThat(Charts.confusionMatrix("cm", m, List.of()).width()).isGreaterThan(100);
        assertThatThrownBy(() -> Charts.confusionMatrix("cm", m, List.of("a", "b")))
                .hasMessageContaining("2 class names for 3 classes");
    }

    @Test
    void imageTilesScaleEachImageFromItsMinimumToItsMaximum() {
        var tile = Pixels.of(Tensor.of(new float[] {-0.5f, 0.5f, 0.0f, 0.25f}, 1, 2, 2)).toImage();
        assertThat(tile.getRGB(0, 0) & 0xffffff).isEqualTo(0x000000);
        assertThat(tile.getRGB(1, 0) & 0xffffff).isEqualTo(0xffffff);
        assertThat(new Color(tile.getRGB(0, 1)).getRed()).isEqualTo(128);
        assertThatThrownBy(() -> Pixels.of(Tensor.zeros(2, 2, 2))).hasMessageContaining("channels must be 1 or 3");
        assertThat(Tile.prediction(Pixels.gray(1, 1, new float[] {0}), "7", "2").caption()).isEqualTo("7 (true 2)");
        assertThat(Tile.prediction(Pixels.gray(1, 1, new float[] {0}), "7", "7").mark()).isEqualTo(Tile.Mark.RIGHT);
    }

    @Test
    void drawsEachConvolutionFilterAsATile() throws Exception {
        var rng = new java.util.SplittableRandom(2);
        Tensor w = Tensor.randn(rng, 30, 1, 5, 5);
        Chart c = Charts.filters("First-layer filters", w, 10);
        Pictures.notBlank(c.image(), "filters");
        Pictures.svg(c.svg(), c.width(), c.height());
        assertThat(c.height()).isGreaterThan(3 * 76); // three rows of ten
        assertThatThrownBy(() -> Charts.filters("f", Tensor.zeros(3, 5, 5), 4)).hasMessageContaining("(out, in, kh, kw)");
    }

    @Test
    void gridCellsAreNumberedRowByRowFromTheBottomLeft() {
        var grid = new Grid(0, 4, 0, 2, 4, 2);
        assertThat(grid.points()).containsExactly(0.5f, 0.5f, 1.5f, 0.5f, 2.5f, 0.5f, 3.5f, 0.5f,
                0.5f, 1.5f, 1.5f, 1.5f, 2.5f, 1.5f, 3.5f, 1.5f);
        assertThat(grid.evaluate((x, y) -> x * 10 + y)).startsWith(5.5, 15.5);
        assertThatThrownBy(() -> new Grid(1, 0, 0, 1, 2, 2)).hasMessageContaining("xMin < xMax");
    }

    @Test
    void svgNamesAGenericFontFallback() {
        assertThat(Svg.withFallbackFont("font-family:&quot;DejaVu Sans&quot;;font-size:18px"))
                .isEqualTo("font-family:&quot;DejaVu Sans&quot;, sans-serif;font-size:18px");
        assertThat(Svg.withFallbackFont("font-family:SansSerif;")).isEqualTo("font-family:sans-serif;");
        assertThat(gallery.get("confusion").svg()).contains("sans-serif").doesNotContain("font-family:&quot;, sans-serif");
    }

    @Test
    void svgTextHasThePngsFontSizeInABrowserToo() throws Exception {
        // VectorGraphics2D leaves font-size out for 12 px text (its default); a browser would use 16 px
        var doc = Pictures.svg(gallery.get("line").svg(), Chart.WIDTH, Chart.HEIGHT);
        assertThat(doc.getDocumentElement().getAttribute("font-size")).isEqualTo("12px");
        var texts = doc.getElementsByTagNameNS("*", "text");
        assertThat(texts.getLength()).as("tick labels are text").isGreaterThan(5);
        for (int i = 0; i < texts.getLength(); i++) {
            String style = ((org.w3c.dom.Element) texts.item(i)).getAttribute("style");
            if (!style.contains("font-size")) assertThat(texts.item(i).getTextContent()).as("tick label").matches("[0-9.\u2212]+");
        }
    }

    @Test
    void withSizeRedrawsAtTheNewSize() throws Exception {
        Chart small = gallery.get("line").withSize(400, 250);
        Pictures.notBlank(small.image(), "small line chart");
        assertThat(small.image().getWidth()).isEqualTo(400);
        Pictures.svg(small.svg(), 400, 250);
        assertThatThrownBy(() -> small.withSize(0, 10)).hasMessageContaining("outside 16..16384");
    }
}
