package jgrad.data;

import java.awt.color.ColorSpace;
import java.awt.image.BufferedImage;
import java.awt.image.Raster;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import javax.imageio.ImageIO;

/**
 * Turns image files (PNG, JPEG, GIF, BMP: what {@link ImageIO} reads) into the features a model
 * takes: {@code channels x height x width} values in {@code [0, 1]}, row-major. The same
 * conversion serves training on a folder of images and predicting, so a model sees its inputs
 * prepared one way:
 * <ol>
 *   <li>transparent pixels are laid over white;
 *   <li>colour becomes grey as {@code 0.299 R + 0.587 G + 0.114 B} for one channel, grey becomes
 *       three equal channels for three;
 *   <li>the image is padded (centred, with the mean colour of its border) to the target's aspect
 *       ratio, so shapes are not stretched;
 *   <li>it is resized to {@code height x width} by area averaging (each output pixel is the mean
 *       of the input area it covers);
 *   <li>values are scaled to {@code [0, 1]}; with {@link Background#DARK}, an image whose border
 *       is light on average (above 0.5) is inverted ({@code 1 - v}), so a dark digit drawn on white
 *       paper looks like MNIST's white digits on black.
 * </ol>
 * An MNIST model thus takes a 56x56 RGB PNG of a black digit on white as a 28x28 grey image of a
 * white digit on black.
 */
public final class Images {
    private Images() {}

    /** What to do with the background of an image. */
    public enum Background {
        /** Keep the values as they are. */
        KEEP,
        /** Invert an image whose border is light, so that the background is dark (MNIST's convention). */
        DARK
    }

    /**
     * The shape and conventions of a model's image input.
     *
     * @param channels 1 (grey) or 3 (RGB)
     * @param height rows of the converted image
     * @param width columns of the converted image
     * @param background whether to invert light-background images
     */
    public record Format(int channels, int height, int width, Background background) {
        /** The format of MNIST and Fashion-MNIST: 1 x 28 x 28, white on black. */
        public static final Format MNIST = new Format(1, 28, 28, Background.DARK);

        /**
         * The format jgrad trains and predicts with for {@code channels x height x width} input:
         * grey images get a dark background ({@link Background#DARK}, MNIST's convention), colour
         * images are kept as they are ({@link Background#KEEP}). Training on an image folder and
         * predicting both use it, so a model always sees its images converted the same way.
         *
         * @param channels 1 (grey) or 3 (RGB)
         * @param height rows of pixels
         * @param width columns of pixels
         * @return the format
         */
        public static Format of(int channels, int height, int width) {
            return new Format(channels, height, width, channels == 1 ? Background.DARK : Background.KEEP);
        }

        /** Checks the values: 1 or 3 channels, sizes from 1 to 4096. */
        public Format {
            if (channels != 1 && channels != 3) {
                throw new IllegalArgumentException("Images.Format: channels must be 1 or 3, got " + channels);
            }
            if (height < 1 || width < 1 || height > 4096 || width > 4096) {
                throw new IllegalArgumentException("Images.Format: size must be 1..4096, got " + height + "x" + width);
            }
            if (background == null) throw new IllegalArgumentException("Images.Format: background is null");
        }

        /** {@return the feature shape {@code [channels, height, width]}} */
        public int[] shape() {
            return new int[] {channels, height, width};
        }

        /** {@return values per image} */
        public int size() {
            return channels * height * width;
        }
    }

    /**
     * Reads an image file and converts it to {@code format} (see the class comment).
     *
     * @param file an image file Java's ImageIO decodes (PNG, JPEG, GIF, BMP, ...)
     * @param format what to convert it to
     * @return {@code format.size()} values in {@code [0, 1]}
     * @throws IOException if the file is missing or is not an image ImageIO can decode; the
     *     message names the file
     */
    public static float[] read(Path file, Format format) throws IOException {
        if (!Files.isRegularFile(file)) {
            throw new NoSuchFileException(file.toString(), null, "expected an image file (PNG, JPEG, GIF, BMP)");
        }
        BufferedImage image;
        try {
            image = ImageIO.read(file.toFile());
        } catch (IOException | RuntimeException e) { // a corrupt stream can also throw e.g. an IndexOutOfBounds
            throw new IOException(file + ": the image does not decode (" + e.getMessage() + ")", e);
        }
        if (image == null) {
            throw new IOException(file + ": not an image jgrad can read (PNG, JPEG, GIF or BMP expected)");
        }
        return convert(image, format);
    }

