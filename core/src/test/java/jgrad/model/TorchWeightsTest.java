package jgrad.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Path;
import jgrad.tensor.Tensor;
import org.junit.jupiter.api.Test;

/**
 * Weights trained by PyTorch run in jgrad: the networks, weights files and expected
 * probabilities come from {@code tools/golden/torch_model_golden.py} (torch 1.13.1, Debian
 * python3-torch 1.13.1+dfsg-4), which writes the safetensors layout by hand as
 * {@code safetensors.torch.save_file} does (batch norm's {@code num_batches_tracked} as I64).
 */
class TorchWeightsTest {
    static Path resource(String name) {
        try {
            return Path.of(TorchWeightsTest.class.getResource("/jgrad/model/" + name).toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The script's fixed_input: value i (row-major over the batch) is ((i * 37) % 101) / 100, as float32. */
    static Tensor fixedInput(int... shape) {
        int n = 1;
        for (int d : shape) n *= d;
        float[] v = new float[n];
        for (int i = 0; i < n; i++) v[i] = (float) (((i * 37) % 101) / 100.0);
        return Tensor.of(v, shape);
    }

    @Test
    void anMlpWithBatchNormPredictsWhatPyTorchPredicts() throws IOException {
        Model model = Model.fromWeights(resource("torch_mlp.json"), resource("torch_mlp.safetensors"));
        assertThat(model.preprocessing()).isEqualTo(new Preprocessing.Tabular(4, new Preprocessing.Scaling.None()));
        assertThat(model.classNames()).containsExactly("0", "1", "2");
        assertThat(model.layer().stateDict().get("2.num_batches_tracked").item()).isEqualTo(5.0); // read from I64
        assertClose(model.predict(fixedInput(3, 4)), new double[][] {
            {0.1356414556503296, 0.20128445327281952, 0.6630740165710449},
            {0.13677650690078735, 0.20409387350082397, 0.6591296195983887},
            {0.13102009892463684, 0.1979062408208847, 0.6710736751556396},
        });
    }

    @Test
    void aConvNetWithBatchNormPoolingAndASoftmaxPredictsWhatPyTorchPredicts() throws IOException {
        Model model = Model.fromWeights(resource("torch_convnet.json"), resource("torch_convnet.safetensors"));
        assertThat(model.classNames()).containsExactly("circle", "square", "triangle");
        assertThat(model.inputShape()).containsExactly(2, 8, 8);
        double[][] expected = {
            {0.43822774291038513, 0.28180500864982605, 0.27996721863746643},
            {0.44194701313972473, 0.2808738648891449, 0.27717912197113037},
        };
        // raw images in [0, 1]; the model applies the saved scaling (x - 0.5) / 0.25 itself
        assertClose(model.predict(fixedInput(2, 2, 8, 8)), expected);
        assertClose(model.predict(fixedInput(2, 128)), expected); // flattened raw input is accepted too
    }

    static void assertClose(Tensor probs, double[][] expected) {
        assertThat(probs.shape()).containsExactly(expected.length, expected[0].length);
        double[] p = probs.toDoubleArray();
        for (int i = 0; i < expected.length; i++) {
            for (int j = 0; j < expected[i].length; j++) {
                assertThat(p[i * expected[i].length + j]).as("row %d class %d", i, j).isCloseTo(expected[i][j], within(1e-5));
            }
        }
    }
}
