package jgrad.charts;

import java.awt.image.BufferedImage;
import java.util.Arrays;
import jgrad.tensor.Tensor;

/**
 * A small image for {@link Charts#imageGrid} and report samples: {@code channels} (1 for gray, 3
 * for RGB) planes of {@code height x width} values, channel first as in a tensor. Values may be
 * in any range (raw bytes, standardised inputs, filter weights): each image is drawn with its own
 * minimum as black and its maximum as white, so a filter with small weights still shows.
 *
 * @param channels 1 or 3
 * @param height rows
 * @param width columns
 * @param values {@code channels * height * width} values, channel first, then row by row
 */
public record Pixels(int channels, int height, int width, float[] values) {
    /**
     * Checks the sizes.
     *
     * @throws IllegalArgumentException if channels is not 1 or 3 or the values do not fill the image
     */
    public Pixels {
        if (channels != 1 && channels != 3) {
            throw new IllegalArgumentException("Pixels: channels must be 1 or 3, got " + channels);
        }
        if (height < 1 || width < 1 || (long) channels * height * width != values.length) {
            throw new IllegalArgumentException("Pixels: " + values.length + " values do not fill " + channels + " x "
                    + height + " x " + width);
        }
    }

    /**
     * {@return a gray image from {@code height * width} values, row by row (an MNIST digit: 28, 28)}
     *
     * @param height rows
     * @param width columns
     * @param values the pixels, row by row (kept, not copied)
     */
    public static Pixels gray(int height, int width, float[] values) {
        return new Pixels(1, height, width, values);
    }

    /**
     * An image from a tensor of shape {@code (H, W)}, {@code (1, H, W)} or {@code (3, H, W)}, such
     * as one MNIST example or one first-layer convolution filter {@code weight[k]}.
     *
     * @param image the tensor, channels first
     * @return the image (its values copied)
     * @throws IllegalArgumentException for any other shape
     */
    public static Pixels of(Tensor image) {
        int[] s = image.shape();
        if (s.length == 2) return new Pixels(1, s[0], s[1], image.toFloatArray());
        if (s.length == 3) return new Pixels(s[0], s[1], s[2], image.toFloatArray());
        throw new IllegalArgumentException("Pixels.of: shape " + Arrays.toString(s) + " is not (H, W) or (C, H, W)");
    }

    /** The image in 8-bit RGB, scaled from its own min (black) to max (white). */
    BufferedImage toImage() {
        float lo = Float.POSITIVE_INFINITY, hi = Float.NEGATIVE_INFINITY;
        for (float v : values) {
            if (Float.isFinite(v)) {
                lo = Math.min(lo, v);
                hi = Math.max(hi, v);
            }
        }
        float scale = hi > lo ? 255f / (hi - lo) : 0f;
        var img = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        int plane = height * width;
        for (int r = 0; r < height; r++) {
            for (int c = 0; c < width; c++) {
                int i = r * width + c, rgb = 0;
                for (int k = 0; k < 3; k++) {
                    float v = values[(channels == 3 ? k * plane : 0) + i];
                    int b = scale == 0 ? 128 : Float.isFinite(v) ? Math.round((v - lo) * scale) : 0;
                    rgb = (rgb << 8) | Math.clamp(b, 0, 255);
                }
                img.setRGB(c, r, rgb);
            }
        }
        return img;
    }
}
