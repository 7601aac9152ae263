package jgrad.model;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import jgrad.data.Normalization;
import jgrad.io.Json;

/**
 * What a model's raw input is and how it is standardised before the network sees it; saved in
 * the model file so that {@link Model#predict} applies exactly what training applied.
 *
 * <ul>
 *   <li>{@link Tabular}: rows of {@code features} numbers as they stand in the data (a CSV's
 *       columns, unscaled);
 *   <li>{@link Image}: images of {@code channels x height x width} pixels scaled to
 *       {@code [0, 1]} (a byte {@code b} is {@code b / 255}), channel after channel, row after row.
 * </ul>
 * Both then go through their {@link Scaling}, with the float operations of
 * {@link Normalization}, so saved statistics give the numbers training saw.
 */
public sealed interface Preprocessing {
    /**
     * Tabular rows of {@code features} numbers.
     *
     * @param features numbers per row
     * @param scaling the standardisation (per-feature statistics must have {@code features} entries)
     */
    record Tabular(int features, Scaling scaling) implements Preprocessing {
        /**
         * Checks the sizes.
         *
         * @throws IllegalArgumentException if {@code features < 1} or the scaling does not fit
         */
        public Tabular {
            if (features < 1) throw new IllegalArgumentException("tabular input: features must be >= 1, got " + features);
            check(scaling, features);
        }
    }

    /**
     * Images of {@code channels x height x width} pixels in {@code [0, 1]}.
     *
     * @param channels 1 for grey, 3 for RGB
     * @param height rows of pixels
     * @param width columns of pixels
     * @param scaling the standardisation (per-feature statistics must have one entry per pixel value)
     */
    record Image(int channels, int height, int width, Scaling scaling) implements Preprocessing {
        /**
         * Checks the sizes.
         *
         * @throws IllegalArgumentException if a size is below 1 or the scaling does not fit
         */
        public Image {
            if (channels < 1 || height < 1 || width < 1) {
                throw new IllegalArgumentException("image input: channels, height and width must be >= 1, got "
                        + channels + ", " + height + ", " + width);
            }
            check(scaling, channels * height * width);
        }
    }

    /** How raw values are standardised: {@link None}, {@link Global} or {@link PerFeature}. */
    sealed interface Scaling {
        /** Values are used as they are. */
        record None() implements Scaling {}

        /**
         * {@code (x - mean) / std} with one mean and deviation for every value (MNIST: 0.1307, 0.3081).
         *
         * @param mean subtracted from every value
         * @param std every value is divided by it, {@code > 0}
         */
        record Global(float mean, float std) implements Scaling {
            /**
             * Checks the statistics.
             *
             * @throws IllegalArgumentException unless both are finite and {@code std > 0}
             */
            public Global {
                Normalization.of(mean, std);
            }
        }

        /**
         * {@code (x[j] - mean[j]) / std[j]} for each feature position {@code j} (the arrays are
         * copied; equality compares their contents).
         *
         * @param mean one mean per feature position
         * @param std one standard deviation per feature position, each {@code > 0}
         */
        record PerFeature(float[] mean, float[] std) implements Scaling {
            /**
             * Copies and checks the statistics.
             *
             * @throws IllegalArgumentException if the lengths differ or a value is not finite or a deviation not positive
             */
            public PerFeature {
                Normalization.perFeature(mean, std);
                mean = mean.clone();
                std = std.clone();
            }

            /** {@return a copy of the means} */
            @Override
            public float[] mean() {
                return mean.clone();
            }

            /** {@return a copy of the deviations} */
            @Override
            public float[] std() {
                return std.clone();
            }

            @Override
            public boolean equals(Object o) {
                return o instanceof PerFeature p && Arrays.equals(mean, p.mean) && Arrays.equals(std, p.std);
            }

            @Override
            public int hashCode() {
                return 31 * Arrays.hashCode(mean) + Arrays.hashCode(std);
            }

            @Override
            public String toString() {
                return "PerFeature[mean=" + Arrays.toString(mean) + ", std=" + Arrays.toString(std) + "]";
            }
        }

        /**
         * The scaling a fitted {@link Normalization} applies: {@link Global} when it has one
         * mean, else {@link PerFeature}.
         *
         * @param normalization statistics fitted on training data
         * @return the same statistics as a saved scaling
         */
        static Scaling of(Normalization normalization) {
            float[] mean = normalization.mean();
            float[] std = normalization.std();
            return mean.length == 1 ? new Global(mean[0], std[0]) : new PerFeature(mean, std);
        }

