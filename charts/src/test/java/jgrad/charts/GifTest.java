package jgrad.charts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.metadata.IIOMetadataNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GifTest {
    @TempDir Path dir;

    /** Frames of a sine fit getting better, titled with the epoch and the error. */
    static List<Chart> frames(int n) {
        List<Chart> frames = new ArrayList<>();
        double[] x = new double[40], target = new double[40];
        for (int i = 0; i < x.length; i++) {
            x[i] = i * 0.16;
            target[i] = Math.sin(x[i]);
        }
        for (int f = 0; f < n; f++) {
            double[] fit = new double[x.length];
            double error = 0;
            for (int i = 0; i < x.length; i++) {
                fit[i] = target[i] * (f + 1.0) / n;
                error += 0.5 * (fit[i] - target[i]) * (fit[i] - target[i]);
            }
            frames.add(Charts.curveFit(String.format("epoch %d, error %.4f", f * 200, error / x.length), "x", "y",
                    new Series("sin x", x, target), new Series("network", x, fit)));
        }
        return frames;
    }

    @Test
    void writesEveryFrameLoopingForeverWithTheDelay() throws Exception {
        Path gif = Gif.write(dir.resolve("fit.gif"), frames(4), Duration.ofMillis(250));
        assertThat(gif).isEqualTo(dir.resolve("fit.gif"));
        ImageReader reader = ImageIO.getImageReadersByFormatName("gif").next();
        try (var in = ImageIO.createImageInputStream(gif.toFile())) {
            reader.setInput(in);
            assertThat(reader.getNumImages(true)).isEqualTo(4);
            for (int i = 0; i < 4; i++) {
                var frame = reader.read(i);
                assertThat(frame.getWidth()).isEqualTo(Chart.WIDTH);
                assertThat(frame.getHeight()).isEqualTo(Chart.HEIGHT);
                Pictures.notBlank(frame, "frame " + i);
                var meta = (IIOMetadataNode) reader.getImageMetadata(i).getAsTree("javax_imageio_gif_image_1.0");
                var control = (IIOMetadataNode) meta.getElementsByTagName("GraphicControlExtension").item(0);
                assertThat(control.getAttribute("delayTime")).isEqualTo("25");
            }
            var first = (IIOMetadataNode) reader.getImageMetadata(0).getAsTree("javax_imageio_gif_image_1.0");
            var app = (IIOMetadataNode) first.getElementsByTagName("ApplicationExtension").item(0);
            assertThat(app.getAttribute("applicationID")).isEqualTo("NETSCAPE");
            assertThat(app.getAttribute("authenticationCode")).isEqualTo("2.0");
            assertThat((byte[]) app.getUserObject()).containsExactly(1, 0, 0); // loop count 0: forever
            // frames differ: the fit moves
            assertThat(reader.read(0).getRGB(400, 150)).isNotEqualTo(reader.read(3).getRGB(400, 150));
        } finally {
            reader.dispose();
        }
    }

    @Test
    void rejectsNoFramesAndTooShortDelays() {
        assertThatThrownBy(() -> Gif.write(dir.resolve("a.gif"), List.of(), Duration.ofMillis(100)))
                .hasMessageContaining("no frames");
        assertThatThrownBy(() -> Gif.write(dir.resolve("a.gif"), frames(1), Duration.ofMillis(10)))
                .hasMessageContaining("under 20 ms");
    }
}
