package jgrad.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.SplittableRandom;
import jgrad.nn.Init;
import jgrad.nn.Layer;
import jgrad.nn.Linear;
import jgrad.tensor.Tensor;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ModelSpecTest {
    @TempDir Path dir;

    /** One of every record kind (and every initialiser), nested, with non-default values. */
    static ModelSpec everyKind() {
        return new ModelSpec.Sequential(
                new ModelSpec.Conv2d(3, 8, 3, 2, 1, false, new WeightInit.HeNormal()),
                new ModelSpec.BatchNorm2d(8, 0.2, 1e-3),
                new ModelSpec.Relu(),
                new ModelSpec.MaxPool2d(2, 1),
                new ModelSpec.AvgPool2d(2, 2),
                new ModelSpec.Conv2d(8, 4, 1, 1, 0, true, new WeightInit.XavierUniform()),
                new ModelSpec.Flatten(),
                new ModelSpec.Sequential(
                        new ModelSpec.Linear(16, 10, true, new WeightInit.Normal(0.05)),
                        new ModelSpec.BatchNorm1d(10),
                        new ModelSpec.Sigmoid(),
                        new ModelSpec.Dropout(0.25)),
                new ModelSpec.Linear(10, 6, false, new WeightInit.XavierNormal()),
                new ModelSpec.Tanh(),
                new ModelSpec.Identity(),
                new ModelSpec.Linear(6, 3, true, new WeightInit.HeUniform()),
                new ModelSpec.Linear(3, 3),
                new ModelSpec.Softmax());
    }

    @Test
    void jsonRoundTripsEveryRecordKindExactly() {
        ModelSpec spec = everyKind();
        String json = spec.toJson();
        ModelSpec back = ModelSpec.fromJson(json);
        assertThat(back).isEqualTo(spec);
        assertThat(back.toJson()).isEqualTo(json);
        assertThat(ModelSpec.fromJson(spec.toPrettyJson())).isEqualTo(spec);
        for (String type : List.of("linear", "conv2d", "max_pool2d", "avg_pool2d", "flatten", "relu", "sigmoid", "tanh",
                "identity", "softmax", "dropout", "batch_norm1d", "batch_norm2d", "sequential")) {
            assertThat(json).contains("\"type\":\"" + type + "\"");
        }
        for (WeightInit init : List.of(new WeightInit.TorchDefault(), new WeightInit.Normal(0.01), new WeightInit.XavierNormal(),
                new WeightInit.XavierUniform(), new WeightInit.HeNormal(), new WeightInit.HeUniform())) {
            assertThat(WeightInit.parse(init.text())).isEqualTo(init);
            var linear = new ModelSpec.Linear(2, 3, true, init);
            assertThat(ModelSpec.fromJson(linear.toJson())).isEqualTo(linear);
        }
    }

    @Test
    void jsonFieldsLeftOutTakeTheirDefaults() {
        ModelSpec spec = ModelSpec.fromJson("""
                {"type": "sequential", "layers": [
                  {"type": "conv2d", "in_channels": 1, "out_channels": 2, "kernel": 3},
                  {"type": "max_pool2d", "kernel": 2},
                  {"type": "batch_norm2d", "channels": 2},
                  {"type": "flatten"},
                  {"type": "linear", "in": 2, "out": 4}
                ]}""");
        assertThat(spec).isEqualTo(new ModelSpec.Sequential(new ModelSpec.Conv2d(1, 2, 3), new ModelSpec.MaxPool2d(2, 2),
                new ModelSpec.BatchNorm2d(2), new ModelSpec.Flatten(), new ModelSpec.Linear(2, 4)));
    }

    @Test
    void badJsonNamesThePathAndWhatIsWrong() {
        assertBad("{\"type\": \"sequential\", \"layers\": [{\"type\": \"relu\"}, {\"type\": \"linear\", \"in\": 4, \"out\": 2.5}]}",
                "model spec .layers[1].out: expected a whole number, got 2.5");
        assertBad("{\"type\": \"linear\", \"in\": 4, \"out\": 0}", "model spec: linear: out must be >= 1, got 0");
        assertBad("{\"type\": \"linear\", \"in\": 4, \"out\": 2, \"size\": 3}", "model spec .size: unknown field (known: in, out, bias, init)");
        assertBad("{\"type\": \"relu\", \"inplace\": true}", "model spec .inplace: unknown field");
        assertBad("{\"type\": \"lstm\"}", "model spec .type: 'lstm' is not a layer jgrad has");
        assertBad("{\"in\": 4}", "model spec .type: expected a string, got nothing");
        assertBad("[1, 2]", "model spec: expected a JSON object, got an array");
        assertBad("{\"type\": \"sequential\", \"layers\": [3]}", "model spec .layers[0]: expected a JSON object, got 3");
        assertBad("{\"type\": \"sequential\"}", "model spec .layers: expected an array, got nothing");
        assertBad("{\"type\": \"linear\", \"in\": 4, \"out\": 2, \"init\": \"glorot\"}", "model spec .init: init 'glorot' is not one of");
        assertBad("{\"type\": \"linear\", \"in\": 4, \"out\": 2, \"bias\": 1}", "model spec .bias: expected true or false, got 1");
        assertBad("{\"type\": \"dropout\", \"p\": 1.0}", "model spec: dropout: p must be in [0, 1), got 1.0");
        assertBad("{\"type\": \"linear\",", "model spec: not valid JSON: expected a string key at character 18");
    }

    private static void assertBad(String json, String message) {
        assertThatThrownBy(() -> ModelSpec.fromJson(json)).isInstanceOf(IllegalArgumentException.class).hasMessageContaining(message);
    }

    @Test
    void buildGivesTheShapesOutputShapePredictsAndPyTorchNames() {
        ModelSpec spec = everyKind();
        int[] in = {3, 9, 9};
        assertThat(spec.outputShape(in)).containsExactly(3);
        Layer layer = spec.build(new SplittableRandom(1));
        Tensor y = layer.eval().forward(Tensor.rand(new SplittableRandom(2), 5, 3, 9, 9));
        assertThat(y.shape()).containsExactly(5, 3);
        assertThat(layer.stateDict().keySet()).containsExactly("0.weight", "1.weight", "1.bias", "1.running_mean",
                "1.running_var", "1.num_batches_tracked", "5.weight", "5.bias", "7.0.weight", "7.0.bias", "7.1.weight",
                "7.1.bias", "7.1.running_mean", "7.1.running_var", "7.1.num_batches_tracked", "8.weight", "11.weight",
                "11.bias", "12.weight", "12.bias");
        assertThat(layer.stateDict().get("0.weight").shape()).containsExactly(8, 3, 3, 3);
        // every layer's intermediate shape, as outputShape follows them
        ModelSpec.Sequential seq = (ModelSpec.Sequential) spec;
        Tensor x = Tensor.rand(new SplittableRandom(3), 2, 3, 9, 9);
        int[] shape = in;
        for (int i = 0; i < seq.layers().size(); i++) {
            x = layer.namedChildren().get(Integer.toString(i)).forward(x);
            shape = seq.layers().get(i).outputShape(shape);
            assertThat(x.shape()).as("layer %d", i).containsExactly(prepend(2, shape));
        }
    }

    private static int[] prepend(int n, int[] shape) {
        int[] out = new int[shape.length + 1];
        out[0] = n;
        System.arraycopy(shape, 0, out, 1, shape.length);
        return out;
    }

    @Test
    void outputShapeNamesTheLayerThatDoesNotFit() {
        ModelSpec spec = ModelSpec.fromJson("{\"type\":\"sequential\",\"layers\":[{\"type\":\"relu\"},{\"type\":\"linear\",\"in\":5,\"out\":2}]}");
        assertThatThrownBy(() -> spec.outputShape(4)).hasMessage("layer 1 (linear expects [5], got [4])");
        assertThatThrownBy(() -> new ModelSpec.Conv2d(1, 2, 5).outputShape(1, 3, 3))
                .hasMessage("conv2d with kernel 5 does not fit input [1, 3, 3]");
        assertThatThrownBy(() -> new ModelSpec.BatchNorm2d(3).outputShape(4)).hasMessage("batch_norm2d expects [3, h, w], got [4]");
    }

    @Test
    void initialisersDrawWhatJgradNnDraws() {
        var torch = (Linear) new ModelSpec.Linear(4, 3).build(new SplittableRandom(7));
        var direct = new Linear(4, 3, new SplittableRandom(7));
        assertThat(torch.weight().floatData()).containsExactly(direct.weight().floatData());
        assertThat(torch.bias().floatData()).containsExactly(direct.bias().floatData());
        var he = (Linear) new ModelSpec.Linear(4, 3, true, new WeightInit.HeNormal()).build(new SplittableRandom(7));
        assertThat(he.weight().floatData()).containsExactly(Init.heNormal(new SplittableRandom(7), 3, 4).floatData());
        assertThat(he.bias().floatData()).containsOnly(0f);
        var normal = (Linear) new ModelSpec.Linear(4, 3, false, new WeightInit.Normal(0.01)).build(new SplittableRandom(7));
        assertThat(normal.weight().floatData()).containsExactly(Init.normal(new SplittableRandom(7), 0.01, 3, 4).floatData());
        assertThat(normal.bias()).isNull();
        ModelSpec xavier = everyKind().withInit(new WeightInit.XavierNormal());
        assertThat(xavier.toJson()).doesNotContain("\"init\":\"he").doesNotContain("\"init\":\"torch").contains("\"init\":\"xavier\"");
    }

    @Test
    void weightInitTextFormAndErrors() {
        assertThat(WeightInit.parse(" He ")).isEqualTo(new WeightInit.HeNormal());
        assertThat(WeightInit.parse("normal:0.01")).isEqualTo(new WeightInit.Normal(0.01));
        assertThatThrownBy(() -> WeightInit.parse("normal:abc")).hasMessage("init 'normal:abc': the std after 'normal:' is not a number");
        assertThatThrownBy(() -> WeightInit.parse("normal:-1")).hasMessageContaining("std must be finite and > 0, got -1.0");
        assertThatThrownBy(() -> WeightInit.parse("kaiming")).hasMessage(
                "init 'kaiming' is not one of torch, xavier, xavier-uniform, he, he-uniform, normal:STD");
    }

    @Test
    void textFormsBuildTheCurriculumNetworks() throws IOException {
        assertThat(ModelSpec.parse("mlp:100,50", new int[] {4}, 3)).isEqualTo(new ModelSpec.Sequential(
                new ModelSpec.Linear(4, 100), new ModelSpec.Relu(), new ModelSpec.Linear(100, 50), new ModelSpec.Relu(),
                new ModelSpec.Linear(50, 3)));
        assertThat(ModelSpec.parse("mlp:100", new int[] {1, 28, 28}, 10)).isEqualTo(new ModelSpec.Sequential(
                new ModelSpec.Flatten(), new ModelSpec.Linear(784, 100), new ModelSpec.Relu(), new ModelSpec.Linear(100, 10)));
        assertThat(ModelSpec.parse("linear", new int[] {4}, 3)).isEqualTo(new ModelSpec.Sequential(new ModelSpec.Linear(4, 3)));
        ModelSpec convnet = ModelSpec.parse("convnet", new int[] {1, 28, 28}, 10);
        assertThat(convnet).isEqualTo(new ModelSpec.Sequential(new ModelSpec.Conv2d(1, 30, 5, 1, 0, true, WeightInit.DEFAULT),
                new ModelSpec.Relu(), new ModelSpec.MaxPool2d(2, 2), new ModelSpec.Flatten(), new ModelSpec.Linear(30 * 12 * 12, 100),
                new ModelSpec.Relu(), new ModelSpec.Linear(100, 10)));
        assertThat(convnet.outputShape(1, 28, 28)).containsExactly(10);
        Path file = dir.resolve("net.json");
        Files.writeString(file, ModelSpec.parse("mlp:8", new int[] {4}, 3).toPrettyJson());
        assertThat(ModelSpec.parse(file.toString(), new int[] {4}, 3)).isEqualTo(ModelSpec.parse("mlp:8", new int[] {4}, 3));
    }

    @Test
    void textFormErrorsNameTheTextAndWhatIsWrong() throws IOException {
        assertParseError("mlp", "model 'mlp': give hidden sizes after 'mlp:', e.g. mlp:100 or mlp:100,100");
        assertParseError("mlp:", "model 'mlp:': give hidden sizes after 'mlp:'");
        assertParseError("mlp:100,x", "model 'mlp:100,x': hidden size 'x' is not a whole number");
        assertParseError("mlp:100,,5", "model 'mlp:100,,5': hidden size '' is not a whole number");
        assertParseError("mlp:0", "model 'mlp:0': hidden size 0 must be >= 1");
        assertParseError("convnet", "model 'convnet' needs image input (channels, height, width), got [4]");
        assertThatThrownBy(() -> ModelSpec.parse("convnet", new int[] {1, 4, 4}, 10))
                .hasMessageContaining("model 'convnet': images of [1, 4, 4] are too small");
        assertParseError("resnet50", "model 'resnet50' is not mlp:H1,H2,..., linear, convnet or an existing JSON spec file");
        assertThatThrownBy(() -> ModelSpec.parse(dir.resolve("missing.json").toString(), new int[] {4}, 3))
                .isInstanceOf(IOException.class).hasMessageContaining("missing.json: no such model spec file");
        Path file = dir.resolve("five.json");
        Files.writeString(file, new ModelSpec.Linear(5, 3).toJson());
        assertParseError(file.toString(), "does not fit input [4]: linear expects [5], got [4]");
        Files.writeString(file, new ModelSpec.Linear(4, 2).toJson());
        assertParseError(file.toString(), "gives output [2] per example, but the data has 3 classes");
        Files.writeString(file, "{\"type\": \"linear\", \"in\": 4}");
        assertThatThrownBy(() -> ModelSpec.parse(file.toString(), new int[] {4}, 3)).isInstanceOf(IOException.class)
                .hasMessage(file + ": model spec .out: expected a whole number, got nothing");
    }

    private static void assertParseError(String text, String message) {
        assertThatThrownBy(() -> ModelSpec.parse(text, new int[] {4}, 3)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(message);
    }
}
