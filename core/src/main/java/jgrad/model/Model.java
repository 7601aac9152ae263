package jgrad.model;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import jgrad.Version;
import jgrad.data.Dataset;
import jgrad.data.Normalization;
import jgrad.io.Json;
import jgrad.io.SafeTensors;
import jgrad.nn.Layer;
import jgrad.tensor.DType;
import jgrad.tensor.Shape;
import jgrad.tensor.Tensor;

/**
 * A trained classifier as one piece of data: the architecture ({@link ModelSpec}), the built
 * {@link Layer} holding the weights, the {@link Preprocessing} of the raw input, and the class
 * and feature names. {@link #save} writes it as one safetensors file and {@link #load} reads it
 * back (format: {@code docs/model-format.md}); {@link #fromWeights} runs weights trained by
 * PyTorch.
 *
 * <p><b>Raw input</b> is what the data holds before any standardisation, a batch of {@code N}
 * examples:
 * <ul>
 *   <li>tabular data: {@code (N, features)}, the feature values as they stand in the data
 *       (e.g. the CSV's columns, in {@link #featureNames()} order), unscaled;
 *   <li>images: {@code (N, channels, height, width)} floats in {@code [0, 1]} (pixel / 255),
 *       or the same values flattened to {@code (N, channels * height * width)}.
 * </ul>
 * float32 or float64. The saved scaling is applied, the batch is reshaped to
 * {@link #inputShape()}, and the network runs in evaluation mode.
 *
 * <pre>{@code
 * Model model = Model.load(Path.of("run/model.safetensors"));
 * Tensor probs = model.predict(Tensor.of(new float[] {5.1f, 3.5f, 1.4f, 0.2f}, 1, 4)); // (1, classes)
 * String best = model.classNames().get(Metrics.predictions(probs)[0]);
 * }</pre>
 */
public final class Model {
    /** The model-file format this jgrad writes and the newest it reads. */
    public static final int FORMAT_VERSION = 1;
    /** Metadata key of the model-file format version. */
    public static final String FORMAT_KEY = "jgrad.format_version";
    /** Metadata key of the spec JSON. */
    public static final String SPEC_KEY = "jgrad.spec";
    /** Metadata key of the preprocessing JSON. */
    public static final String PREPROCESSING_KEY = "jgrad.preprocessing";
    /** Metadata key of the class names (a JSON array of strings). */
    public static final String CLASS_NAMES_KEY = "jgrad.class_names";
    /** Metadata key of the feature names (a JSON array of strings, empty for images). */
    public static final String FEATURE_NAMES_KEY = "jgrad.feature_names";

    private final ModelSpec spec;
    private final Layer layer;
    private final Preprocessing preprocessing;
    private final List<String> classNames;
    private final List<String> featureNames;
    private final int[] inputShape;

    private Model(ModelSpec spec, Layer layer, Preprocessing preprocessing, List<String> classNames,
            List<String> featureNames, int[] inputShape) {
        this.spec = spec;
        this.layer = layer;
        this.preprocessing = preprocessing;
        this.classNames = classNames;
        this.featureNames = featureNames;
        this.inputShape = inputShape;
    }

    /**
     * A model from its parts, checked against each other: the layer must have the parameters and
     * buffers (names and shapes) that {@code spec} builds, the spec must accept the
     * preprocessing's examples (as they are, or flattened) and give one score per class name.
     *
     * @param spec the architecture
     * @param layer built from {@code spec} and trained; kept, not copied
     * @param preprocessing what raw input is and how it is standardised
     * @param classNames one name per output score, in index order
     * @param featureNames the input columns for tabular data (empty, or one per feature); empty for images
     * @return the model
     * @throws IllegalArgumentException naming what does not fit
     */
    public static Model of(ModelSpec spec, Layer layer, Preprocessing preprocessing, List<String> classNames,
            List<String> featureNames) {
        int[] input = inputShapeFor(spec, preprocessing);
        int[] out = spec.outputShape(input);
        if (out.length != 1 || out[0] != classNames.size()) {
            throw new IllegalArgumentException("the model gives output " + Arrays.toString(out) + " per example but there are "
                    + classNames.size() + " class names " + classNames);
        }
        if (preprocessing instanceof Preprocessing.Image && !featureNames.isEmpty()) {
            throw new IllegalArgumentException("image models have no feature names, got " + featureNames);
        }
        if (preprocessing instanceof Preprocessing.Tabular t && !featureNames.isEmpty() && featureNames.size() != t.features()) {
            throw new IllegalArgumentException(featureNames.size() + " feature names for " + t.features() + " features");
        }
        // the layer must be what the spec builds: load its state into a fresh build, which checks every name and shape
        spec.build(new SplittableRandom(0)).loadStateDict(layer.stateDict());
        return new Model(spec, layer, preprocessing, List.copyOf(classNames), List.copyOf(featureNames), input);
    }

