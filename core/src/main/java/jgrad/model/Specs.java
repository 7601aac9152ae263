package jgrad.model;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.random.RandomGenerator;
import jgrad.nn.AvgPool2d;
import jgrad.nn.BatchNorm1d;
import jgrad.nn.BatchNorm2d;
import jgrad.nn.Conv2d;
import jgrad.nn.Dropout;
import jgrad.nn.Flatten;
import jgrad.nn.Identity;
import jgrad.nn.Init;
import jgrad.nn.Layer;
import jgrad.nn.Linear;
import jgrad.nn.MaxPool2d;
import jgrad.nn.Relu;
import jgrad.nn.Sequential;
import jgrad.nn.Sigmoid;
import jgrad.nn.Softmax;
import jgrad.nn.Tanh;
import jgrad.tensor.Shape;
import jgrad.tensor.Tensor;

/** What {@link ModelSpec} does with a spec: build it, follow shapes through it, rewrite it, make the text forms. */
final class Specs {
    private Specs() {}

    static Layer build(ModelSpec spec, RandomGenerator rng) {
        return switch (spec) {
            case ModelSpec.Linear l -> {
                if (l.init() instanceof WeightInit.TorchDefault) {
                    Tensor w = Init.torchDefault(rng, l.in(), l.out(), l.in());
                    yield new Linear(w, l.bias() ? Init.torchDefault(rng, l.in(), l.out()) : null);
                }
                yield new Linear(weight(l.init(), rng, l.out(), l.in()), l.bias() ? Init.zeros(l.out()) : null);
            }
            case ModelSpec.Conv2d c -> {
                int fanIn = c.inChannels() * c.kernel() * c.kernel();
                int[] shape = {c.outChannels(), c.inChannels(), c.kernel(), c.kernel()};
                if (c.init() instanceof WeightInit.TorchDefault) {
                    Tensor w = Init.torchDefault(rng, fanIn, shape);
                    yield new Conv2d(w, c.bias() ? Init.torchDefault(rng, fanIn, c.outChannels()) : null, c.stride(), c.padding());
                }
                yield new Conv2d(weight(c.init(), rng, shape), c.bias() ? Init.zeros(c.outChannels()) : null, c.stride(), c.padding());
            }
            case ModelSpec.MaxPool2d p -> new MaxPool2d(p.kernel(), p.stride());
            case ModelSpec.AvgPool2d p -> new AvgPool2d(p.kernel(), p.stride());
            case ModelSpec.Flatten f -> new Flatten();
            case ModelSpec.Relu r -> new Relu();
            case ModelSpec.Sigmoid s -> new Sigmoid();
            case ModelSpec.Tanh t -> new Tanh();
            case ModelSpec.Identity i -> new Identity();
            case ModelSpec.Softmax s -> new Softmax();
            case ModelSpec.Dropout d -> new Dropout(d.p(), rng);
            case ModelSpec.BatchNorm1d b -> new BatchNorm1d(b.features(), b.momentum(), b.eps());
            case ModelSpec.BatchNorm2d b -> new BatchNorm2d(b.channels(), b.momentum(), b.eps());
            case ModelSpec.Sequential s -> {
                Layer[] layers = new Layer[s.layers().size()];
                for (int i = 0; i < layers.length; i++) layers[i] = build(s.layers().get(i), rng);
                yield new Sequential(layers);
            }
        };
    }

    /** A weight drawn with one of the initialisers that start the bias at zero. */
    private static Tensor weight(WeightInit init, RandomGenerator rng, int... shape) {
        return switch (init) {
            case WeightInit.Normal n -> Init.normal(rng, n.std(), shape);
            case WeightInit.XavierNormal x -> Init.xavierNormal(rng, shape);
            case WeightInit.XavierUniform x -> Init.xavierUniform(rng, shape);
            case WeightInit.HeNormal h -> Init.heNormal(rng, shape);
            case WeightInit.HeUniform h -> Init.heUniform(rng, shape);
            case WeightInit.TorchDefault t -> throw new IllegalStateException("torch default draws the bias too");
        };
    }