    /**
     * Converts a decoded image to {@code format} (see the class comment).
     *
     * @param image the decoded image
     * @param format what to convert it to
     * @return {@code format.size()} values in {@code [0, 1]}, channel after channel
     */
    public static float[] convert(BufferedImage image, Format format) {
        float[][] planes = planes(image, format.channels());
        int h = image.getHeight();
        int w = image.getWidth();
        // pad to the target's aspect ratio, centred, with the border's mean colour
        int padH = h;
        int padW = w;
        if ((long) w * format.height() > (long) h * format.width()) {
            padH = (int) Math.round((double) w * format.height() / format.width());
        } else {
            padW = (int) Math.round((double) h * format.width() / format.height());
        }
        float[] out = new float[format.size()];
        int plane = format.height() * format.width();
        double borderMean = 0;
        for (int c = 0; c < planes.length; c++) {
            double border = borderMean(planes[c], h, w);
            borderMean += border / planes.length;
            float[] padded = pad(planes[c], h, w, padH, padW, (float) border);
            resize(padded, padH, padW, out, c * plane, format.height(), format.width());
        }
        if (format.background() == Background.DARK && borderMean > 0.5) {
            for (int i = 0; i < out.length; i++) out[i] = 1f - out[i];
        }
        return out;
    }

    /** The image as {@code channels} planes of values in [0, 1], alpha laid over white. */
    private static float[][] planes(BufferedImage image, int channels) {
        int h = image.getHeight();
        int w = image.getWidth();
        float[][] planes = new float[channels][h * w];
        Raster raster = image.getRaster();
        boolean grey = image.getColorModel().getColorSpace().getType() == ColorSpace.TYPE_GRAY
                && image.getColorModel().getNumColorComponents() == 1;
        if (grey) {
            // read grey samples directly: getRGB would pass them through a gamma conversion
            double max = (1 << image.getColorModel().getComponentSize(0)) - 1;
            boolean alpha = image.getColorModel().hasAlpha();
            double alphaMax = alpha ? (1 << image.getColorModel().getComponentSize(1)) - 1 : 1;
            for (int y = 0; y < h; y++) {
                for (int x = 0; x < w; x++) {
                    double v = raster.getSample(x, y, 0) / max;
                    if (alpha) {
                        double a = raster.getSample(x, y, 1) / alphaMax;
                        v = v * a + (1 - a);
                    }
                    for (float[] p : planes) p[y * w + x] = (float) v;
                }
            }
            return planes;
        }
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                int argb = image.getRGB(x, y);
                double a = (argb >>> 24) / 255.0;
                double r = ((argb >> 16) & 0xFF) / 255.0 * a + (1 - a);
                double g = ((argb >> 8) & 0xFF) / 255.0 * a + (1 - a);
                double b = (argb & 0xFF) / 255.0 * a + (1 - a);
                if (channels == 1) {
                    planes[0][y * w + x] = (float) (0.299 * r + 0.587 * g + 0.114 * b);
                } else {
                    planes[0][y * w + x] = (float) r;
                    planes[1][y * w + x] = (float) g;
                    planes[2][y * w + x] = (float) b;
                }
            }
        }
        return planes;
    }

    /** Mean of the pixels on the outer edge of an {@code h x w} plane. */
    private static double borderMean(float[] p, int h, int w) {
        double sum = 0;
        int n = 0;
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                if (y == 0 || y == h - 1 || x == 0 || x == w - 1) {
                    sum += p[y * w + x];
                    n++;
                }
            }
        }
        return sum / n;
    }

    /** {@code p} centred in a {@code ph x pw} plane filled with {@code fill}. */
    private static float[] pad(float[] p, int h, int w, int ph, int pw, float fill) {
        if (ph == h && pw == w) return p;
        float[] out = new float[ph * pw];
        java.util.Arrays.fill(out, fill);
        int top = (ph - h) / 2;
        int left = (pw - w) / 2;
        for (int y = 0; y < h; y++) System.arraycopy(p, y * w, out, (top + y) * pw + left, w);
        return out;
    }

    /**
     * Area-averaging resize of an {@code h x w} plane into {@code out[offset ..]} of size
     * {@code oh x ow}: each output pixel is the mean of the input area it covers, partial input
     * pixels weighted by their overlap (for enlarging, this repeats pixels).
     */
    private static void resize(float[] in, int h, int w, float[] out, int offset, int oh, int ow) {
        double sy = (double) h / oh;
        double sx = (double) w / ow;
        for (int oy = 0; oy < oh; oy++) {
            double y0 = oy * sy;
            double y1 = y0 + sy;
            for (int ox = 0; ox < ow; ox++) {
                double x0 = ox * sx;
                double x1 = x0 + sx;
                double sum = 0;
                for (int y = (int) y0; y < Math.min(h, Math.ceil(y1)); y++) {
                    double wy = Math.min(y1, y + 1) - Math.max(y0, y);
                    if (wy <= 0) continue;
                    for (int x = (int) x0; x < Math.min(w, Math.ceil(x1)); x++) {
                        double wx = Math.min(x1, x + 1) - Math.max(x0, x);
                        if (wx > 0) sum += wy * wx * in[y * w + x];
                    }
                }
                out[offset + oy * ow + ox] = (float) (sum / (sy * sx));
            }
        }
    }
}
