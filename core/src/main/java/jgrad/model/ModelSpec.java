package jgrad.model;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.random.RandomGenerator;
import jgrad.io.Json;
import jgrad.nn.Layer;
import jgrad.tensor.Shape;

/**
 * A network's architecture as plain data: which layers, their sizes and initialisers, nothing
 * trained. A spec is a value (records compare by content), has a JSON form that reads back to an
 * equal spec ({@link #toJson()}, {@link #fromJson(String)}; documented in
 * {@code docs/model-format.md}) and builds the {@link Layer} with {@link #build}. A
 * {@link Sequential} names its children {@code 0}, {@code 1}, ... as PyTorch's
 * {@code nn.Sequential} does, so the built layer's state dict uses PyTorch's names.
 *
 * <pre>{@code
 * ModelSpec spec = ModelSpec.parse("mlp:100,100", new int[] {4}, 3);  // 4 features, 3 classes
 * String json = spec.toJson();   // "type":"sequential","layers":[...], see docs/model-format.md
 * Layer net = spec.build(new SplittableRandom(1));
 * }</pre>
 *
 * <p>Shapes in this interface are per example, without the batch dimension: {@code [4]} for 4
 * features, {@code [1, 28, 28]} for an MNIST image.
 */
public sealed interface ModelSpec {
    /**
     * Fully connected layer {@code in -> out} ({@code jgrad.nn.Linear}); weight {@code (out, in)}.
     *
     * @param in input features
     * @param out output features
     * @param bias whether the layer adds a bias {@code (out)}
     * @param init how the weights are drawn (the bias, if any, as PyTorch does)
     */
    record Linear(int in, int out, boolean bias, WeightInit init) implements ModelSpec {
        /**
         * Checks the sizes.
         *
         * @throws IllegalArgumentException unless both sizes are positive and {@code init} is set
         */
        public Linear {
            positive("linear", "in", in);
            positive("linear", "out", out);
            requireInit("linear", init);
        }

        /**
         * A layer with a bias and PyTorch's default initialisation.
         *
         * @param in input features
         * @param out output features
         */
        public Linear(int in, int out) {
            this(in, out, true, WeightInit.DEFAULT);
        }
    }

    /**
     * 2-D convolution with a square {@code kernel} ({@code jgrad.nn.Conv2d}); weight
     * {@code (outChannels, inChannels, kernel, kernel)}.
     *
     * @param inChannels channels of the input image
     * @param outChannels filters, the channels of the output
     * @param kernel height and width of each filter
     * @param stride pixels between filter positions
     * @param padding zero pixels added on each side
     * @param bias whether the layer adds a bias per output channel
     * @param init how the weights are drawn (the bias, if any, as PyTorch does)
     */
    record Conv2d(int inChannels, int outChannels, int kernel, int stride, int padding, boolean bias, WeightInit init)
            implements ModelSpec {
        /**
         * Checks the sizes.
         *
         * @throws IllegalArgumentException unless channels, kernel and stride are positive and padding is not negative
         */
        public Conv2d {
            positive("conv2d", "in_channels", inChannels);
            positive("conv2d", "out_channels", outChannels);
            positive("conv2d", "kernel", kernel);
            positive("conv2d", "stride", stride);
            if (padding < 0) throw new IllegalArgumentException("conv2d: padding must be >= 0, got " + padding);
            requireInit("conv2d", init);
        }

        /**
         * A layer with a bias, stride 1, no padding and PyTorch's default initialisation.
         *
         * @param inChannels channels of the input image
         * @param outChannels filters, the channels of the output
         * @param kernel height and width of each filter
         */
        public Conv2d(int inChannels, int outChannels, int kernel) {
            this(inChannels, outChannels, kernel, 1, 0, true, WeightInit.DEFAULT);
        }
    }

    /**
     * Max pooling over {@code kernel x kernel} windows every {@code stride} pixels ({@code jgrad.nn.MaxPool2d}).
     *
     * @param kernel height and width of a window
     * @param stride pixels between windows
     */
    record MaxPool2d(int kernel, int stride) implements ModelSpec {
        /**
         * Checks the sizes.
         *
         * @throws IllegalArgumentException unless both are positive
         */
        public MaxPool2d {
            positive("max_pool2d", "kernel", kernel);
            positive("max_pool2d", "stride", stride);
        }
    }

    /**
     * Average pooling over {@code kernel x kernel} windows every {@code stride} pixels ({@code jgrad.nn.AvgPool2d}).
     *
     * @param kernel height and width of a window
     * @param stride pixels between windows
     */
    record AvgPool2d(int kernel, int stride) implements ModelSpec {
        /**
         * Checks the sizes.
         *
         * @throws IllegalArgumentException unless both are positive
         */
        public AvgPool2d {
            positive("avg_pool2d", "kernel", kernel);
            positive("avg_pool2d", "stride", stride);
        }
    }