    /**
     * The per-example shape {@code spec} takes for this input: the raw shape if the spec accepts
     * it, else the raw values flattened (an MLP on images).
     */
    private static int[] inputShapeFor(ModelSpec spec, Preprocessing preprocessing) {
        int[] raw = preprocessing.shape();
        try {
            spec.outputShape(raw);
            return raw;
        } catch (IllegalArgumentException asIs) {
            int[] flat = {Shape.numel(raw)};
            if (raw.length == 1) throw new IllegalArgumentException("the spec does not accept input " + Arrays.toString(raw) + ": " + asIs.getMessage());
            try {
                spec.outputShape(flat);
                return flat;
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("the spec accepts neither input " + Arrays.toString(raw) + " (" + asIs.getMessage()
                        + ") nor " + Arrays.toString(flat) + " (" + e.getMessage() + ")");
            }
        }
    }

    /**
     * Loads a model file written by {@link #save}.
     *
     * @param file a model file ({@code model.safetensors} of a run)
     * @return the model, ready to {@link #predict}
     * @throws IOException if the file cannot be read, is not a jgrad model file, was written by a
     *     newer model format, or its spec, shapes or metadata are missing or inconsistent; the
     *     one-line message names the file and what is wrong
     */
    public static Model load(Path file) throws IOException {
        SafeTensors.Contents c = SafeTensors.read(file);
        Map<String, String> meta = c.metadata();
        String format = meta.get(FORMAT_KEY);
        if (format == null) {
            throw new IOException(file + ": not a jgrad model file (no " + FORMAT_KEY + " in its metadata); weights alone load with"
                    + " a spec, see docs/model-format.md");
        }
        int version;
        try {
            version = Integer.parseInt(format.strip());
        } catch (NumberFormatException e) {
            throw new IOException(file + ": " + FORMAT_KEY + " is '" + format + "', not a whole number");
        }
        if (version > FORMAT_VERSION) {
            throw new IOException(file + ": written in model format " + version + " by jgrad " + meta.getOrDefault(SafeTensors.VERSION_KEY, "?")
                    + "; this jgrad (" + Version.current() + ") reads model format " + FORMAT_VERSION + " and older: use a newer jgrad");
        }
        if (version < 1) throw new IOException(file + ": " + FORMAT_KEY + " " + version + " is not a model format (1 and up)");
        Map<String, Object> values = new LinkedHashMap<>();
        for (String key : List.of(SPEC_KEY, PREPROCESSING_KEY, CLASS_NAMES_KEY, FEATURE_NAMES_KEY)) {
            String json = meta.get(key);
            if (json == null) throw new IOException(file + ": no " + key + " in its metadata");
            try {
                values.put(key, Json.parse(json));
            } catch (Json.SyntaxException e) {
                throw new IOException(file + ": " + key + " is not valid JSON: " + e.getMessage());
            }
        }
        return assemble(values.get(SPEC_KEY), values.get(PREPROCESSING_KEY), values.get(CLASS_NAMES_KEY),
                values.get(FEATURE_NAMES_KEY), c.tensors(), file, file);
    }

