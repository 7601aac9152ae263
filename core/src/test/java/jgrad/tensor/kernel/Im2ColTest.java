package jgrad.tensor.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Random;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class Im2ColTest {
    @ParameterizedTest(name = "c={0} h={1} w={2} k={3}x{4} stride={5} pad={6}")
    @CsvSource({"1,5,5,3,3,1,0", "3,7,6,3,3,1,1", "2,8,8,5,5,1,2", "2,9,7,3,2,2,1", "4,6,6,2,2,2,0", "3,5,5,1,1,1,0",
        "2,4,4,3,3,3,2", "30,28,28,5,5,1,0"})
    void col2imIsTheAdjointOfIm2col(int c, int h, int w, int kh, int kw, int stride, int pad) {
        Random rng = new Random(c * 100 + h);
        int oh = Im2Col.outSize(h, kh, stride, pad), ow = Im2Col.outSize(w, kw, stride, pad);
        int colLen = c * kh * kw * oh * ow;
        double[] x = ElementwiseTest.doubles(rng, c * h * w, -1, 1), col = ElementwiseTest.doubles(rng, colLen, -1, 1);
        double[] ix = new double[colLen + 3];
        Im2Col.im2col(x, 0, c, h, w, kh, kw, stride, pad, ix, 3);
        double[] cx = new double[c * h * w + 1];
        Im2Col.col2im(col, 0, c, h, w, kh, kw, stride, pad, cx, 1);
        double left = 0, right = 0;
        for (int i = 0; i < x.length; i++) left += cx[i + 1] * x[i];
        for (int i = 0; i < colLen; i++) right += col[i] * ix[i + 3];
        assertEquals(left, right, 1e-10 * (1 + Math.abs(left)));

        float[] xf = new float[x.length], colf = new float[colLen];
        for (int i = 0; i < x.length; i++) xf[i] = (float) x[i];
        for (int i = 0; i < colLen; i++) colf[i] = (float) col[i];
        float[] ixf = new float[colLen];
        Im2Col.im2col(xf, 0, c, h, w, kh, kw, stride, pad, ixf, 0);
        float[] cxf = new float[x.length];
        Im2Col.col2im(colf, 0, c, h, w, kh, kw, stride, pad, cxf, 0);
        double lf = 0, rf = 0;
        for (int i = 0; i < x.length; i++) lf += (double) cxf[i] * xf[i];
        for (int i = 0; i < colLen; i++) rf += (double) colf[i] * ixf[i];
        assertEquals(lf, rf, 1e-4 * (1 + Math.abs(lf)));
    }

    @ParameterizedTest(name = "c={0} h={1} w={2} k={3}x{4} stride={5} pad={6}")
    @CsvSource({"1,5,5,3,3,1,0", "3,7,6,3,3,1,1", "2,9,7,3,2,2,1", "2,4,4,3,3,3,2"})
    void im2colThenGemmIsANaiveConvolution(int c, int h, int w, int kh, int kw, int stride, int pad) {
        Random rng = new Random(h * 10 + w);
        int f = 4, oh = Im2Col.outSize(h, kh, stride, pad), ow = Im2Col.outSize(w, kw, stride, pad);
        float[] x = ElementwiseTest.floats(rng, c * h * w, -1, 1), wt = ElementwiseTest.floats(rng, f * c * kh * kw, -1, 1);
        float[] col = new float[c * kh * kw * oh * ow], y = new float[f * oh * ow];
        Im2Col.im2col(x, 0, c, h, w, kh, kw, stride, pad, col, 0);
        Gemm.sgemm(false, false, f, oh * ow, c * kh * kw, wt, 0, col, 0, y, 0, false);
        for (int fo = 0; fo < f; fo++)
            for (int oy = 0; oy < oh; oy++)
                for (int ox = 0; ox < ow; ox++) {
                    double s = 0;
                    for (int ci = 0; ci < c; ci++)
                        for (int i = 0; i < kh; i++)
                            for (int j = 0; j < kw; j++) {
                                int yy = oy * stride + i - pad, xx = ox * stride + j - pad;
                                if (yy < 0 || yy >= h || xx < 0 || xx >= w) continue;
                                s += (double) wt[((fo * c + ci) * kh + i) * kw + j] * x[(ci * h + yy) * w + xx];
                            }
                    assertEquals(s, y[(fo * oh + oy) * ow + ox], 1e-5, "output " + fo + "," + oy + "," + ox);
                }
    }
}