    /** Flattens each example to one dimension, {@code (c, h, w)} to {@code (c*h*w)} ({@code nn.Flatten()}). */
    record Flatten() implements ModelSpec {}

    /** {@code max(0, x)}. */
    record Relu() implements ModelSpec {}

    /** {@code 1 / (1 + exp(-x))}. */
    record Sigmoid() implements ModelSpec {}

    /** {@code tanh(x)}. */
    record Tanh() implements ModelSpec {}

    /** The input unchanged. */
    record Identity() implements ModelSpec {}

    /** Softmax along the last dimension; as a network's last layer its output already is probabilities. */
    record Softmax() implements ModelSpec {}

    /**
     * Inverted dropout with drop probability {@code p} in training mode, the identity in evaluation.
     *
     * @param p the probability of zeroing a value, in {@code [0, 1)}; kept values are scaled by {@code 1 / (1 - p)}
     */
    record Dropout(double p) implements ModelSpec {
        /**
         * Checks the probability.
         *
         * @throws IllegalArgumentException unless {@code 0 <= p < 1}
         */
        public Dropout {
            if (!(p >= 0 && p < 1)) throw new IllegalArgumentException("dropout: p must be in [0, 1), got " + p);
        }
    }

    /**
     * Batch normalisation of {@code (features)} or {@code (features, length)} examples.
     *
     * @param features the size of the first dimension of an example, one mean and deviation each
     * @param momentum the weight of a batch's statistics in the running ones, in {@code [0, 1]} (PyTorch's meaning)
     * @param eps added to the variance before its root, {@code > 0}
     */
    record BatchNorm1d(int features, double momentum, double eps) implements ModelSpec {
        /**
         * Checks the values.
         *
         * @throws IllegalArgumentException unless {@code features >= 1}, {@code 0 <= momentum <= 1} and {@code eps > 0}
         */
        public BatchNorm1d {
            positive("batch_norm1d", "features", features);
            requireNorm("batch_norm1d", momentum, eps);
        }

        /**
         * PyTorch's defaults: momentum 0.1, eps 1e-5.
         *
         * @param features the size of the first dimension of an example
         */
        public BatchNorm1d(int features) {
            this(features, 0.1, 1e-5);
        }
    }

    /**
     * Batch normalisation of {@code (channels, h, w)} examples, per channel.
     *
     * @param channels the channels of an example, one mean and deviation each
     * @param momentum the weight of a batch's statistics in the running ones, in {@code [0, 1]} (PyTorch's meaning)
     * @param eps added to the variance before its root, {@code > 0}
     */
    record BatchNorm2d(int channels, double momentum, double eps) implements ModelSpec {
        /**
         * Checks the values.
         *
         * @throws IllegalArgumentException unless {@code channels >= 1}, {@code 0 <= momentum <= 1} and {@code eps > 0}
         */
        public BatchNorm2d {
            positive("batch_norm2d", "channels", channels);
            requireNorm("batch_norm2d", momentum, eps);
        }

        /**
         * PyTorch's defaults: momentum 0.1, eps 1e-5.
         *
         * @param channels the channels of an example
         */
        public BatchNorm2d(int channels) {
            this(channels, 0.1, 1e-5);
        }
    }

    /**
     * Layers applied in order, named {@code 0}, {@code 1}, ...
     *
     * @param layers the layers, first applied first
     */
    record Sequential(List<ModelSpec> layers) implements ModelSpec {
        /** Copies the list; it may be empty (the identity). */
        public Sequential {
            layers = List.copyOf(layers);
        }

        /**
         * The given layers in order.
         *
         * @param layers the layers, first applied first
         */
        public Sequential(ModelSpec... layers) {
            this(List.of(layers));
        }
    }

    /**
     * Builds the layer, drawing initial weights from {@code rng} in layer order (weight, then
     * bias); dropout layers keep {@code rng} and draw their masks from it while training.
     *
     * @param rng the source of the initial weights (and of dropout masks)
     * @return a new layer in training mode
     */
    default Layer build(RandomGenerator rng) {
        return Specs.build(this, rng);
    }

    /**
     * The shape of one example's output for one example's input of {@code inputShape}.
     *
     * @param inputShape one example's shape, without the batch dimension, e.g. {@code 1, 28, 28}
     * @return the output's shape, without the batch dimension
     * @throws IllegalArgumentException if a layer does not accept what reaches it; the message
     *     names the layer (by index inside a sequential) and both shapes
     */
    default int[] outputShape(int... inputShape) {
        return Specs.outputShape(this, inputShape.clone());
    }

    /**
     * {@return the same spec with every linear and convolution layer drawing its weights with {@code init}}
     *
     * @param init the initialisation for every such layer
     */
    default ModelSpec withInit(WeightInit init) {
        return Specs.withInit(this, init);
    }

