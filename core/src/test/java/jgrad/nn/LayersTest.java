package jgrad.nn;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import java.util.Random;
import jgrad.optim.Adam;
import jgrad.tensor.DType;
import jgrad.tensor.GradMode;
import jgrad.tensor.Tensor;
import jgrad.testing.Close;
import jgrad.testing.GradCheck;
import org.junit.jupiter.api.Test;

class LayersTest {
    private final Random rng = new Random(1);

    @Test
    void linearIsXTimesWeightTransposedPlusBias() {
        var fc = new Linear(Tensor.of(new double[] {1, 2, 3, 4, 5, 6}, 2, 3), Tensor.of(new double[] {0.5, -1}, 2));
        Tensor y = fc.forward(Tensor.of(new double[] {1, 0, -1, 2, 1, 1}, 2, 3));
        assertThat(y.toDoubleArray()).containsExactly(-1.5, -3, 7.5, 18);
        assertThat(fc.namedParameters().keySet()).containsExactly("weight", "bias");
        assertThat(fc.toString()).isEqualTo("Linear(in=3, out=2)");
    }

    @Test
    void linearDefaultInitIsPyTorchsUniformAndSeeded() {
        var fc = new Linear(784, 100, new Random(5));
        assertThat(fc.weight().shape()).containsExactly(100, 784);
        assertThat(fc.bias().shape()).containsExactly(100);
        assertThat(fc.weight().dtype()).isEqualTo(DType.FLOAT32);
        double bound = 1 / Math.sqrt(784);
        float max = 0;
        for (float w : fc.weight().toFloatArray()) max = Math.max(max, Math.abs(w));
        assertThat(max).isLessThanOrEqualTo((float) bound).isGreaterThan((float) (0.99 * bound));
        assertThat(java.util.Arrays.equals(new Linear(784, 100, new Random(5)).weight().toFloatArray(),
                fc.weight().toFloatArray())).as("same seed, same weights").isTrue();
        int count = fc.parameters().stream().mapToInt(Tensor::numel).sum();
        assertThat(count).isEqualTo(78_500);
    }

    @Test
    void linearWithoutBiasHasOneParameter() {
        var fc = new Linear(Tensor.ones(DType.FLOAT64, 2, 2), null);
        assertThat(fc.parameters()).hasSize(1);
        assertThat(fc.forward(Tensor.ones(DType.FLOAT64, 1, 2)).toDoubleArray()).containsExactly(2, 2);
    }

