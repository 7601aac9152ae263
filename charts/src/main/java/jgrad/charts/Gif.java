package jgrad.charts;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageTypeSpecifier;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.metadata.IIOMetadata;
import javax.imageio.metadata.IIOMetadataNode;
import javax.imageio.stream.ImageOutputStream;
import jgrad.io.AtomicFile;

/**
 * Animated GIFs that loop forever: one frame per recorded moment of training, each frame a
 * {@link Chart} (put the epoch and the error in its title). Written with {@code javax.imageio};
 * every frame is drawn at the first frame's size.
 * <pre>{@code
 * List<Chart> frames = new ArrayList<>();
 * for (Snapshot s : snapshots) {
 *     frames.add(Charts.curveFit(String.format("epoch %d, error %.4f", s.epoch(), s.error()),
 *             "x", "y", target, s.fit()));
 * }
 * Path gif = Gif.write(Path.of("runs/sine-regression/sine-regression.gif"), frames, Duration.ofMillis(400));
 * }</pre>
 */
public final class Gif {
    private static final String FORMAT = "javax_imageio_gif_image_1.0";

    private Gif() {}

    /**
     * Writes the frames to {@code file} (atomically), showing each for {@code frameDelay} (GIF
     * counts in hundredths of a second, at least 0.02 s) and looping forever; returns {@code file}.
     *
     * @param file where to write, e.g. {@code moons-boundary.gif}
     * @param frames the pictures, all drawn at the first frame's size
     * @param frameDelay how long each frame shows
     * @return {@code file}
     * @throws IllegalArgumentException if there are no frames or the delay is under 20 ms
     * @throws IOException if the file cannot be written
     */
    public static Path write(Path file, List<Chart> frames, Duration frameDelay) throws IOException {
        if (frames.isEmpty()) throw new IllegalArgumentException("Gif.write " + file + ": no frames");
        if (frameDelay.toMillis() < 20) {
            throw new IllegalArgumentException("Gif.write " + file + ": frame delay " + frameDelay.toMillis()
                    + " ms is under 20 ms, which browsers do not show");
        }
        int w = frames.getFirst().width(), h = frames.getFirst().height();
        String delay = Long.toString(Math.min(65_535, Math.round(frameDelay.toMillis() / 10.0)));
        ImageWriter writer = ImageIO.getImageWritersByFormatName("gif").next();
        var bytes = new ByteArrayOutputStream();
        try (ImageOutputStream out = ImageIO.createImageOutputStream(bytes)) {
            writer.setOutput(out);
            writer.prepareWriteSequence(null);
            for (int i = 0; i < frames.size(); i++) {
                var image = frames.get(i).withSize(w, h).image();
                ImageWriteParam param = writer.getDefaultWriteParam();
                IIOMetadata meta = writer.getDefaultImageMetadata(ImageTypeSpecifier.createFromRenderedImage(image), param);
                var root = (IIOMetadataNode) meta.getAsTree(FORMAT);
                var control = child(root, "GraphicControlExtension");
                control.setAttribute("disposalMethod", "none");
                control.setAttribute("userInputFlag", "FALSE");
                control.setAttribute("transparentColorFlag", "FALSE");
                control.setAttribute("delayTime", delay);
                control.setAttribute("transparentColorIndex", "0");
                if (i == 0) {
                    // NETSCAPE2.0 application extension: sub-block 1, loop count 0 = forever
                    var app = new IIOMetadataNode("ApplicationExtension");
                    app.setAttribute("applicationID", "NETSCAPE");
                    app.setAttribute("authenticationCode", "2.0");
                    app.setUserObject(new byte[] {1, 0, 0});
                    child(root, "ApplicationExtensions").appendChild(app);
                }
                meta.setFromTree(FORMAT, root);
                writer.writeToSequence(new IIOImage(image, null, meta), param);
            }
            writer.endWriteSequence();
        } finally {
            writer.dispose();
        }
        AtomicFile.write(file, bytes.toByteArray());
        return file;
    }

    /** The child element {@code name} of {@code root}, added when missing. */
    private static IIOMetadataNode child(IIOMetadataNode root, String name) {
        for (int i = 0; i < root.getLength(); i++) {
            if (root.item(i).getNodeName().equalsIgnoreCase(name)) return (IIOMetadataNode) root.item(i);
        }
        var node = new IIOMetadataNode(name);
        root.appendChild(node);
        return node;
    }
}