    /** {@return the compact JSON form (every field written), which {@link #fromJson} reads back to an equal spec} */
    default String toJson() {
        return Json.write(SpecJson.toMap(this));
    }

    /** {@return the JSON form indented for reading, e.g. to write a spec file} */
    default String toPrettyJson() {
        return Json.pretty(SpecJson.toMap(this));
    }

    /**
     * Reads a spec from JSON: an object with a {@code "type"} and the layer's fields (see
     * {@code docs/model-format.md}); optional fields may be left out and take their defaults.
     *
     * @param json the JSON text
     * @return the spec
     * @throws IllegalArgumentException naming the JSON path (e.g. {@code layers[2].out}) and what is wrong
     */
    static ModelSpec fromJson(String json) {
        return SpecJson.fromValue(JsonFields.parse(json, "model spec").map());
    }

    /**
     * Reads a JSON spec file.
     *
     * @param file a UTF-8 file holding the JSON form
     * @return the spec
     * @throws IOException if the file cannot be read or does not hold a valid spec; the message
     *     names the file and what is wrong
     */
    static ModelSpec read(Path file) throws IOException {
        try {
            return fromJson(Files.readString(file, StandardCharsets.UTF_8));
        } catch (NoSuchFileException e) {
            throw new IOException(file + ": no such model spec file", e);
        } catch (IllegalArgumentException e) {
            throw new IOException(file + ": " + e.getMessage(), e);
        }
    }

    /**
     * The spec of a command-line model text, for data whose examples have {@code inputShape} and
     * {@code classes} classes:
     * <ul>
     *   <li>{@code mlp:H1,H2,...}: fully connected layers of the given hidden sizes with ReLU
     *       between them, then a layer to {@code classes} (a flatten first for image input);
     *   <li>{@code linear}: one fully connected layer (softmax or logistic regression);
     *   <li>{@code convnet}: the curriculum's SimpleConvNet for image input {@code (c, h, w)}:
     *       conv 30 filters 5x5 stride 1 pad 0, ReLU, max pool 2, linear 100, ReLU, linear to
     *       {@code classes};
     *   <li>otherwise a path to a JSON spec file, which must accept {@code inputShape} and give
     *       {@code classes} outputs.
     * </ul>
     * Layers use PyTorch's default initialisation; see {@link #withInit} for another.
     *
     * @param text the model text, as {@code --model} takes it
     * @param inputShape one example's shape, without the batch dimension
     * @param classes the number of outputs, {@code >= 1}
     * @return the spec
     * @throws IllegalArgumentException naming the text and what is wrong
     * @throws IOException if the text names a spec file that cannot be read or is invalid
     */
    static ModelSpec parse(String text, int[] inputShape, int classes) throws IOException {
        String t = text.strip();
        if (classes < 1) throw new IllegalArgumentException("model '" + text + "': need at least 1 class, got " + classes);
        Shape.numel(inputShape); // rejects negative sizes
        if (t.equals("mlp") || t.startsWith("mlp:")) return Specs.mlp(text, t.substring(3), inputShape, classes);
        if (t.equals("linear")) return Specs.mlp(text, null, inputShape, classes);
        if (t.equals("convnet")) return Specs.convnet(text, inputShape, classes);
        if (!t.endsWith(".json") && !Files.exists(Path.of(t))) {
            throw new IllegalArgumentException("model '" + text + "' is not mlp:H1,H2,..., linear, convnet or an existing JSON spec file");
        }
        ModelSpec spec = read(Path.of(t));
        int[] out;
        try {
            out = spec.outputShape(inputShape);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("model '" + text + "' does not fit input " + Arrays.toString(inputShape) + ": " + e.getMessage());
        }
        if (!Arrays.equals(out, new int[] {classes})) {
            throw new IllegalArgumentException("model '" + text + "' gives output " + Arrays.toString(out) + " per example, but the data has "
                    + classes + " classes");
        }
        return spec;
    }

    /** {@return the JSON {@code "type"} of this layer kind, e.g. {@code linear} or {@code batch_norm2d}} */
    default String type() {
        return SpecJson.type(this);
    }

    private static void positive(String layer, String field, int value) {
        if (value < 1) throw new IllegalArgumentException(layer + ": " + field + " must be >= 1, got " + value);
    }

    private static void requireInit(String layer, WeightInit init) {
        if (init == null) throw new IllegalArgumentException(layer + ": init must be given (WeightInit.DEFAULT for PyTorch's)");
    }

    private static void requireNorm(String layer, double momentum, double eps) {
        if (!(momentum >= 0 && momentum <= 1) || !(eps > 0) || Double.isInfinite(eps)) {
            throw new IllegalArgumentException(layer + ": need 0 <= momentum <= 1 and finite eps > 0, got " + momentum + " and " + eps);
        }
    }
}
