package jgrad.model;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import jgrad.io.Json;
import jgrad.io.SafeTensors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Every JSON block of docs/model-format.md is read by the code it documents. */
class ModelFormatDocTest {
    @TempDir Path dir;

    private static List<String> jsonBlocks() throws IOException {
        String doc = Files.readString(Path.of("../docs/model-format.md"));
        Matcher m = Pattern.compile("```json\\n(.*?)```", Pattern.DOTALL).matcher(doc);
        List<String> blocks = new ArrayList<>();
        while (m.find()) blocks.add(m.group(1));
        return blocks;
    }

    @Test
    void everyJsonBlockIsWhatJgradReadsAndWrites() throws Exception {
        List<String> blocks = jsonBlocks();
        assertThat(blocks).hasSize(7);
        int specs = 0;
        for (String block : blocks) {
            Map<?, ?> json = (Map<?, ?>) Json.parse(block);
            Object type = json.get("type");
            if (json.containsKey("layers")) {
                ModelSpec spec = ModelSpec.fromJson(block);
                assertThat(spec.toPrettyJson() + "\n").as("the full example is written as jgrad writes it").isEqualTo(block);
                assertThat(spec.outputShape(1, 28, 28)).containsExactly(10);
                specs++;
            } else if ("tabular".equals(type) || "image".equals(type)) {
                assertThat(Preprocessing.fromJson(block).toJson()).isEqualTo(Json.write(json));
            } else if (type != null && OptimizerSpec.NAMES.contains(type)) {
                assertThat(OptimizerSpec.fromJson(block).toJson()).isEqualTo(Json.write(json));
            } else if (json.containsKey("spec")) {
                // a model description for PyTorch weights: weights of the right shapes load with it
                ModelSpec spec = ModelSpec.fromJson(Json.write(json.get("spec")));
                Path weights = dir.resolve("weights.safetensors");
                SafeTensors.save(weights, spec.build(new SplittableRandom(1)).stateDict());
                Path file = Files.writeString(dir.resolve("description.json"), block);
                Model model = Model.fromWeights(file, weights);
                assertThat(model.classNames()).containsExactly("circle", "square", "triangle");
                assertThat(model.inputShape()).containsExactly(2, 8, 8);
            } else if (json.containsKey(Model.FORMAT_KEY)) {
                // a model file's metadata: with weights of the spec's shapes it is a loadable model
                @SuppressWarnings("unchecked")
                Map<String, String> meta = (Map<String, String>) json;
                ModelSpec spec = ModelSpec.fromJson(meta.get(Model.SPEC_KEY));
                Path file = dir.resolve("iris.safetensors");
                SafeTensors.save(file, spec.build(new SplittableRandom(1)).stateDict(), meta);
                Model model = Model.load(file);
                assertThat(model.classNames()).containsExactly("setosa", "versicolor", "virginica");
                assertThat(model.featureNames()).hasSize(4);
            } else if (json.containsKey("model_spec")) {
                assertThat(ModelSpec.fromJson((String) json.get("model_spec")).outputShape(2)).containsExactly(2);
                assertThat(OptimizerSpec.fromJson((String) json.get("optimizer_spec")).name()).isEqualTo("adam");
            } else {
                throw new AssertionError("a JSON block of docs/model-format.md that no test reads:\n" + block);
            }
        }
        assertThat(specs).isEqualTo(1);
    }
}
