package jgrad.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The image conversion shared by training on image folders and predicting on image files. */
class ImagesTest {
    @TempDir Path dir;

    /** An MNIST test digit as 28x28 values in [0, 1]. */
    private static float[] mnistDigit(int index) throws IOException {
        Dataset test = Mnist.load(Mnist.Split.TEST);
        float[] pixels = new float[784];
        test.copyFeatures(index, pixels, 0);
        return pixels;
    }

    /** The digit drawn dark on white, each pixel as a 2x2 block of grey RGB: a 56x56 colour image. */
    private static BufferedImage darkOnWhite56(float[] pixels) {
        var image = new BufferedImage(56, 56, BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < 56; y++) {
            for (int x = 0; x < 56; x++) {
                int v = 255 - Math.round(pixels[(y / 2) * 28 + x / 2] * 255);
                image.setRGB(x, y, (v << 16) | (v << 8) | v);
            }
        }
        return image;
    }

    @Test
    void aMnistModelTakesA56By56RgbPngOfADarkDigitOnWhite() throws IOException {
        float[] digit = mnistDigit(0);
        Path png = dir.resolve("seven.png");
        ImageIO.write(darkOnWhite56(digit), "png", png.toFile());
        float[] converted = Images.read(png, Images.Format.MNIST);
        assertThat(converted).hasSize(784);
        for (int i = 0; i < 784; i++) assertThat(converted[i]).isCloseTo(digit[i], org.assertj.core.data.Offset.offset(1e-6f));
    }

    @Test
    void keepLeavesALightBackgroundAndThreeChannelsKeepColour() {
        var image = new BufferedImage(2, 2, BufferedImage.TYPE_INT_RGB);
        image.setRGB(0, 0, 0xFF0000);
        image.setRGB(1, 0, 0x00FF00);
        image.setRGB(0, 1, 0x0000FF);
        image.setRGB(1, 1, 0xFFFFFF);
        float[] rgb = Images.convert(image, new Images.Format(3, 2, 2, Images.Background.KEEP));
        assertThat(rgb).containsExactly(1, 0, 0, 1, /* green */ 0, 1, 0, 1, /* blue */ 0, 0, 1, 1);
        float[] grey = Images.convert(image, new Images.Format(1, 1, 1, Images.Background.KEEP));
        assertThat(grey[0]).isCloseTo((0.299f + 0.587f + 0.114f + 1f) / 4, org.assertj.core.data.Offset.offset(1e-6f));
    }

    @Test
    void transparencyIsLaidOverWhiteAndAWideImageIsPaddedNotStretched() {
        var image = new BufferedImage(4, 2, BufferedImage.TYPE_INT_ARGB); // all transparent ...
        image.setRGB(1, 0, 0xFF000000); // ... but two opaque black pixels
        image.setRGB(2, 1, 0xFF000000);
        float[] out = Images.convert(image, new Images.Format(1, 4, 4, Images.Background.KEEP));
        // padded to 4x4 with the border's mean (6 white and 2 black of 8... = 0.75), rows 1-2 hold the image
        assertThat(out).containsExactly(0.75f, 0.75f, 0.75f, 0.75f, 1, 0, 1, 1, 1, 1, 0, 1, 0.75f, 0.75f, 0.75f, 0.75f);
    }

    @Test
    void greyPngSamplesAreReadWithoutGammaChanges() throws IOException {
        var image = new BufferedImage(1, 1, BufferedImage.TYPE_BYTE_GRAY);
        image.getRaster().setSample(0, 0, 0, 51);
        Path png = dir.resolve("grey.png");
        ImageIO.write(image, "png", png.toFile());
        assertThat(Images.read(png, new Images.Format(1, 1, 1, Images.Background.KEEP))).containsExactly(0.2f);
    }

    @Test
    void aFileThatDoesNotDecodeOrIsMissingIsNamed() throws IOException {
        Path broken = Files.write(dir.resolve("broken.png"), new byte[] {(byte) 0x89, 'P', 'N', 'G', 1, 2, 3});
        assertThatThrownBy(() -> Images.read(broken, Images.Format.MNIST)).isInstanceOf(IOException.class)
                .hasMessageStartingWith(broken.toString() + ":");
        Path text = Files.writeString(dir.resolve("notes.png"), "not an image");
        assertThatThrownBy(() -> Images.read(text, Images.Format.MNIST))
                .hasMessage(text + ": not an image jgrad can read (PNG, JPEG, GIF or BMP expected)");
        assertThatThrownBy(() -> Images.read(dir.resolve("none.png"), Images.Format.MNIST))
                .isInstanceOf(NoSuchFileException.class);
    }

    @Test
    void anImageFolderHasOneClassPerSubFolder() throws IOException {
        for (String cls : List.of("ones", "zeros")) Files.createDirectories(dir.resolve("digits/" + cls));
        var white = new BufferedImage(3, 3, BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < 3; y++) for (int x = 0; x < 3; x++) white.setRGB(x, y, 0xFFFFFF);
        ImageIO.write(white, "png", dir.resolve("digits/ones/b.png").toFile());
        ImageIO.write(white, "jpg", dir.resolve("digits/ones/a.jpg").toFile());
        ImageIO.write(new BufferedImage(5, 5, BufferedImage.TYPE_INT_RGB), "png", dir.resolve("digits/zeros/z.png").toFile());
        Files.writeString(dir.resolve("digits/zeros/README.txt"), "skipped");
        var format = new Images.Format(1, 2, 2, Images.Background.KEEP);
        ArrayDataset ds = ImageFolder.load(dir.resolve("digits"), format);
        assertThat(ds.classNames()).containsExactly("ones", "zeros");
        assertThat(ds.size()).isEqualTo(3);
        assertThat(ds.featureShape()).containsExactly(1, 2, 2);
        assertThat(new int[] {ds.label(0), ds.label(1), ds.label(2)}).containsExactly(0, 0, 1);
        float[] f = new float[4];
        ds.copyFeatures(2, f, 0);
        assertThat(f).containsExactly(0, 0, 0, 0);
        // for a model with more classes, in another order
        ArrayDataset forModel = ImageFolder.load(dir.resolve("digits"), format, List.of("zeros", "twos", "ones"));
        assertThat(new int[] {forModel.label(0), forModel.label(2)}).containsExactly(2, 0);
        assertThatThrownBy(() -> ImageFolder.load(dir.resolve("digits"), format, List.of("zeros")))
                .hasMessageContaining("ones: class 'ones' is not one of the model's classes [zeros]");
    }

    @Test
    void imageFolderErrorsNameTheFolderOrFile() throws IOException {
        var format = Images.Format.MNIST;
        assertThatThrownBy(() -> ImageFolder.load(dir.resolve("missing"), format)).isInstanceOf(NoSuchFileException.class)
                .hasMessageContaining("missing");
        Files.createDirectories(dir.resolve("flat"));
        assertThatThrownBy(() -> ImageFolder.load(dir.resolve("flat"), format)).hasMessageContaining("no sub-folders");
        Files.createDirectories(dir.resolve("empty/a"));
        assertThatThrownBy(() -> ImageFolder.load(dir.resolve("empty"), format)).hasMessageContaining("no images");
        Files.createDirectories(dir.resolve("bad/a"));
        Path broken = Files.write(dir.resolve("bad/a/x.jpg"), new byte[] {(byte) 0xFF, (byte) 0xD8, (byte) 0xFF, 0, 1});
        assertThatThrownBy(() -> ImageFolder.load(dir.resolve("bad"), format)).isInstanceOf(IOException.class)
                .hasMessageStartingWith(broken.toString());
    }
}
