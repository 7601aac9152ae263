package jgrad.tensor.kernel;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Random;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The packed GEMM paths (one packing of op(B) per block of rows, once per call for few rows, once
 * per block of k for wide products or long k, or 12-row tiles for B not transposed) sum every C element in
 * the same order, so which path a shape takes never changes a bit: per
 * block of {@code KC} values of k, a chain of FMAs from 0, added to C block after block (long
 * products with B transposed: per segment of k, the segments then added in order). The
 * MLP's layers (e.g. {@code (100 x 784) x (784 x 50)}, transposed operands) and larger shapes are
 * compared with that order written out in scalar Java, on 1 and 2 threads.
 */
class GemmSumOrderTest {
    /**
     * (m, n, k): MNIST MLP layers forward and backward, partial panels and k blocks, shapes over the
     * few-row limit, and wide ones (m, n >= 256) whose last row panel has 8 rows (12-row kernel, zero
     * rows) or 4 (6-row kernel), and one with m, n >= 768, swept row panel by row panel within blocks of 16
     * column panels, the last block and its last panel partial. A fourth number is the count of
     * segments of k that a long product with B transposed (and A not) is summed in ({@code FloatGemm.longK}).
     */
    private static final int[][] SIZES = {
        {100, 50, 784}, {50, 784, 100}, {100, 10, 50}, {100, 50, 10}, {10, 50, 100},
        {13, 47, 600}, {192, 33, 513}, {193, 40, 300}, {300, 70, 257}, {6, 700, 9},
        {260, 270, 520}, {256, 257, 300}, {772, 780, 260},
        // the ConvNet's shapes: linear layer 4320 -> 100 (k shortened), its gradients (n shortened), the convolution colᵀ wᵀ;
        // then 12-row tiles with 1 and 6 rows left over, k blocks and a last column panel under one vector
        {100, 100, 1300}, {100, 1000, 100}, {576, 32, 25}, {37, 300, 300}, {30, 290, 513},
        // 12-row tiles with 2 and 1 rows left (kernelTwoRows), large enough for several tasks: pairs of panels, odd ones
        {50, 784, 300}, {25, 300, 600},
        // long k with B transposed (longK): last row panel of 4, 9 and 6 rows, last column panel of 4, 24 and 10 columns
        {100, 100, 2600}, {45, 120, 2300}, {30, 10, 30000, 8},
        // long k in segments: the ConvNet's linear layer, and 3 segments of 2066-2067 with a partial row and column
        // panel, whose op(B) would fit packedOnce's buffer with 4 float lanes (not with 16): segments on any vector width
        {100, 100, 4320, 2}, {20, 40, 6200, 3},
    };

    /**
     * C as the packed paths compute it, element by element: k in equal segments (one unless the
     * shape says more), each in KC blocks from its start; the first segment summed into C, each
     * later one from 0 and then added to C.
     */
    private static float[] reference(boolean transA, boolean transB, int m, int n, int k, float[] a, float[] b, float[] c0,
                                     boolean accumulate, int segments) {
        float[] c = c0.clone();
        for (int i = 0; i < m; i++)
            for (int j = 0; j < n; j++) {
                float total = c[i * n + j];
                for (int seg = 0; seg < segments; seg++) {
                    int k0 = (int) ((long) seg * k / segments), k1 = (int) ((long) (seg + 1) * k / segments);
                    boolean fresh = seg > 0 || !accumulate;
                    float part = fresh ? 0 : total;
                    for (int p0 = k0; p0 < k1; p0 += FloatGemm.KC) {
                        float s = 0;
                        for (int p = p0; p < Math.min(k1, p0 + FloatGemm.KC); p++) {
                            s = Math.fma(a[transA ? p * m + i : i * k + p], b[transB ? j * k + p : p * n + j], s);
                        }
                        part = p0 == k0 && fresh ? s : part + s;
                    }
                    total = seg == 0 ? part : total + part;
                }
                c[i * n + j] = total;
            }
        return c;
    }

    @ParameterizedTest(name = "case {0}")
    @ValueSource(ints = {0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20, 21, 22})
    void packedPathsSumInKcBlocksOfFmaChains(int index) {
        int m = SIZES[index][0], n = SIZES[index][1], k = SIZES[index][2];
        Random rng = new Random(index);
        for (int t = 0; t < 8; t++) {
            boolean transA = (t & 1) != 0, transB = (t & 2) != 0, accumulate = (t & 4) != 0;
            float[] a = new float[m * k], b = new float[k * n], c0 = new float[m * n];
            for (int i = 0; i < a.length; i++) a[i] = (float) rng.nextGaussian();
            for (int i = 0; i < b.length; i++) b[i] = (float) rng.nextGaussian();
            for (int i = 0; i < c0.length; i++) c0[i] = (float) rng.nextGaussian();
            int segments = transB && !transA && SIZES[index].length > 3 ? SIZES[index][3] : 1;
            float[] expected = reference(transA, transB, m, n, k, a, b, c0, accumulate, segments);
            for (int threads = 1; threads <= 2; threads++) {
                float[] c = c0.clone();
                Parallel.withThreads(threads, () -> Gemm.sgemm(transA, transB, m, n, k, a, 0, b, 0, c, 0, accumulate));
                assertThat(c).as("m=%d n=%d k=%d transA=%s transB=%s accumulate=%s threads=%d", m, n, k, transA, transB,
                        accumulate, threads).isEqualTo(expected);
            }
        }
    }
}