        /** {@return the {@link Normalization} that applies this scaling, or null for {@link None}} */
        default Normalization normalization() {
            return switch (this) {
                case None n -> null;
                case Global g -> Normalization.of(g.mean(), g.std());
                case PerFeature p -> Normalization.perFeature(p.mean, p.std);
            };
        }
    }

    /** {@return the standardisation applied after reading the raw values} */
    Scaling scaling();

    /** {@return the shape of one raw example: {@code [features]} or {@code [channels, height, width]}} */
    default int[] shape() {
        return switch (this) {
            case Tabular t -> new int[] {t.features()};
            case Image i -> new int[] {i.channels(), i.height(), i.width()};
        };
    }

    /** {@return the JSON form (see {@code docs/model-format.md}), which {@link #fromJson} reads back to an equal value} */
    default String toJson() {
        Map<String, Object> m = new LinkedHashMap<>();
        switch (this) {
            case Tabular t -> {
                m.put("type", "tabular");
                m.put("features", t.features());
            }
            case Image i -> {
                m.put("type", "image");
                m.put("channels", i.channels());
                m.put("height", i.height());
                m.put("width", i.width());
            }
        }
        Map<String, Object> s = new LinkedHashMap<>();
        switch (scaling()) {
            case Scaling.None n -> s.put("type", "none");
            case Scaling.Global g -> {
                s.put("type", "global");
                s.put("mean", g.mean());
                s.put("std", g.std());
            }
            case Scaling.PerFeature p -> {
                s.put("type", "per_feature");
                s.put("mean", floats(p.mean));
                s.put("std", floats(p.std));
            }
        }
        m.put("scaling", s);
        return Json.write(m);
    }

    /**
     * Reads the JSON form.
     *
     * @param json the text {@link #toJson} writes
     * @return the preprocessing
     * @throws IllegalArgumentException naming the field and what is wrong
     */
    static Preprocessing fromJson(String json) {
        return fromValue(JsonFields.parse(json, "preprocessing").map());
    }

    /**
     * Reads a parsed JSON value (see {@link #fromJson}).
     *
     * @param value a map as {@link jgrad.io.Json} parses the JSON form
     * @return the preprocessing
     */
    static Preprocessing fromValue(Object value) {
        JsonFields f = JsonFields.of(value, "preprocessing", "");
        JsonFields s = JsonFields.of(f.map().get("scaling"), "preprocessing", ".scaling");
        try {
            Scaling scaling = switch (s.string("type", null)) {
                case "none" -> {
                    s.allow();
                    yield new Scaling.None();
                }
                case "global" -> {
                    s.allow("mean", "std");
                    yield new Scaling.Global((float) s.number("mean", null), (float) s.number("std", null));
                }
                case "per_feature" -> {
                    s.allow("mean", "std");
                    yield new Scaling.PerFeature(s.floats("mean"), s.floats("std"));
                }
                default -> throw s.error("type", "'" + s.string("type", null) + "' is not none, global or per_feature");
            };
            return switch (f.string("type", null)) {
                case "tabular" -> {
                    f.allow("features", "scaling");
                    yield new Tabular(f.integer("features", null), scaling);
                }
                case "image" -> {
                    f.allow("channels", "height", "width", "scaling");
                    yield new Image(f.integer("channels", null), f.integer("height", null), f.integer("width", null), scaling);
                }
                default -> throw f.error("type", "'" + f.string("type", null) + "' is not tabular or image");
            };
        } catch (JsonFields.Error e) {
            throw e;
        } catch (IllegalArgumentException e) {
            throw f.invalid(e);
        }
    }

    private static List<Float> floats(float[] values) {
        Float[] boxed = new Float[values.length];
        for (int i = 0; i < values.length; i++) boxed[i] = values[i];
        return List.of(boxed);
    }

    private static void check(Scaling scaling, int values) {
        if (scaling == null) throw new IllegalArgumentException("the scaling must be given (Scaling.None for none)");
        if (scaling instanceof Scaling.PerFeature p && p.mean.length != values) {
            throw new IllegalArgumentException("per-feature scaling has " + p.mean.length + " entries for " + values + " input values");
        }
    }
}
