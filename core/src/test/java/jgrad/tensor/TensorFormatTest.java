package jgrad.tensor;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** {@link Tensor#toString()} prints float32 tensors exactly as PyTorch does. */
class TensorFormatTest {
    private static final float NAN = Float.NaN, INF = Float.POSITIVE_INFINITY;

    private static Tensor arange(int n) {
        return Tensor.arange(n);
    }

    /** The same cases, in the same order, as tools/golden/format_golden.py. */
    private static final List<Tensor> CASES = List.of(
            Tensor.of(new float[] {1.5f, 2.25f, -3f}, 3),
            Tensor.of(new float[] {1e-5f, 1f, 100f}, 3),
            Tensor.of(new float[] {1f, 2f, 1e6f}, 3),
            Tensor.of(new float[] {1e8f}, 1),
            Tensor.of(new float[] {1f, NAN, INF}, 3),
            Tensor.of(new float[] {-0f, 10f}, 2),
            Tensor.zeros(2),
            arange(30),
            arange(24).div(7).reshape(2, 12),
            arange(2000),
            arange(12).reshape(2, 2, 3),
            Tensor.zeros(2, 0));

    // Printed by tools/golden/format_golden.py with torch 1.13.0a0 (/usr/bin/python3).
    private static final List<String> TORCH = List.of(
            "tensor([ 1.5000,  2.2500, -3.0000])",
            "tensor([1.0000e-05, 1.0000e+00, 1.0000e+02])",
            "tensor([1.0000e+00, 2.0000e+00, 1.0000e+06])",
            "tensor([100000000.])",
            "tensor([1., nan, inf])",
            "tensor([-0., 10.])",
            "tensor([0., 0.])",
            "tensor([ 0.,  1.,  2.,  3.,  4.,  5.,  6.,  7.,  8.,  9., 10., 11., 12., 13.,\n        14., 15., 16., 17., 18., 19., 20., 21., 22., 23., 24., 25., 26., 27.,\n        28., 29.])",
            "tensor([[0.0000, 0.1429, 0.2857, 0.4286, 0.5714, 0.7143, 0.8571, 1.0000, 1.1429,\n         1.2857, 1.4286, 1.5714],\n        [1.7143, 1.8571, 2.0000, 2.1429, 2.2857, 2.4286, 2.5714, 2.7143, 2.8571,\n         3.0000, 3.1429, 3.2857]])",
            "tensor([0.0000e+00, 1.0000e+00, 2.0000e+00,  ..., 1.9970e+03, 1.9980e+03,\n        1.9990e+03])",
            "tensor([[[ 0.,  1.,  2.],\n         [ 3.,  4.,  5.]],\n\n        [[ 6.,  7.,  8.],\n         [ 9., 10., 11.]]])",
            "tensor([], size=(2, 0))");

    static List<Integer> indices() {
        return java.util.stream.IntStream.range(0, CASES.size()).boxed().toList();
    }

    @ParameterizedTest(name = "case {0}")
    @MethodSource("indices")
    void printsLikePyTorch(int i) {
        assertThat(CASES.get(i).toString()).isEqualTo(TORCH.get(i));
    }
}
