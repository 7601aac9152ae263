package jgrad.tensor.kernel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class GemmTest {
    /**
     * (m, n, k): odd sizes, non-square shapes, k = 1 and k = 0, a k split (> 256), a column split (> 4096), few rows,
     * the 12-row wide path (m, n >= 256) with partial row and column panels and a k split, and long k summed
     * in 3 and 8 segments (B transposed; the last with 6 columns, fewer than half a vector on 512-bit hardware),
     * and 12-row tiles with a last 2 rows (two column panels per call, and an odd panel on its own).
     */
    private static final int[][] SIZES = {
        {1, 1, 1}, {7, 7, 7}, {33, 33, 33}, {65, 65, 65}, {1, 33, 7}, {7, 1, 65}, {33, 65, 1},
        {65, 7, 33}, {100, 16, 2}, {100, 16, 16}, {16, 100, 16}, {13, 47, 300}, {257, 33, 65},
        {97, 129, 31}, {5, 4101, 9}, {3, 5, 0}, {3, 50, 300}, {100, 10, 100}, {269, 290, 300}, {264, 256, 5},
        {20, 40, 6200}, {24, 6, 30000}, {30, 50, 100}, {274, 260, 40}, {50, 100, 300}, {26, 140, 40},
    };

    static Stream<Arguments> cases() {
        List<Arguments> out = new ArrayList<>();
        for (int[] s : SIZES)
            for (int t = 0; t < 8; t++) out.add(Arguments.of(s[0], s[1], s[2], (t & 1) != 0, (t & 2) != 0, (t & 4) != 0));
        return out.stream();
    }

    @ParameterizedTest(name = "m={0} n={1} k={2} transA={3} transB={4} accumulate={5}")
    @MethodSource("cases")
    void sgemmMatchesNaiveTripleLoop(int m, int n, int k, boolean transA, boolean transB, boolean accumulate) {
        Random rng = new Random(m * 31L + n * 7L + k);
        int aOff = 3, bOff = 5, cOff = 2;
        float[] a = randomFloats(rng, aOff + m * k + 4), b = randomFloats(rng, bOff + k * n + 4);
        float[] c = randomFloats(rng, cOff + m * n + 4), c0 = c.clone();
        Gemm.sgemm(transA, transB, m, n, k, a, aOff, b, bOff, c, cOff, accumulate);
        for (int i = 0; i < m; i++)
            for (int j = 0; j < n; j++) {
                double s = 0, bound = 0;
                for (int p = 0; p < k; p++) {
                    double prod = (double) a[aOff + (transA ? p * m + i : i * k + p)]
                            * b[bOff + (transB ? j * k + p : p * n + j)];
                    s += prod;
                    bound += Math.abs(prod);
                }
                float before = c0[cOff + i * n + j];
                double expected = accumulate ? before + s : s;
                double tol = (k + 2) * 1.2e-7 * (bound + Math.abs(before)) + 1e-30;
                assertEquals(expected, c[cOff + i * n + j], tol, "C[" + i + "][" + j + "]");
            }
        assertUntouchedOutside(c0, c, cOff, m * n);
    }

    @ParameterizedTest(name = "m={0} n={1} k={2} transA={3} transB={4} accumulate={5}")
    @MethodSource("cases")
    void dgemmMatchesNaiveTripleLoop(int m, int n, int k, boolean transA, boolean transB, boolean accumulate) {
        Random rng = new Random(m * 131L + n * 17L + k);
        int aOff = 1, bOff = 0, cOff = 4;
        double[] a = randomDoubles(rng, aOff + m * k + 3), b = randomDoubles(rng, bOff + k * n + 3);
        double[] c = randomDoubles(rng, cOff + m * n + 3), c0 = c.clone();
        Gemm.dgemm(transA, transB, m, n, k, a, aOff, b, bOff, c, cOff, accumulate);
        for (int i = 0; i < m; i++)
            for (int j = 0; j < n; j++) {
                double s = 0, bound = 0;
                for (int p = 0; p < k; p++) {
                    double prod = a[aOff + (transA ? p * m + i : i * k + p)] * b[bOff + (transB ? j * k + p : p * n + j)];
                    s += prod;
                    bound += Math.abs(prod);
                }
                double before = c0[cOff + i * n + j];
                double expected = accumulate ? before + s : s;
                double tol = 2 * (k + 2) * 2.3e-16 * (bound + Math.abs(before)) + 1e-300;
                assertEquals(expected, c[cOff + i * n + j], tol, "C[" + i + "][" + j + "]");
            }
        for (int i = 0; i < c.length; i++) {
            if (i < cOff || i >= cOff + m * n) assertEquals(c0[i], c[i], 0.0, "outside C at " + i);
        }
    }

    @Test
    void transposeWritesEachStepsRowsAndRepeatsTheLastPastThem() {
        Assumptions.assumeTrue(FloatMicroKernels.TRANSPOSE, "16-lane vectors only");
        int ld = 37, kc = 32, ds = 20;
        float[] a = new float[16 * ld], dst = new float[kc * ds + 16];
        for (int i = 0; i < a.length; i++) a[i] = i;
        for (int rows : new int[] {16, 12, 2, 1}) {
            java.util.Arrays.fill(dst, Float.NaN);
            FloatMicroKernels.transpose16(a, 3, ld, rows, kc, dst, 1, ds);
            for (int p = 0; p < kc; p++)
                for (int r = 0; r < 16; r++) assertEquals(a[3 + Math.min(r, rows - 1) * ld + p], dst[1 + p * ds + r], "p=" + p + " r=" + r);
        }
    }

    @Test
    void largeSquareProductMatchesNaiveLoop() {
        int n = 257;
        Random rng = new Random(7);
        float[] a = randomFloats(rng, n * n), b = randomFloats(rng, n * n), c = new float[n * n];
        Gemm.sgemm(false, false, n, n, n, a, 0, b, 0, c, 0, false);
        for (int i = 0; i < n; i += 3)
            for (int j = 0; j < n; j++) {
                double s = 0, bound = 0;
                for (int p = 0; p < n; p++) {
                    s += (double) a[i * n + p] * b[p * n + j];
                    bound += Math.abs((double) a[i * n + p] * b[p * n + j]);
                }
                assertEquals(s, c[i * n + j], (n + 2) * 1.2e-7 * bound);
            }
    }

    @Test
    void overwriteIgnoresNaNsAlreadyInC() {
        float[] a = {1, 2, 3, 4}, b = {5, 6, 7, 8}, c = {Float.NaN, Float.NaN, Float.NaN, Float.NaN};
        Gemm.sgemm(false, false, 2, 2, 2, a, 0, b, 0, c, 0, false);
        assertArrayEquals(new float[] {19, 22, 43, 50}, c);
        double[] cd = {Double.NaN, 1};
        Gemm.dgemm(false, false, 1, 2, 0, new double[0], 0, new double[0], 0, cd, 0, false);
        assertArrayEquals(new double[] {0, 0}, cd);
    }

    @Test
    void resultsAreBitIdenticalForOneAndTwoThreads() {
        Random rng = new Random(11);
        int m = 263, n = 301, k = 517; // 1 thread: the wide path; 2 threads: the packed path (same bits)
        for (boolean transA : new boolean[] {false, true})
            for (boolean transB : new boolean[] {false, true}) {
                float[] a = randomFloats(rng, m * k), b = randomFloats(rng, k * n);
                float[] c1 = randomFloats(rng, m * n), c2 = c1.clone();
                Parallel.withThreads(1, () -> Gemm.sgemm(transA, transB, m, n, k, a, 0, b, 0, c1, 0, true));
                Parallel.withThreads(2, () -> Gemm.sgemm(transA, transB, m, n, k, a, 0, b, 0, c2, 0, true));
                assertThat(c2).as("float transA=%s transB=%s", transA, transB).isEqualTo(c1);
                double[] ad = randomDoubles(rng, m * k), bd = randomDoubles(rng, k * n);
                double[] d1 = new double[m * n], d2 = new double[m * n];
                Parallel.withThreads(1, () -> Gemm.dgemm(transA, transB, m, n, k, ad, 0, bd, 0, d1, 0, false));
                Parallel.withThreads(2, () -> Gemm.dgemm(transA, transB, m, n, k, ad, 0, bd, 0, d2, 0, false));
                assertThat(d2).as("double transA=%s transB=%s", transA, transB).isEqualTo(d1);
            }
    }

    @Test
    void theConvNetsLinearShapesGiveTheSameBitsForOneToFourThreads() {
        // (100 x 4320) x (4320 x 100)ᵀ: 2 row blocks by 4 column blocks of the packed path, 17 blocks of k;
        // (100 x 100) x (100 x 4320) and its transposed-A twin: 34 column tasks
        Random rng = new Random(12);
        int[][] shapes = {{100, 100, 4320}, {100, 4320, 100}};
        for (int[] s : shapes)
            for (boolean transA : new boolean[] {false, true}) {
                int m = s[0], n = s[1], k = s[2];
                boolean transB = n == 100;
                float[] a = randomFloats(rng, m * k), b = randomFloats(rng, k * n), c0 = randomFloats(rng, m * n);
                float[] one = c0.clone();
                Parallel.withThreads(1, () -> Gemm.sgemm(transA, transB, m, n, k, a, 0, b, 0, one, 0, true));
                for (int threads = 2; threads <= 4; threads++) {
                    float[] c = c0.clone();
                    Parallel.withThreads(threads, () -> Gemm.sgemm(transA, transB, m, n, k, a, 0, b, 0, c, 0, true));
                    assertThat(c).as("%d x %d x %d transA=%s, %d threads", m, n, k, transA, threads).isEqualTo(one);
                }
            }
    }

    @Test
    void rejectsArraysTooShortForTheShape() {
        assertThatThrownBy(() -> Gemm.sgemm(false, false, 3, 4, 5, new float[14], 0, new float[20], 0, new float[12], 0, false))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("sgemm");
        assertThatThrownBy(() -> Gemm.dgemm(false, false, -1, 4, 5, new double[0], 0, new double[0], 0, new double[0], 0, false))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("negative");
    }

    private static void assertUntouchedOutside(float[] before, float[] after, int off, int len) {
        for (int i = 0; i < after.length; i++) {
            if (i < off || i >= off + len) assertEquals(before[i], after[i], 0f, "outside C at " + i);
        }
    }

    static float[] randomFloats(Random rng, int n) {
        float[] x = new float[n];
        for (int i = 0; i < n; i++) x[i] = (float) (rng.nextDouble() * 2 - 1);
        return x;
    }

    static double[] randomDoubles(Random rng, int n) {
        double[] x = new double[n];
        for (int i = 0; i < n; i++) x[i] = rng.nextDouble() * 2 - 1;
        return x;
    }
}
