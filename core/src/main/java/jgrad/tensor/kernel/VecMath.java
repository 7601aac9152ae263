package jgrad.tensor.kernel;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.IntVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * Float32 exp, log, tanh and sigmoid on whole vectors, built only from IEEE-exact vector
 * operations (add, mul, fma, div, compares, bit moves).
 *
 * <p>Why not {@code lanewise(VectorOperators.EXP)}: on this JDK it returns different bits when
 * C2 has compiled the loop (Intel SVML) than before (a per-lane {@code Math.exp} fallback), so a
 * result would depend on JIT warm-up and on which thread ran a chunk (measured: 669 of 65,536
 * float exps differed). These functions give the same bits in the interpreter and in compiled
 * code. Accuracy: exp about 1 ulp, log about 1 ulp, tanh and sigmoid about 2 ulp.
 */
final class VecMath {
    private VecMath() {}

    static final VectorSpecies<Float> FS = FloatVector.SPECIES_PREFERRED;
    private static final VectorSpecies<Integer> IS = IntVector.SPECIES_PREFERRED;
    private static final FloatVector ONE = FloatVector.broadcast(FS, 1f);

    private static final float LOG2E = 1.44269504088896341f;
    private static final float LN2_HI = 0.693359375f;       // 355/512: n * LN2_HI is exact
    private static final float LN2_LO = -2.12194440e-4f;    // ln 2 - LN2_HI
    private static final float ROUND = 12582912f;           // 1.5 * 2^23: adding it rounds to an integer
    private static final float EXP_MAX = 89f;               // exp(89) overflows to +Infinity
    private static final float EXP_MIN = -104f;             // exp(-104) rounds to 0

    /** {@code e^r - 1} by its Taylor series to degree 7, for {@code |r| <= ln2/2} (relative error about 1e-8). */
    private static FloatVector expm1Reduced(FloatVector r) {
        FloatVector p = r.fma(1f / 5040, 1f / 720);
        p = p.fma(r, c(1f / 120));
        p = p.fma(r, c(1f / 24));
        p = p.fma(r, c(1f / 6));
        p = p.fma(r, c(0.5f));
        p = p.fma(r, c(1f));
        return p.mul(r);
    }

    /** {@code e^x}; +Infinity above 88.72, 0 below -103.97 (with subnormal results in between), NaN stays NaN. */
    static FloatVector exp(FloatVector x) {
        x = x.lanewise(VectorOperators.MAX, EXP_MIN).lanewise(VectorOperators.MIN, EXP_MAX);
        FloatVector t = x.fma(c(LOG2E), c(ROUND));
        FloatVector n = t.sub(ROUND);                      // round(x / ln 2), exactly an integer
        FloatVector r = n.fma(c(-LN2_HI), x);
        r = n.fma(c(-LN2_LO), r);
        FloatVector p = expm1Reduced(r).add(1f);
        // scale by 2^n in two halves so that subnormal results and n = 128 come out right
        IntVector ni = (IntVector) n.convertShape(VectorOperators.F2I, IS, 0);
        IntVector n1 = ni.lanewise(VectorOperators.ASHR, 1);
        IntVector n2 = ni.sub(n1);
        FloatVector s1 = n1.add(127).lanewise(VectorOperators.LSHL, 23).reinterpretAsFloats();
        FloatVector s2 = n2.add(127).lanewise(VectorOperators.LSHL, 23).reinterpretAsFloats();
        return p.mul(s1).mul(s2);
    }

    /** {@code tanh(x) = sign(x) (e^{2|x|} - 1) / (e^{2|x|} + 1)}, with e^y - 1 computed without cancellation. */
    static FloatVector tanh(FloatVector x) {
        FloatVector y = x.lanewise(VectorOperators.ABS).lanewise(VectorOperators.MIN, 10f).mul(2f); // tanh(10) rounds to 1
        FloatVector t = y.fma(c(LOG2E), c(ROUND));
        FloatVector n = t.sub(ROUND);
        FloatVector r = n.fma(c(-LN2_HI), y);
        r = n.fma(c(-LN2_LO), r);
        FloatVector q = expm1Reduced(r);
        IntVector ni = (IntVector) n.convertShape(VectorOperators.F2I, IS, 0);
        FloatVector scale = ni.add(127).lanewise(VectorOperators.LSHL, 23).reinterpretAsFloats(); // 2^n, n <= 29
        FloatVector em1 = q.fma(scale, scale.sub(1f));     // e^y - 1 = 2^n q + (2^n - 1)
        FloatVector th = em1.div(em1.add(2f));
        // put the sign of x back (also keeps -0 as -0 and NaN as NaN)
        IntVector sign = x.reinterpretAsInts().and(0x80000000);
        return th.reinterpretAsInts().or(sign).reinterpretAsFloats();
    }

    /** {@code 1 / (1 + e^-x)}. */
    static FloatVector sigmoid(FloatVector x) {
        return ONE.div(exp(x.neg()).add(1f));
    }

    private static FloatVector c(float v) {
        return FloatVector.broadcast(FS, v);
    }

    private static final float SQRT_HALF = 0.70710678f;

    /** Natural log; log 0 = -Infinity, log of a negative number or NaN is NaN, log +Infinity = +Infinity. */
    static FloatVector log(FloatVector x) {
        VectorMask<Float> tiny = x.compare(VectorOperators.LT, Float.MIN_NORMAL);
        FloatVector xs = x.blend(x.mul(8388608f), tiny);   // subnormals: scale by 2^23 first
        IntVector bits = xs.reinterpretAsInts();
        IntVector e = bits.lanewise(VectorOperators.LSHR, 23).and(0xff).sub(127);
        e = e.blend(e.sub(23), tiny.cast(IS));
        FloatVector m = bits.and(0x007fffff).or(0x3f800000).reinterpretAsFloats(); // [1, 2)
        VectorMask<Float> big = m.compare(VectorOperators.GT, 2 * SQRT_HALF);
        m = m.blend(m.mul(0.5f), big);                      // [sqrt(1/2), sqrt(2))
        e = e.blend(e.add(1), big.cast(IS));
        FloatVector ef = (FloatVector) e.convertShape(VectorOperators.I2F, FS, 0);
        FloatVector f = m.sub(1f);
        FloatVector s = f.div(f.add(2f));
        FloatVector z = s.mul(s);
        FloatVector rr = z.fma(2f / 9, 2f / 7).fma(z, c(2f / 5)).fma(z, c(2f / 3)).mul(z);
        // log(1 + f) = f - s (f - R), with 2s = f - s f
        FloatVector logm = f.sub(s.mul(f.sub(rr)).sub(ef.mul(LN2_LO)));
        FloatVector out = ef.fma(c(LN2_HI), logm);
        out = out.blend(Float.NEGATIVE_INFINITY, x.compare(VectorOperators.EQ, 0f));
        out = out.blend(Float.POSITIVE_INFINITY, x.compare(VectorOperators.EQ, Float.POSITIVE_INFINITY));
        return out.blend(Float.NaN, x.compare(VectorOperators.LT, 0f).or(x.test(VectorOperators.IS_NAN)));
    }
}