    static int[] outputShape(ModelSpec spec, int[] in) {
        String s = Arrays.toString(in);
        return switch (spec) {
            case ModelSpec.Linear l -> {
                if (in.length != 1 || in[0] != l.in()) throw new IllegalArgumentException("linear expects [" + l.in() + "], got " + s);
                yield new int[] {l.out()};
            }
            case ModelSpec.Conv2d c -> {
                if (in.length != 3 || in[0] != c.inChannels()) {
                    throw new IllegalArgumentException("conv2d expects [" + c.inChannels() + ", h, w], got " + s);
                }
                yield new int[] {c.outChannels(), window("conv2d", in, in[1] + 2 * c.padding(), c.kernel(), c.stride()),
                    window("conv2d", in, in[2] + 2 * c.padding(), c.kernel(), c.stride())};
            }
            case ModelSpec.MaxPool2d p -> pooled("max_pool2d", in, p.kernel(), p.stride());
            case ModelSpec.AvgPool2d p -> pooled("avg_pool2d", in, p.kernel(), p.stride());
            case ModelSpec.Flatten f -> {
                if (in.length == 0) throw new IllegalArgumentException("flatten expects at least one dimension, got []");
                yield new int[] {Shape.numel(in)};
            }
            case ModelSpec.Relu r -> in;
            case ModelSpec.Sigmoid r -> in;
            case ModelSpec.Tanh r -> in;
            case ModelSpec.Identity r -> in;
            case ModelSpec.Dropout r -> in;
            case ModelSpec.Softmax r -> {
                if (in.length == 0) throw new IllegalArgumentException("softmax expects at least one dimension, got []");
                yield in;
            }
            case ModelSpec.BatchNorm1d b -> {
                if ((in.length != 1 && in.length != 2) || in[0] != b.features()) {
                    throw new IllegalArgumentException("batch_norm1d expects [" + b.features() + "] or [" + b.features() + ", length], got " + s);
                }
                yield in;
            }
            case ModelSpec.BatchNorm2d b -> {
                if (in.length != 3 || in[0] != b.channels()) {
                    throw new IllegalArgumentException("batch_norm2d expects [" + b.channels() + ", h, w], got " + s);
                }
                yield in;
            }
            case ModelSpec.Sequential q -> {
                int[] x = in;
                for (int i = 0; i < q.layers().size(); i++) {
                    try {
                        x = outputShape(q.layers().get(i), x);
                    } catch (IllegalArgumentException e) {
                        throw new IllegalArgumentException("layer " + i + " (" + e.getMessage() + ")");
                    }
                }
                yield x;
            }
        };
    }

    private static int[] pooled(String op, int[] in, int kernel, int stride) {
        if (in.length != 3) throw new IllegalArgumentException(op + " expects [channels, h, w], got " + Arrays.toString(in));
        return new int[] {in[0], window(op, in, in[1], kernel, stride), window(op, in, in[2], kernel, stride)};
    }

    /** Output size of a sliding window over {@code size} (already padded) pixels. */
    private static int window(String op, int[] in, int size, int kernel, int stride) {
        if (size < kernel) throw new IllegalArgumentException(op + " with kernel " + kernel + " does not fit input " + Arrays.toString(in));
        return (size - kernel) / stride + 1;
    }

    static ModelSpec withInit(ModelSpec spec, WeightInit init) {
        return switch (spec) {
            case ModelSpec.Linear l -> new ModelSpec.Linear(l.in(), l.out(), l.bias(), init);
            case ModelSpec.Conv2d c -> new ModelSpec.Conv2d(c.inChannels(), c.outChannels(), c.kernel(), c.stride(), c.padding(), c.bias(), init);
            case ModelSpec.Sequential s -> new ModelSpec.Sequential(s.layers().stream().map(l -> withInit(l, init)).toList());
            default -> spec;
        };
    }

