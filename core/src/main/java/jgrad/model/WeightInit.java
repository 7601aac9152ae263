package jgrad.model;

import java.util.Locale;

/**
 * How a {@link ModelSpec.Linear} or {@link ModelSpec.Conv2d} layer draws its initial weights, one
 * of {@code jgrad.nn.Init}'s initialisers. Written as one word in JSON and on the command line:
 * {@code torch}, {@code xavier}, {@code xavier-uniform}, {@code he}, {@code he-uniform} or
 * {@code normal:STD}.
 *
 * <p>{@code torch} is PyTorch's default: weight and bias uniform on {@code ±1/sqrt(fanIn)}. The
 * others draw the weight as named and start the bias at zero, as the curriculum does:
 * {@code normal:0.01} is its {@code weight_init_std = 0.01}, {@code xavier} and {@code he} the
 * normal variants (Glorot &amp; Bengio 2010; He et al. 2015).
 */
public sealed interface WeightInit {
    /** PyTorch's default for linear and convolution layers: {@code Init.torchDefault} for weight and bias. */
    record TorchDefault() implements WeightInit {}

    /**
     * Normal weights with mean 0 and standard deviation {@code std} ({@code Init.normal}), zero bias.
     *
     * @param std the standard deviation, {@code > 0}, e.g. the curriculum's 0.01
     */
    record Normal(double std) implements WeightInit {
        /**
         * Checks the deviation.
         *
         * @throws IllegalArgumentException unless {@code std} is finite and positive
         */
        public Normal {
            if (!(std > 0) || Double.isInfinite(std)) throw new IllegalArgumentException("init normal: std must be finite and > 0, got " + std);
        }
    }

    /** Xavier/Glorot normal weights ({@code Init.xavierNormal}), zero bias. */
    record XavierNormal() implements WeightInit {}

    /** Xavier/Glorot uniform weights ({@code Init.xavierUniform}), zero bias. */
    record XavierUniform() implements WeightInit {}

    /** He/Kaiming normal weights ({@code Init.heNormal}), zero bias. */
    record HeNormal() implements WeightInit {}

    /** He/Kaiming uniform weights ({@code Init.heUniform}), zero bias. */
    record HeUniform() implements WeightInit {}

    /** The initialiser layers get when a spec names none: PyTorch's default. */
    WeightInit DEFAULT = new TorchDefault();

    /** {@return the one-word form, e.g. {@code he} or {@code normal:0.01}, which {@link #parse} reads back} */
    default String text() {
        return switch (this) {
            case TorchDefault t -> "torch";
            case Normal n -> "normal:" + n.std();
            case XavierNormal x -> "xavier";
            case XavierUniform x -> "xavier-uniform";
            case HeNormal h -> "he";
            case HeUniform h -> "he-uniform";
        };
    }

    /**
     * Reads the one-word form ({@code torch}, {@code xavier}, {@code xavier-uniform}, {@code he},
     * {@code he-uniform}, {@code normal:STD}); case does not matter.
     *
     * @param text the form, as {@code --init} takes it
     * @return the initialisation
     * @throws IllegalArgumentException naming the text and the accepted forms
     */
    static WeightInit parse(String text) {
        String t = text.strip().toLowerCase(Locale.ROOT);
        WeightInit init = switch (t) {
            case "torch" -> new TorchDefault();
            case "xavier" -> new XavierNormal();
            case "xavier-uniform" -> new XavierUniform();
            case "he" -> new HeNormal();
            case "he-uniform" -> new HeUniform();
            default -> null;
        };
        if (init != null) return init;
        if (t.startsWith("normal:")) {
            try {
                return new Normal(Double.parseDouble(t.substring("normal:".length())));
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("init '" + text + "': the std after 'normal:' is not a number");
            }
        }
        throw new IllegalArgumentException("init '" + text + "' is not one of torch, xavier, xavier-uniform, he, he-uniform, normal:STD");
    }
}