    /**
     * A model from a JSON spec file and a safetensors weights file, e.g. from PyTorch's
     * {@code safetensors.torch.save_file(model.state_dict(), path)} for a {@code torch.nn.Sequential}
     * of the same layers (tensor names {@code 0.weight}, {@code 1.running_mean}, ...; float32,
     * float64, float16/bfloat16, and int64 for {@code num_batches_tracked}). The weights file's
     * own metadata is ignored.
     *
     * <p>The spec file holds either a bare spec, or a model description
     * {@code {"spec": {...}, "preprocessing": {...}, "class_names": [...], "feature_names": [...]}}
     * in which all but {@code spec} may be left out. Without a preprocessing the input is tabular
     * and unscaled, its width taken from the first linear or batch-norm layer (a network that
     * starts with a convolution needs one); without class names the classes are called
     * {@code 0}, {@code 1}, ...
     *
     * @param specFile the JSON spec or model description
     * @param weightsFile the safetensors weights, named as the spec's state dict
     * @return the model
     * @throws IOException if a file cannot be read, is invalid or does not fit the other; the
     *     one-line message names the file and what is wrong
     */
    public static Model fromWeights(Path specFile, Path weightsFile) throws IOException {
        Object json;
        try {
            json = Json.parse(Files.readString(specFile, StandardCharsets.UTF_8));
        } catch (NoSuchFileException e) {
            throw new IOException(specFile + ": no such spec file");
        } catch (Json.SyntaxException e) {
            throw new IOException(specFile + ": not valid JSON: " + e.getMessage());
        }
        Map<?, ?> description = json instanceof Map<?, ?> m && m.containsKey("spec") ? m : Map.of("spec", json);
        for (Object key : description.keySet()) {
            if (!List.of("spec", "preprocessing", "class_names", "feature_names").contains(key)) {
                throw new IOException(specFile + ": unknown field '" + key + "' in a model description"
                        + " (known: spec, preprocessing, class_names, feature_names)");
            }
        }
        SafeTensors.Contents weights = SafeTensors.read(weightsFile);
        return assemble(description.get("spec"), description.get("preprocessing"), description.get("class_names"),
                description.containsKey("feature_names") ? description.get("feature_names") : List.of(),
                weights.tensors(), specFile, weightsFile);
    }

    /**
     * Builds a model from parsed JSON values and tensors. A null preprocessing or class-name
     * value takes the default of {@link #fromWeights}; problems with the values name
     * {@code described}, problems with the tensors name {@code tensorsFile}.
     */
    private static Model assemble(Object specJson, Object preprocessingJson, Object classNamesJson, Object featureNamesJson,
            Map<String, Tensor> tensors, Path described, Path tensorsFile) throws IOException {
        ModelSpec spec;
        Preprocessing preprocessing;
        List<String> featureNames;
        List<String> classNames = null;
        try {
            spec = SpecJson.fromValue(specJson);
            if (preprocessingJson != null) {
                preprocessing = Preprocessing.fromValue(preprocessingJson);
            } else {
                int features = Specs.inputWidth(spec);
                if (features < 1) {
                    throw new IllegalArgumentException("the network starts with a " + Specs.firstShaped(spec) + " layer, so its"
                            + " input size is unknown; give a \"preprocessing\" in a model description (docs/model-format.md)");
                }
                preprocessing = new Preprocessing.Tabular(features, new Preprocessing.Scaling.None());
            }
            featureNames = JsonFields.of(Map.of("feature_names", featureNamesJson), "model", "").strings("feature_names");
            if (classNamesJson != null) classNames = JsonFields.of(Map.of("class_names", classNamesJson), "model", "").strings("class_names");
        } catch (IllegalArgumentException e) {
            throw new IOException(described + ": " + e.getMessage());
        }
        Layer layer;
        int[] input;
        try {
            input = inputShapeFor(spec, preprocessing);
            if (classNames == null) {
                int[] out = spec.outputShape(input);
                List<String> names = new ArrayList<>();
                for (int k = 0; k < (out.length == 1 ? out[0] : 0); k++) names.add(Integer.toString(k));
                classNames = names;
            }
            layer = spec.build(new SplittableRandom(0));
        } catch (IllegalArgumentException e) {
            throw new IOException(described + ": " + e.getMessage());
        }
        try {
            layer.loadStateDict(tensors);
        } catch (IllegalArgumentException e) {
            throw new IOException(tensorsFile + ": the weights do not fit the spec: " + e.getMessage());
        }
        try {
            return of(spec, layer, preprocessing, classNames, featureNames);
        } catch (IllegalArgumentException e) {
            throw new IOException(described + ": " + e.getMessage());
        }
    }

    /**
     * Saves the model as one safetensors file, atomically: the weights under their state-dict
     * names ({@code 0.weight}, ...) and in the metadata the format version, the spec, the
     * preprocessing, the class and feature names and the jgrad version.
     *
     * @param file where to write, e.g. {@code model.safetensors}
     * @throws IOException if writing fails (an existing file is then left as it was)
     */
    public void save(Path file) throws IOException {
        Map<String, String> meta = new LinkedHashMap<>();
        meta.put(FORMAT_KEY, Integer.toString(FORMAT_VERSION));
        meta.put(SPEC_KEY, spec.toJson());
        meta.put(PREPROCESSING_KEY, preprocessing.toJson());
        meta.put(CLASS_NAMES_KEY, Json.write(classNames));
        meta.put(FEATURE_NAMES_KEY, Json.write(featureNames));
        SafeTensors.save(file, layer.stateDict(), meta);
    }