    /** {@code mlp:H1,H2,...} ({@code hidden} is the text after {@code mlp}), or {@code linear} when {@code hidden} is null. */
    static ModelSpec mlp(String text, String hidden, int[] inputShape, int classes) {
        List<ModelSpec> layers = new ArrayList<>();
        if (inputShape.length != 1) layers.add(new ModelSpec.Flatten());
        int width = Shape.numel(inputShape);
        if (width < 1) throw new IllegalArgumentException("model '" + text + "': the input " + Arrays.toString(inputShape) + " is empty");
        if (hidden != null) {
            String sizes = hidden.isEmpty() ? "" : hidden.substring(1).strip();
            if (sizes.isEmpty()) throw new IllegalArgumentException("model '" + text + "': give hidden sizes after 'mlp:', e.g. mlp:100 or mlp:100,100");
            for (String part : sizes.split(",", -1)) {
                int h;
                try {
                    h = Integer.parseInt(part.strip());
                } catch (NumberFormatException e) {
                    throw new IllegalArgumentException("model '" + text + "': hidden size '" + part.strip() + "' is not a whole number");
                }
                if (h < 1) throw new IllegalArgumentException("model '" + text + "': hidden size " + h + " must be >= 1");
                layers.add(new ModelSpec.Linear(width, h));
                layers.add(new ModelSpec.Relu());
                width = h;
            }
        }
        layers.add(new ModelSpec.Linear(width, classes));
        return new ModelSpec.Sequential(layers);
    }

    /** The curriculum's SimpleConvNet (conv 30x5x5 - ReLU - max pool 2 - linear 100 - ReLU - linear) for {@code (c, h, w)} input. */
    static ModelSpec convnet(String text, int[] inputShape, int classes) {
        if (inputShape.length != 3) {
            throw new IllegalArgumentException("model '" + text + "' needs image input (channels, height, width), got "
                    + Arrays.toString(inputShape));
        }
        var conv = new ModelSpec.Conv2d(inputShape[0], 30, 5);
        var pool = new ModelSpec.MaxPool2d(2, 2);
        int[] pooled;
        try {
            pooled = outputShape(pool, outputShape(conv, inputShape));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("model '" + text + "': images of " + Arrays.toString(inputShape) + " are too small (" + e.getMessage() + ")");
        }
        return new ModelSpec.Sequential(conv, new ModelSpec.Relu(), pool, new ModelSpec.Flatten(),
                new ModelSpec.Linear(Shape.numel(pooled), 100), new ModelSpec.Relu(), new ModelSpec.Linear(100, classes));
    }

    /**
     * The number of input features the first layer that fixes one wants (a linear layer's
     * {@code in}, a batch norm's {@code features}), or -1 when the first such layer needs images
     * (a convolution, pooling or 2-D batch norm, whose height and width a spec does not say).
     */
    static int inputWidth(ModelSpec spec) {
        ModelSpec first = firstShapedLayer(spec);
        return switch (first) {
            case ModelSpec.Linear l -> l.in();
            case ModelSpec.BatchNorm1d b -> b.features();
            case null, default -> -1;
        };
    }

    /** The JSON type of the first layer that fixes the input shape, or {@code "shape-free"} when none does. */
    static String firstShaped(ModelSpec spec) {
        ModelSpec first = firstShapedLayer(spec);
        return first == null ? "shape-free" : first.type();
    }

    private static ModelSpec firstShapedLayer(ModelSpec spec) {
        return switch (spec) {
            case ModelSpec.Sequential s -> {
                for (ModelSpec layer : s.layers()) {
                    ModelSpec first = firstShapedLayer(layer);
                    if (first != null) yield first;
                }
                yield null;
            }
            case ModelSpec.Linear l -> l;
            case ModelSpec.Conv2d c -> c;
            case ModelSpec.MaxPool2d p -> p;
            case ModelSpec.AvgPool2d p -> p;
            case ModelSpec.BatchNorm1d b -> b;
            case ModelSpec.BatchNorm2d b -> b;
            default -> null;
        };
    }
}
