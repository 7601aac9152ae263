package jgrad.tensor.kernel;

import static jgrad.tensor.kernel.VecMath.EXP_MAX;
import static jgrad.tensor.kernel.VecMath.EXP_MIN;
import static jgrad.tensor.kernel.VecMath.LN2_HI;
import static jgrad.tensor.kernel.VecMath.LN2_LO;
import static jgrad.tensor.kernel.VecMath.LOG2E;
import static jgrad.tensor.kernel.VecMath.P0;
import static jgrad.tensor.kernel.VecMath.P1;
import static jgrad.tensor.kernel.VecMath.P2;
import static jgrad.tensor.kernel.VecMath.P3;
import static jgrad.tensor.kernel.VecMath.P4;
import static jgrad.tensor.kernel.VecMath.ROUND;
import static jgrad.tensor.kernel.VecMath.ROUND_BITS;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.Random;
import org.junit.jupiter.api.Test;

class VecMathTest {
    /**
     * The vector exp, written out in scalar Java. Scalar float arithmetic and {@link Math#fma} are
     * exactly rounded in the interpreter and in compiled code alike, so bit-equality with this
     * proves the vector loop uses only exact operations: its bits cannot change with JIT state.
     */
    private static float scalarExp(float x) {
        float t = Math.fma(x, LOG2E, ROUND);
        float nf = t - ROUND;
        float r = Math.fma(nf, -LN2_HI, x);
        r = Math.fma(nf, -LN2_LO, r);
        float p = Math.fma(Math.fma(Math.fma(Math.fma(Math.fma(r, P4, P3), r, P2), r, P1), r, P0), r * r, r);
        int n = Float.floatToRawIntBits(t) - ROUND_BITS, n1 = n >> 1, n2 = n - n1;
        float y = (p + 1f) * Float.intBitsToFloat((n1 + 127) << 23) * Float.intBitsToFloat((n2 + 127) << 23);
        if (x > EXP_MAX) y = Float.POSITIVE_INFINITY;
        if (x < EXP_MIN) y = 0f;
        return y;
    }

    @Test
    void vectorExpEqualsItsScalarDefinitionBitForBit() {
        Random rng = new Random(12);
        float[] x = new float[10_007];
        for (int i = 0; i < x.length; i++) x[i] = (float) (rng.nextDouble() * 220 - 110);
        x[0] = Float.NaN;
        x[1] = Float.POSITIVE_INFINITY;
        x[2] = Float.NEGATIVE_INFINITY;
        x[3] = -0f;
        x[4] = 88.72283f;
        x[5] = -87.5f; // subnormal result
        float[] y = new float[x.length];
        VecMath.exp(x, 0, y, 0, x.length);
        for (int i = 0; i < x.length; i++) {
            assertThat(Float.floatToRawIntBits(y[i])).as("exp(%s)", x[i]).isEqualTo(Float.floatToRawIntBits(scalarExp(x[i])));
        }
        assertThat(y[5]).isPositive().isLessThan(Float.MIN_NORMAL);
    }
}
