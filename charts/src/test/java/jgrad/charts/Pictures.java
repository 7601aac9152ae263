package jgrad.charts;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Set;
import javax.imageio.ImageIO;
import javax.xml.parsers.DocumentBuilderFactory;
import org.w3c.dom.Document;

/** Checks that written pictures are real: decodable, the right size, not blank. */
final class Pictures {
    private Pictures() {}

    /** Decodes a PNG file and checks its size and that it shows something. */
    static BufferedImage png(Path file, int width, int height) throws IOException {
        assertThat(Files.readAllBytes(file)).startsWith(0x89, 'P', 'N', 'G');
        BufferedImage image = ImageIO.read(file.toFile());
        assertThat(image).as(file + " decodes").isNotNull();
        assertThat(image.getWidth()).isEqualTo(width);
        assertThat(image.getHeight()).isEqualTo(height);
        notBlank(image, file.toString());
        return image;
    }

    /** At least 2 % of the pixels are not white and there are several colours (text, lines, fills). */
    static void notBlank(BufferedImage image, String what) {
        long inked = 0;
        Set<Integer> colours = new HashSet<>();
        for (int y = 0; y < image.getHeight(); y += 2) {
            for (int x = 0; x < image.getWidth(); x += 2) {
                int rgb = image.getRGB(x, y) & 0xffffff;
                if (rgb != 0xffffff) inked++;
                colours.add(rgb);
            }
        }
        long sampled = (long) ((image.getHeight() + 1) / 2) * ((image.getWidth() + 1) / 2);
        assertThat(inked).as(what + ": inked pixels of " + sampled).isGreaterThan(sampled / 50);
        assertThat(colours.size()).as(what + ": colours").isGreaterThan(4);
    }

    /** Parses an SVG file as XML (without fetching its DTD) and checks the root and its size. */
    static Document svg(Path file, int width, int height) throws Exception {
        return svg(Files.readString(file), width, height);
    }

    static Document svg(String text, int width, int height) throws Exception {
        var factory = DocumentBuilderFactory.newInstance();
        factory.setNamespaceAware(true);
        factory.setFeature("http://apache.org/xml/features/nonvalidating/load-external-dtd", false);
        Document doc = factory.newDocumentBuilder().parse(new ByteArrayInputStream(text.getBytes("UTF-8")));
        var root = doc.getDocumentElement();
        assertThat(root.getLocalName()).isEqualTo("svg");
        assertThat(root.getAttribute("viewBox")).isEqualTo("0 0 " + width + " " + height);
        assertThat(doc.getElementsByTagNameNS("*", "path").getLength() + doc.getElementsByTagNameNS("*", "text").getLength()
                + doc.getElementsByTagNameNS("*", "rect").getLength()).isGreaterThan(10);
        return doc;
    }
}