    @Test
    void linearRejectsWeightAndBiasThatDoNotFit() {
        assertThatThrownBy(() -> new Linear(Tensor.zeros(3, 2), Tensor.zeros(2)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("[3, 2]").hasMessageContaining("[2]");
    }

    @Test
    void linearGradientsMatchFiniteDifferences() {
        Tensor w = Tensor.randn(rng, DType.FLOAT64, 4, 3);
        Tensor b = Tensor.randn(rng, DType.FLOAT64, 4);
        Tensor x = Tensor.randn(rng, DType.FLOAT64, 5, 3);
        var fc = new Linear(w, b);
        GradCheck.check(xs -> fc.forward(xs.get(0)), x);
        // The layer owns copies of w and b: its parameter gradients must equal those of the function.
        assertSameParameterGradients(fc, x, xs -> x.matmul(xs.get(0).transpose()).add(xs.get(1)));
    }

    /**
     * The gradients that {@code layer.forward(x)} sends to the layer's parameters equal those of
     * {@code f} (the function the layer should compute, over leaf copies of its parameters).
     */
    private void assertSameParameterGradients(Layer layer, Tensor x, java.util.function.Function<List<Tensor>, Tensor> f) {
        List<Parameter> ps = layer.parameters();
        List<Tensor> leaves = ps.stream().map(p -> p.copy().requiresGrad(true)).toList();
        Tensor expected = f.apply(leaves);
        Tensor r = Tensor.randn(rng, DType.FLOAT64, expected.shape());
        expected.backward(r);
        layer.zeroGrad();
        Tensor got = layer.forward(x);
        Close.assertClose(got, expected.toDoubleArray(), 0, 0);
        got.backward(r);
        for (int i = 0; i < ps.size(); i++) {
            Close.assertClose(ps.get(i).grad(), leaves.get(i).grad().toDoubleArray(), 1e-12, 1e-12);
        }
    }

    @Test
    void conv2dShapesAndPyTorchDefaultInit() {
        var conv = new Conv2d(1, 30, 5, 1, 0, new Random(2));
        assertThat(conv.weight().shape()).containsExactly(30, 1, 5, 5);
        Tensor y = conv.forward(Tensor.randn(rng, 2, 1, 28, 28));
        assertThat(y.shape()).containsExactly(2, 30, 24, 24);
        for (float w : conv.weight().toFloatArray()) assertThat(Math.abs(w)).isLessThanOrEqualTo(0.2f);
        var padded = new Conv2d(3, 4, 3, 2, 1, new Random(2));
        assertThat(padded.forward(Tensor.randn(rng, 1, 3, 7, 7)).shape()).containsExactly(1, 4, 4, 4);
        assertThat(padded.toString()).isEqualTo("Conv2d(3, 4, kernel=3, stride=2, padding=1)");
        assertThatThrownBy(() -> new Conv2d(Tensor.zeros(4, 3, 3, 2), null, 1, 0)).hasMessageContaining("[4, 3, 3, 2]");
        assertThatThrownBy(() -> new Conv2d(1, 1, 3, 0, 0, rng)).hasMessageContaining("stride");
    }

    @Test
    void conv2dGradientsMatchFiniteDifferences() {
        Tensor w = Tensor.randn(rng, DType.FLOAT64, 2, 2, 3, 3);
        Tensor b = Tensor.randn(rng, DType.FLOAT64, 2);
        Tensor x = Tensor.randn(rng, DType.FLOAT64, 2, 2, 5, 5);
        var conv = new Conv2d(w, b, 2, 1);
        GradCheck.check(xs -> conv.forward(xs.get(0)), x);
        assertSameParameterGradients(conv, x, xs -> Functional.conv2d(x, xs.get(0), xs.get(1), 2, 1));
    }

    @Test
    void poolingFlattenAndActivations() {
        Tensor x = Tensor.arange(DType.FLOAT64, 16).reshape(1, 1, 4, 4);
        assertThat(new MaxPool2d(2, 2).forward(x).toDoubleArray()).containsExactly(5, 7, 13, 15);
        assertThat(new AvgPool2d(2, 2).forward(x).toDoubleArray()).containsExactly(2.5, 4.5, 10.5, 12.5);
        assertThat(new Flatten().forward(x).shape()).containsExactly(1, 16);
        Tensor v = Tensor.of(new double[] {-1, 0, 2}, 1, 3);
        assertThat(new Relu().forward(v).toDoubleArray()).containsExactly(0, 0, 2);
        assertThat(new Identity().forward(v)).isSameAs(v);
        assertThat(new Tanh().forward(v).toDoubleArray()[2]).isCloseTo(Math.tanh(2), within(1e-15));
        assertThat(new Sigmoid().forward(v).toDoubleArray()[0]).isCloseTo(1 / (1 + Math.E), within(1e-15));
        double[] s = new Softmax().forward(v).toDoubleArray();
        assertThat(s[0] + s[1] + s[2]).isCloseTo(1, within(1e-15));
        assertThat(s[2] / s[1]).isCloseTo(Math.exp(2), within(1e-12));
        assertThatThrownBy(() -> new MaxPool2d(0, 1)).hasMessageContaining("kernel");
    }

    @Test
    void dropoutActsOnlyInTrainingModeAndIsSeeded() {
        Tensor x = Tensor.ones(DType.FLOAT64, 1000);
        var a = new Dropout(0.5, new Random(9));
        Tensor ya = a.forward(x);
        Tensor yb = new Dropout(0.5, new Random(9)).forward(x);
        assertThat(ya.toDoubleArray()).containsExactly(yb.toDoubleArray());
        long zeros = java.util.Arrays.stream(ya.toDoubleArray()).filter(v -> v == 0).count();
        assertThat(zeros).isBetween(400L, 600L);
        assertThat(java.util.Arrays.stream(ya.toDoubleArray()).filter(v -> v != 0)).containsOnly(2.0);
        a.eval();
        assertThat(a.forward(x)).isSameAs(x);
        assertThatThrownBy(() -> new Dropout(1, rng)).hasMessageContaining("[0, 1)");
    }

    @Test
    void batchNormGradientsMatchFiniteDifferencesInBothModes() {
        Tensor x1 = Tensor.randn(rng, DType.FLOAT64, 6, 3);
        Tensor x2 = Tensor.randn(rng, DType.FLOAT64, 2, 3, 2, 2);
        var bn1 = new BatchNorm1d(3, DType.FLOAT64);
        var bn2 = new BatchNorm2d(3, DType.FLOAT64);
        GradCheck.check(xs -> bn1.forward(xs.get(0)), x1);
        GradCheck.check(xs -> bn2.forward(xs.get(0)), x2);
        bn1.eval();
        bn2.eval();
        GradCheck.check(xs -> bn1.forward(xs.get(0)), x1);
        GradCheck.check(xs -> bn2.forward(xs.get(0)), x2);
    }

    @Test
    void batchNormRunsInFloat32() {
        var bn = new BatchNorm2d(2);
        Tensor y = bn.forward(Tensor.randn(rng, 4, 2, 3, 3));
        assertThat(y.dtype()).isEqualTo(DType.FLOAT32);
        double[] v = y.toDoubleArray();
        double mean = java.util.Arrays.stream(v).average().orElseThrow();
        assertThat(mean).isCloseTo(0, within(1e-5));
    }

    @Test
    void stateDictNamesAndShapesMatchPyTorch() {
        // torch 1.13: nn.Sequential(nn.Conv2d(1, 2, 3, 1, 1), nn.BatchNorm2d(2), nn.ReLU(), nn.Flatten(),
        // nn.Linear(32, 3)).state_dict() has exactly these keys and shapes, in this order.
        var model = new Sequential(new Conv2d(1, 2, 3, 1, 1, rng), new BatchNorm2d(2), new Relu(), new Flatten(),
                new Linear(32, 3, rng));
        var shapes = new java.util.LinkedHashMap<String, String>();
        model.stateDict().forEach((name, t) -> shapes.put(name, java.util.Arrays.toString(t.shape())));
        assertThat(shapes).containsExactly(
                java.util.Map.entry("0.weight", "[2, 1, 3, 3]"), java.util.Map.entry("0.bias", "[2]"),
                java.util.Map.entry("1.weight", "[2]"), java.util.Map.entry("1.bias", "[2]"),
                java.util.Map.entry("1.running_mean", "[2]"), java.util.Map.entry("1.running_var", "[2]"),
                java.util.Map.entry("1.num_batches_tracked", "[]"),
                java.util.Map.entry("4.weight", "[3, 32]"), java.util.Map.entry("4.bias", "[3]"));
    }

    @Test
    void smallConvNetLearnsAndIsDeterministic() {
        assertThat(trainConvNet()).isEqualTo(trainConvNet());
        double[] losses = trainConvNet();
        assertThat(losses[losses.length - 1]).isLessThan(losses[0] * 0.5);
    }

    /** A tiny ConvNet on a seeded two-class problem (bright top half vs bright bottom half). */
    private static double[] trainConvNet() {
        var r = new Random(11);
        var model = new Sequential(new Conv2d(1, 4, 3, 1, 1, r), new BatchNorm2d(4), new Relu(), new MaxPool2d(2, 2),
                new Flatten(), new Dropout(0.1, r), new Linear(4 * 3 * 3, 2, r));
        float[] x = new float[16 * 36];
        int[] labels = new int[16];
        for (int i = 0; i < 16; i++) {
            labels[i] = i % 2;
            for (int p = 0; p < 36; p++) {
                boolean top = p < 18;
                x[i * 36 + p] = (float) ((top == (labels[i] == 0) ? 1 : 0) + 0.3 * r.nextGaussian());
            }
        }
        Tensor input = Tensor.of(x, 16, 1, 6, 6);
        var adam = new Adam(model.parameters(), 0.01);
        double[] losses = new double[30];
        for (int step = 0; step < losses.length; step++) {
            adam.zeroGrad();
            Tensor loss = Losses.crossEntropy(model.forward(input), labels);
            loss.backward();
            adam.step();
            losses[step] = loss.item();
        }
        model.eval();
        try (var ignored = GradMode.off()) {
            Tensor scores = model.forward(input);
            Close.assertClose(scores, model.forward(input).toDoubleArray(), 0, 0); // eval mode is deterministic
        }
        return losses;
    }

    @Test
    void xorIsLearnedWithSgdMomentum() {
        var r = new Random(3);
        var model = new Sequential(new Linear(2, 8, r), new Tanh(), new Linear(8, 1, r), new Sigmoid());
        Tensor x = Tensor.of(new float[] {0, 0, 0, 1, 1, 0, 1, 1}, 4, 2);
        Tensor t = Tensor.of(new float[] {0, 1, 1, 0}, 4, 1);
        var sgd = new jgrad.optim.Sgd(model.parameters(), 0.5).momentum(0.9);
        double loss = 0;
        for (int step = 0; step < 300; step++) {
            sgd.zeroGrad();
            Tensor l = Losses.binaryCrossEntropy(model.forward(x), t);
            l.backward();
            sgd.step();
            loss = l.item();
        }
        assertThat(loss).isLessThan(0.05);
        assertThat(List.of(model.parameters().size())).containsExactly(4);
    }
}
