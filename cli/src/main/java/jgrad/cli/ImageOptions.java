package jgrad.cli;

import java.util.Locale;
import jgrad.data.Images;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;

/** How a folder of images is converted for a new model ({@code --image-size}, {@code --channels}). */
final class ImageOptions {
    /** Reads {@code 28x28} or {@code 28} (square). */
    record Size(int height, int width) {
        static Size parse(String text) {
            String[] parts = text.strip().toLowerCase(Locale.ROOT).split("x", -1);
            try {
                int h = Integer.parseInt(parts[0].strip());
                int w = parts.length == 2 ? Integer.parseInt(parts[1].strip()) : h;
                if (parts.length > 2 || h < 1 || w < 1 || h > 4096 || w > 4096) throw new NumberFormatException();
                return new Size(h, w);
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("'" + text + "' is not a size like 28x28 or 28 (1 to 4096)");
            }
        }
    }

    @Option(names = "--image-size", paramLabel = "HxW", defaultValue = "28x28", converter = SizeConverter.class,
            description = "the size images of a folder are converted to (default: ${DEFAULT-VALUE})")
    Size imageSize;

    @Option(names = "--channels", paramLabel = "1|3", defaultValue = "1",
            description = "1 (grey: images on a light background are inverted, like MNIST's white digits on black)"
                    + " or 3 (RGB, kept as they are) for a folder of images (default: ${DEFAULT-VALUE})")
    int channels;

    /** picocli converter for {@link Size}. */
    static final class SizeConverter implements CommandLine.ITypeConverter<Size> {
        @Override
        public Size convert(String value) {
            try {
                return Size.parse(value);
            } catch (IllegalArgumentException e) {
                throw new CommandLine.TypeConversionException(e.getMessage());
            }
        }
    }

    /**
     * The format images of a folder are converted to.
     *
     * @throws CommandLine.ParameterException if a value is out of range, or the options are given
     *     for a source that is not a folder of images
     */
    Images.Format imageFormat(CommandSpec spec, jgrad.data.DataSource source) {
        var parsed = spec.commandLine().getParseResult();
        if (!(source instanceof jgrad.data.DataSource.ImageDir)
                && (parsed.hasMatchedOption("--image-size") || parsed.hasMatchedOption("--channels"))) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--image-size and --channels are for a folder of images,"
                    + " not for this --data");
        }
        return imageFormat(spec);
    }

    /** The format images of a folder are converted to, from the options alone. */
    Images.Format imageFormat(CommandSpec spec) {
        if (channels != 1 && channels != 3) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--channels must be 1 or 3, got " + channels);
        }
        return Images.Format.of(channels, imageSize.height(), imageSize.width());
    }

}