    /**
     * Class probabilities {@code (N, classes)}, float32, for a batch of raw input (see the class
     * comment): the saved scaling is applied, the network runs in evaluation mode without
     * recording a graph, and a softmax turns its scores into probabilities (unless the spec's last
     * layer is a softmax already).
     *
     * @param rawInput {@code (N, raw shape...)} or {@code (N, values per example)}, any float dtype
     * @return the probabilities, each row summing to 1
     * @throws IllegalArgumentException if the input's shape is not {@code (N, raw shape...)} or
     *     {@code (N, values per example)}; the message names both shapes
     */
    public Tensor predict(Tensor rawInput) {
        Tensor x = input(rawInput);
        return layer.inference(() -> {
            Tensor out = layer.forward(x);
            return endsWithSoftmax(spec) ? out : out.softmax(1);
        });
    }

    /**
     * The network's input for a batch of raw input: standardised as saved, float32, shaped
     * {@code (N, inputShape...)}. {@link #predict} runs the network on it.
     *
     * @param rawInput {@code (N, raw shape...)} or {@code (N, values per example)}
     * @return {@code (N, inputShape...)}, float32 (a view of {@code rawInput} when it is float32 and no scaling is saved)
     * @throws IllegalArgumentException if the input's shape does not fit (see {@link #predict})
     */
    public Tensor input(Tensor rawInput) {
        int[] raw = preprocessing.shape();
        int[] s = rawInput.shape();
        int per = Shape.numel(raw);
        boolean fits = s.length >= 1 && (Arrays.equals(Arrays.copyOfRange(s, 1, s.length), raw)
                || (s.length == 2 && s[1] == per));
        if (!fits) {
            throw new IllegalArgumentException("Model.predict: expected raw input (N, " + join(raw) + ")"
                    + (raw.length > 1 ? " or (N, " + per + ")" : "") + ", got " + Arrays.toString(s));
        }
        Normalization norm = preprocessing.scaling().normalization();
        Tensor x = norm == null ? rawInput.to(DType.FLOAT32) : norm.apply(rawInput);
        int[] shape = new int[inputShape.length + 1];
        shape[0] = s[0];
        System.arraycopy(inputShape, 0, shape, 1, inputShape.length);
        return x.reshape(shape);
    }

    /**
     * A view of a dataset of raw examples (see the class comment) as the network's input:
     * standardised as saved and shaped {@link #inputShape()}, e.g. to evaluate or fine-tune.
     *
     * @param raw examples as the preprocessing describes them, with their labels
     * @return a view that converts each example when it is read
     * @throws IllegalArgumentException if its examples do not hold {@code numel(preprocessing shape)} values
     */
    public Dataset input(Dataset raw) {
        int per = Shape.numel(preprocessing.shape());
        if (raw.featureSize() != per) {
            throw new IllegalArgumentException("Model: the data has examples of shape " + Arrays.toString(raw.featureShape())
                    + " but the model takes " + Arrays.toString(preprocessing.shape()) + " (" + per + " values)");
        }
        Normalization norm = preprocessing.scaling().normalization();
        Dataset x = norm == null ? raw : norm.apply(raw);
        return Arrays.equals(x.featureShape(), inputShape) ? x : x.reshape(inputShape);
    }

    private static boolean endsWithSoftmax(ModelSpec spec) {
        return spec instanceof ModelSpec.Softmax
                || (spec instanceof ModelSpec.Sequential s && !s.layers().isEmpty() && endsWithSoftmax(s.layers().getLast()));
    }

    private static String join(int[] dims) {
        return Arrays.toString(dims).replace("[", "").replace("]", "");
    }

    /** {@return the architecture} */
    public ModelSpec spec() {
        return spec;
    }

    /** {@return the network (live: training it changes this model)} */
    public Layer layer() {
        return layer;
    }

    /** {@return what raw input is and how it is standardised} */
    public Preprocessing preprocessing() {
        return preprocessing;
    }

    /** {@return the class names, index by index: column {@code k} of {@link #predict}'s result is class {@code k}} */
    public List<String> classNames() {
        return classNames;
    }

    /** {@return the names of the input features of tabular data, in column order; empty for images or when unknown} */
    public List<String> featureNames() {
        return featureNames;
    }

    /** {@return the number of classes} */
    public int classes() {
        return classNames.size();
    }

    /**
     * The shape of one example as the network takes it: the raw shape, or the raw values
     * flattened when the spec starts with a fully connected layer (an MLP on images).
     *
     * @return a new array, without the batch dimension
     */
    public int[] inputShape() {
        return inputShape.clone();
    }
}
