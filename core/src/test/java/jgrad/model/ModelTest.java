package jgrad.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.function.Consumer;
import jgrad.Version;
import jgrad.data.ArrayDataset;
import jgrad.data.Batch;
import jgrad.data.DataLoader;
import jgrad.data.Normalization;
import jgrad.io.SafeTensors;
import jgrad.nn.Layer;
import jgrad.tensor.Tensor;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ModelTest {
    @TempDir Path dir;

    private static final List<String> IRIS = List.of("setosa", "versicolor", "virginica");
    private static final List<String> FEATURES = List.of("sepal_length", "sepal_width", "petal_length", "petal_width");

    /** 30 rows of 4 features on different scales, 3 classes. */
    private static ArrayDataset table() {
        var rng = new SplittableRandom(4);
        float[] x = new float[30 * 4];
        int[] labels = new int[30];
        for (int i = 0; i < 30; i++) {
            for (int j = 0; j < 4; j++) x[i * 4 + j] = (float) (rng.nextGaussian() * (j + 1) * 3 + 10 * j);
            labels[i] = i % 3;
        }
        return ArrayDataset.labeled(x, new int[] {4}, labels, IRIS);
    }

    private static Model tabularModel(ArrayDataset data) throws IOException {
        ModelSpec spec = ModelSpec.parse("mlp:8", new int[] {4}, 3);
        Layer layer = spec.build(new SplittableRandom(1));
        var scaling = Preprocessing.Scaling.of(Normalization.fit(data));
        return Model.of(spec, layer, new Preprocessing.Tabular(4, scaling), IRIS, FEATURES);
    }

    @Test
    void saveLoadRoundTripsEverythingAndPredictsAlike() throws IOException {
        ArrayDataset data = table();
        Model model = tabularModel(data);
        Path file = dir.resolve("model.safetensors");
        model.save(file);
        Model back = Model.load(file);
        assertThat(back.spec()).isEqualTo(model.spec());
        assertThat(back.preprocessing()).isEqualTo(model.preprocessing());
        assertThat(back.classNames()).isEqualTo(IRIS);
        assertThat(back.featureNames()).isEqualTo(FEATURES);
        assertThat(back.inputShape()).containsExactly(4);
        back.layer().stateDict().forEach((name, t) ->
                assertThat(t.toDoubleArray()).as(name).containsExactly(model.layer().stateDict().get(name).toDoubleArray()));
        Tensor raw = DataLoader.inOrder(data, 30).iterator().next().x();
        Tensor probs = model.predict(raw);
        assertThat(probs.shape()).containsExactly(30, 3);
        assertThat(back.predict(raw).floatData()).containsExactly(probs.floatData());
        var meta = SafeTensors.readMetadata(file);
        assertThat(meta).containsEntry(Model.FORMAT_KEY, "1").containsKey(SafeTensors.VERSION_KEY)
                .containsEntry(Model.CLASS_NAMES_KEY, "[\"setosa\",\"versicolor\",\"virginica\"]");
        assertThat(SafeTensors.load(file).keySet()).containsExactly("0.weight", "0.bias", "2.weight", "2.bias");
    }

    @Test
    void predictStandardisesExactlyAsTrainingDid() throws IOException {
        ArrayDataset data = table();
        Model model = tabularModel(data);
        // the training path: a Normalization view of the dataset, batched by a DataLoader
        Batch standardised = DataLoader.inOrder(Normalization.fit(data).apply(data), 30).iterator().next();
        Tensor expected = model.layer().inference(() -> model.layer().forward(standardised.x()).softmax(1));
        Tensor raw = DataLoader.inOrder(data, 30).iterator().next().x();
        assertThat(model.predict(raw).floatData()).containsExactly(expected.floatData());
        assertThat(model.predict(raw.to(jgrad.tensor.DType.FLOAT64)).floatData()).containsExactly(expected.floatData());
        Batch viaModel = DataLoader.inOrder(model.input(data), 30).iterator().next();
        assertThat(viaModel.x().floatData()).containsExactly(standardised.x().floatData());
        assertThat(model.layer().isTraining()).isTrue(); // predict restored the mode
        assertThatThrownBy(() -> model.predict(Tensor.zeros(4))).hasMessage("Model.predict: expected raw input (N, 4), got [4]");
        assertThatThrownBy(() -> model.predict(Tensor.zeros(2, 5))).hasMessage("Model.predict: expected raw input (N, 4), got [2, 5]");
    }

    @Test
    void anMlpOnImagesTakesFlattenedOrImageShapedInput() throws IOException {
        ModelSpec spec = new ModelSpec.Sequential(new ModelSpec.Linear(12, 5), new ModelSpec.Relu(), new ModelSpec.Linear(5, 2));
        var pre = new Preprocessing.Image(3, 2, 2, new Preprocessing.Scaling.Global(0.5f, 0.25f));
        Model model = Model.of(spec, spec.build(new SplittableRandom(2)), pre, List.of("cat", "dog"), List.of());
        assertThat(model.inputShape()).containsExactly(12);
        Tensor images = Tensor.rand(new SplittableRandom(3), 4, 3, 2, 2);
        assertThat(model.predict(images).floatData()).containsExactly(model.predict(images.reshape(4, 12)).floatData());
        assertThatThrownBy(() -> model.predict(Tensor.zeros(4, 2, 3, 2)))
                .hasMessage("Model.predict: expected raw input (N, 3, 2, 2) or (N, 12), got [4, 2, 3, 2]");
        Path file = dir.resolve("images.safetensors");
        model.save(file);
        assertThat(Model.load(file).predict(images).floatData()).containsExactly(model.predict(images).floatData());
    }

    @Test
    void ofRejectsPartsThatDoNotFit() throws IOException {
        ModelSpec spec = ModelSpec.parse("mlp:8", new int[] {4}, 3);
        var tab = new Preprocessing.Tabular(4, new Preprocessing.Scaling.None());
        Layer layer = spec.build(new SplittableRandom(1));
        assertThatThrownBy(() -> Model.of(spec, layer, tab, List.of("a", "b"), List.of()))
                .hasMessage("the model gives output [3] per example but there are 2 class names [a, b]");
        assertThatThrownBy(() -> Model.of(spec, layer, tab, IRIS, List.of("x")))
                .hasMessage("1 feature names for 4 features");
        assertThatThrownBy(() -> Model.of(spec, layer, new Preprocessing.Tabular(5, new Preprocessing.Scaling.None()), IRIS, List.of()))
                .hasMessageContaining("the spec does not accept input [5]: layer 0 (linear expects [4], got [5])");
        Layer other = ModelSpec.parse("mlp:9", new int[] {4}, 3).build(new SplittableRandom(1));
        assertThatThrownBy(() -> Model.of(spec, other, tab, IRIS, List.of()))
                .hasMessageContaining("0.weight has shape [9, 4] but the layer expects [8, 4]");
        assertThatThrownBy(() -> new Preprocessing.Tabular(4, new Preprocessing.Scaling.PerFeature(new float[] {0, 0}, new float[] {1, 1})))
                .hasMessage("per-feature scaling has 2 entries for 4 input values");
    }

    @Test
    void preprocessingJsonRoundTripsEveryKind() {
        for (Preprocessing p : List.of(
                new Preprocessing.Tabular(3, new Preprocessing.Scaling.None()),
                new Preprocessing.Tabular(2, new Preprocessing.Scaling.PerFeature(new float[] {0.1f, -3e7f}, new float[] {1e-3f, 2f})),
                new Preprocessing.Image(1, 28, 28, new Preprocessing.Scaling.Global(0.1307f, 0.3081f)))) {
            assertThat(Preprocessing.fromJson(p.toJson())).isEqualTo(p);
            assertThat(Preprocessing.fromJson(p.toJson()).toJson()).isEqualTo(p.toJson());
        }
        assertThat(new Preprocessing.Image(1, 28, 28, new Preprocessing.Scaling.Global(0.1307f, 0.3081f)).toJson()).isEqualTo(
                "{\"type\":\"image\",\"channels\":1,\"height\":28,\"width\":28,\"scaling\":{\"type\":\"global\",\"mean\":0.1307,\"std\":0.3081}}");
        assertThatThrownBy(() -> Preprocessing.fromJson("{\"type\":\"audio\",\"scaling\":{\"type\":\"none\"}}"))
                .hasMessage("preprocessing .type: 'audio' is not tabular or image");
        assertThatThrownBy(() -> Preprocessing.fromJson("{\"type\":\"tabular\",\"features\":2,\"scaling\":{\"type\":\"global\",\"mean\":0,\"std\":0}}"))
                .hasMessageContaining("preprocessing: Normalization: std must be finite and > 0");
    }

    /** Saves a valid model, lets {@code edit} change its metadata and tensors, and writes the result. */
    private Path corrupted(Consumer<Map<String, String>> editMeta, Consumer<Map<String, Tensor>> editTensors) throws IOException {
        Path good = dir.resolve("good.safetensors");
        tabularModel(table()).save(good);
        var c = SafeTensors.read(good);
        Map<String, String> meta = new LinkedHashMap<>(c.metadata());
        Map<String, Tensor> tensors = new LinkedHashMap<>(c.tensors());
        editMeta.accept(meta);
        editTensors.accept(tensors);
        Path bad = dir.resolve("bad.safetensors");
        Files.deleteIfExists(bad);
        SafeTensors.save(bad, tensors, meta);
        return bad;
    }

    private void assertLoadFails(Consumer<Map<String, String>> editMeta, String message) throws IOException {
        assertLoadFails(editMeta, t -> { }, message);
    }

    private void assertLoadFails(Consumer<Map<String, String>> editMeta, Consumer<Map<String, Tensor>> editTensors, String message)
            throws IOException {
        Path bad = corrupted(editMeta, editTensors);
        assertThatThrownBy(() -> Model.load(bad)).isInstanceOf(IOException.class)
                .hasMessageStartingWith(bad.toString()).hasMessageContaining(message)
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain("\n"));
    }

    @Test
    void loadingACorruptOrForeignFileNamesTheFileAndWhatIsWrong() throws IOException {
        Path garbage = Files.writeString(dir.resolve("garbage.safetensors"), "not a model at all");
        assertThatThrownBy(() -> Model.load(garbage)).isInstanceOf(IOException.class).hasMessageStartingWith(garbage.toString());
        assertThatThrownBy(() -> Model.load(dir.resolve("absent.safetensors"))).isInstanceOf(IOException.class);
        assertLoadFails(m -> m.remove(Model.FORMAT_KEY), "not a jgrad model file (no jgrad.format_version in its metadata)");
        assertLoadFails(m -> {
            m.put(Model.FORMAT_KEY, "2");
            m.put(SafeTensors.VERSION_KEY, "9.9.0");
        }, "written in model format 2 by jgrad 9.9.0; this jgrad (" + Version.current()
                + ") reads model format 1 and older: use a newer jgrad");
        assertLoadFails(m -> m.put(Model.FORMAT_KEY, "one"), "jgrad.format_version is 'one', not a whole number");
        assertLoadFails(m -> m.put(Model.FORMAT_KEY, "0"), "jgrad.format_version 0 is not a model format");
        assertLoadFails(m -> m.remove(Model.SPEC_KEY), "no jgrad.spec in its metadata");
        assertLoadFails(m -> m.put(Model.SPEC_KEY, "{\"type\":"), "jgrad.spec is not valid JSON");
        assertLoadFails(m -> m.put(Model.SPEC_KEY, "{\"type\":\"linear\",\"in\":4}"), "model spec .out: expected a whole number");
        assertLoadFails(m -> m.remove(Model.PREPROCESSING_KEY), "no jgrad.preprocessing in its metadata");
        assertLoadFails(m -> m.put(Model.PREPROCESSING_KEY, "{\"type\":\"tabular\",\"features\":4}"),
                "preprocessing .scaling: expected a JSON object, got nothing");
        assertLoadFails(m -> m.put(Model.PREPROCESSING_KEY, "{\"type\":\"tabular\",\"features\":7,\"scaling\":{\"type\":\"none\"}}"),
                "the spec does not accept input [7]");
        assertLoadFails(m -> m.remove(Model.CLASS_NAMES_KEY), "no jgrad.class_names in its metadata");
        assertLoadFails(m -> m.put(Model.CLASS_NAMES_KEY, "[\"a\",\"b\"]"), "the model gives output [3] per example but there are 2 class names");
        assertLoadFails(m -> m.put(Model.CLASS_NAMES_KEY, "[1,2,3]"), "model .class_names[0]: expected a string, got 1");
        assertLoadFails(m -> m.put(Model.FEATURE_NAMES_KEY, "[\"x\"]"), "1 feature names for 4 features");
        assertLoadFails(m -> { }, t -> t.remove("2.bias"), "the weights do not fit the spec: loadStateDict into Sequential: missing [2.bias]");
        assertLoadFails(m -> { }, t -> t.put("0.weight", Tensor.zeros(8, 5)),
                "0.weight has shape [8, 5] but the layer expects [8, 4]");
        assertLoadFails(m -> { }, t -> t.put("9.weight", Tensor.zeros(1)), "unexpected [9.weight]");
    }

    @Test
    void fromWeightsReportsProblemsWithTheFileTheyAreIn() throws IOException {
        Path weights = dir.resolve("w.safetensors");
        Model model = tabularModel(table());
        SafeTensors.save(weights, model.layer().stateDict());
        Path spec = Files.writeString(dir.resolve("spec.json"), model.spec().toPrettyJson());
        assertThat(Model.fromWeights(spec, weights).classNames()).containsExactly("0", "1", "2");
        Files.writeString(spec, ModelSpec.parse("mlp:9", new int[] {4}, 3).toJson());
        assertThatThrownBy(() -> Model.fromWeights(spec, weights)).isInstanceOf(IOException.class)
                .hasMessageStartingWith(weights + ": the weights do not fit the spec");
        Files.writeString(spec, "{\"spec\": " + model.spec().toJson() + ", \"classes\": 3}");
        assertThatThrownBy(() -> Model.fromWeights(spec, weights)).hasMessage(spec + ": unknown field 'classes' in a model"
                + " description (known: spec, preprocessing, class_names, feature_names)");
        Files.writeString(spec, new ModelSpec.Sequential(new ModelSpec.Conv2d(1, 2, 3)).toJson());
        assertThatThrownBy(() -> Model.fromWeights(spec, weights)).hasMessageStartingWith(spec + ": the network starts with a conv2d"
                + " layer, so its input size is unknown");
        Files.writeString(spec, "{");
        assertThatThrownBy(() -> Model.fromWeights(spec, weights)).hasMessageStartingWith(spec + ": not valid JSON");
        assertThatThrownBy(() -> Model.fromWeights(dir.resolve("none.json"), weights)).hasMessageEndingWith("none.json: no such spec file");
    }
}
