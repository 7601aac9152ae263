package jgrad.model;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The JSON form of {@link ModelSpec}: a spec to a map for {@code jgrad.io.Json} (every field, in a
 * fixed order) and a parsed JSON value back to a spec, with errors that name the JSON path.
 */
final class SpecJson {
    private SpecJson() {}

    static String type(ModelSpec spec) {
        return switch (spec) {
            case ModelSpec.Linear l -> "linear";
            case ModelSpec.Conv2d c -> "conv2d";
            case ModelSpec.MaxPool2d p -> "max_pool2d";
            case ModelSpec.AvgPool2d p -> "avg_pool2d";
            case ModelSpec.Flatten f -> "flatten";
            case ModelSpec.Relu r -> "relu";
            case ModelSpec.Sigmoid s -> "sigmoid";
            case ModelSpec.Tanh t -> "tanh";
            case ModelSpec.Identity i -> "identity";
            case ModelSpec.Softmax s -> "softmax";
            case ModelSpec.Dropout d -> "dropout";
            case ModelSpec.BatchNorm1d b -> "batch_norm1d";
            case ModelSpec.BatchNorm2d b -> "batch_norm2d";
            case ModelSpec.Sequential s -> "sequential";
        };
    }

    static Map<String, Object> toMap(ModelSpec spec) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("type", type(spec));
        switch (spec) {
            case ModelSpec.Linear l -> {
                m.put("in", l.in());
                m.put("out", l.out());
                m.put("bias", l.bias());
                m.put("init", l.init().text());
            }
            case ModelSpec.Conv2d c -> {
                m.put("in_channels", c.inChannels());
                m.put("out_channels", c.outChannels());
                m.put("kernel", c.kernel());
                m.put("stride", c.stride());
                m.put("padding", c.padding());
                m.put("bias", c.bias());
                m.put("init", c.init().text());
            }
            case ModelSpec.MaxPool2d p -> {
                m.put("kernel", p.kernel());
                m.put("stride", p.stride());
            }
            case ModelSpec.AvgPool2d p -> {
                m.put("kernel", p.kernel());
                m.put("stride", p.stride());
            }
            case ModelSpec.Dropout d -> m.put("p", d.p());
            case ModelSpec.BatchNorm1d b -> {
                m.put("features", b.features());
                m.put("momentum", b.momentum());
                m.put("eps", b.eps());
            }
            case ModelSpec.BatchNorm2d b -> {
                m.put("channels", b.channels());
                m.put("momentum", b.momentum());
                m.put("eps", b.eps());
            }
            case ModelSpec.Sequential s -> m.put("layers", s.layers().stream().map(SpecJson::toMap).toList());
            case ModelSpec.Flatten f -> { }
            case ModelSpec.Relu r -> { }
            case ModelSpec.Sigmoid r -> { }
            case ModelSpec.Tanh r -> { }
            case ModelSpec.Identity r -> { }
            case ModelSpec.Softmax r -> { }
        }
        return m;
    }

    /** A spec from a parsed JSON value (see {@code jgrad.io.Json.parse}). */
    static ModelSpec fromValue(Object value) {
        return fromValue(value, "");
    }

    private static ModelSpec fromValue(Object value, String path) {
        JsonFields f = JsonFields.of(value, "model spec", path);
        String type = f.string("type", null);
        try {
            return switch (type) {
                case "linear" -> {
                    f.allow("in", "out", "bias", "init");
                    yield new ModelSpec.Linear(f.integer("in", null), f.integer("out", null), f.bool("bias", true), init(f));
                }
                case "conv2d" -> {
                    f.allow("in_channels", "out_channels", "kernel", "stride", "padding", "bias", "init");
                    yield new ModelSpec.Conv2d(f.integer("in_channels", null), f.integer("out_channels", null),
                            f.integer("kernel", null), f.integer("stride", 1), f.integer("padding", 0), f.bool("bias", true), init(f));
                }
                case "max_pool2d" -> {
                    f.allow("kernel", "stride");
                    int kernel = f.integer("kernel", null);
                    yield new ModelSpec.MaxPool2d(kernel, f.integer("stride", kernel));
                }
                case "avg_pool2d" -> {
                    f.allow("kernel", "stride");
                    int kernel = f.integer("kernel", null);
                    yield new ModelSpec.AvgPool2d(kernel, f.integer("stride", kernel));
                }
                case "dropout" -> {
                    f.allow("p");
                    yield new ModelSpec.Dropout(f.number("p", null));
                }
                case "batch_norm1d" -> {
                    f.allow("features", "momentum", "eps");
                    yield new ModelSpec.BatchNorm1d(f.integer("features", null), f.number("momentum", 0.1), f.number("eps", 1e-5));
                }
                case "batch_norm2d" -> {
                    f.allow("channels", "momentum", "eps");
                    yield new ModelSpec.BatchNorm2d(f.integer("channels", null), f.number("momentum", 0.1), f.number("eps", 1e-5));
                }
                case "sequential" -> {
                    f.allow("layers");
                    List<ModelSpec> layers = new ArrayList<>();
                    List<?> list = f.list("layers");
                    for (int i = 0; i < list.size(); i++) layers.add(fromValue(list.get(i), path + ".layers[" + i + "]"));
                    yield new ModelSpec.Sequential(layers);
                }
                case "flatten" -> simple(f, new ModelSpec.Flatten());
                case "relu" -> simple(f, new ModelSpec.Relu());
                case "sigmoid" -> simple(f, new ModelSpec.Sigmoid());
                case "tanh" -> simple(f, new ModelSpec.Tanh());
                case "identity" -> simple(f, new ModelSpec.Identity());
                case "softmax" -> simple(f, new ModelSpec.Softmax());
                default -> throw f.error("type", "'" + type + "' is not a layer jgrad has (" + String.join(", ", TYPES) + ")");
            };
        } catch (JsonFields.Error e) {
            throw e;
        } catch (IllegalArgumentException e) {
            throw f.invalid(e);
        }
    }

    private static final List<String> TYPES = List.of("linear", "conv2d", "max_pool2d", "avg_pool2d", "flatten", "relu",
            "sigmoid", "tanh", "identity", "softmax", "dropout", "batch_norm1d", "batch_norm2d", "sequential");

    private static ModelSpec simple(JsonFields f, ModelSpec spec) {
        f.allow();
        return spec;
    }

    private static WeightInit init(JsonFields f) {
        String text = f.string("init", "torch");
        try {
            return WeightInit.parse(text);
        } catch (IllegalArgumentException e) {
            throw f.error("init", e.getMessage());
        }
    }
}
