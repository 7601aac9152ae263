package jgrad.tensor.kernel;

import jdk.incubator.vector.ByteVector;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.IntVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorShape;
import jdk.incubator.vector.VectorSpecies;

/**
 * Bytes to floats through a table of 256 values, e.g. MNIST's pixels as {@code b / 255}, then
 * standardised as {@code (b / 255 − mean) / std}, each step one float32 operation.
 *
 * <p>A table of that form ({@link #scaled}, then {@link #standardised} once) is decoded with vector
 * operations instead of lookups: each division {@code x / d} as {@code q = x·(1/d)} corrected by one
 * fused multiply-add, {@code q + (x − d·q)·(1/d)}, the usual way to get the rounded quotient. That is
 * not exact for every {@code x}, so the factory checks it on all 256 inputs of each division
 * and keeps the table lookup when one differs: decoding gives the table's floats bit for bit either
 * way. {@link #decodeRows} first touches every cache line of the rows it is given, so that their
 * misses (rows picked at random out of 47 MB) overlap instead of coming one after another.
 */
public final class ByteTable {
    private static final VectorSpecies<Float> FS = FloatVector.SPECIES_PREFERRED;
    private static final int L = FS.length();
    /** L bytes, to widen into L floats; none below 8 lanes (64 bits is the smallest vector shape): then lookups. */
    private static final VectorSpecies<Byte> BS = L < 8 ? null : ByteVector.SPECIES_128.length() == L
            ? ByteVector.SPECIES_128 : VectorSpecies.of(byte.class, VectorShape.forBitSize(L * 8));
    private static final VectorSpecies<Integer> IS = VectorSpecies.of(int.class, FS.vectorShape());
    /** Rows touched, then decoded, per group: about 50 KB of MNIST images, well inside L2. */
    private static final int GROUP = 64;

    private final float[] values;
    /** When the table is {@code ((b / divisor) − mean) / std}: its parameters; else NaN. */
    private final float divisor;
    private final float mean;
    private final float std;
    /** Whether the vector loop gives the table's floats for every byte. */
    private final boolean vector;
    /** Sum of the bytes touched by {@link #decodeRows} (written so that the JIT keeps those loads). */
    private int touched;

    private ByteTable(float[] values, float divisor, float mean, float std) {
        this.values = values;
        this.divisor = divisor;
        this.mean = mean;
        this.std = std;
        this.vector = vectorShapes() && correctedQuotientsExact(values, divisor, mean, std);
    }

    /**
     * {@return the table {@code b / divisor} for {@code b = 0..255}, in float32}
     *
     * @param divisor e.g. 255 to scale pixels to {@code [0, 1]}
     */
    public static ByteTable scaled(float divisor) {
        if (!(Float.isFinite(divisor) && divisor != 0)) {
            throw new IllegalArgumentException("ByteTable.scaled: divisor must be finite and not 0, got " + divisor);
        }
        float[] v = new float[256];
        for (int b = 0; b < 256; b++) v[b] = b / divisor;
        return new ByteTable(v, divisor, 0, 1);
    }

    /**
     * {@return any table (copied); decoded by lookups}
     *
     * @param values the float of each byte value 0..255
     */
    public static ByteTable of(float[] values) {
        if (values.length != 256) throw new IllegalArgumentException("ByteTable.of: need 256 values, got " + values.length);
        return new ByteTable(values.clone(), Float.NaN, Float.NaN, Float.NaN);
    }

    /**
     * {@return this table's values standardised, {@code (v − mean) / std} for each value {@code v}}
     *
     * @param mean subtracted from every value
     * @param std every difference is divided by it
     */
    public ByteTable standardised(float mean, float std) {
        float[] v = new float[256];
        for (int b = 0; b < 256; b++) v[b] = (values[b] - mean) / std;
        boolean plain = this.mean == 0 && this.std == 1; // ((b / d) − 0) / 1 is b / d: one standardisation may be folded in
        return plain ? new ByteTable(v, divisor, mean, std) : new ByteTable(v, Float.NaN, Float.NaN, Float.NaN);
    }

    /**
     * {@return the float of byte value {@code b}}
     *
     * @param b a byte value, {@code 0 <= b < 256} (an unsigned byte: {@code x & 0xff})
     */
    public float value(int b) {
        return values[b];
    }

    /** {@return the 256 values (a copy)} */
    public float[] values() {
        return values.clone();
    }

    /** Whether this machine has byte and int vectors as long as its float vector (not with 4 float lanes). */
    static boolean vectorShapes() {
        return BS != null && BS.length() == L && IS.length() == L;
    }

    /** Whether the vector loop reproduces the table (tests check both paths). */
    boolean vectorised() {
        return vector;
    }

    /**
     * {@code dst[dstOff + i] = value(src[srcOff + i] & 0xFF)} for {@code i < n}.
     *
     * @param src bytes
     * @param srcOff first byte read
     * @param dst floats
     * @param dstOff first float written
     * @param n number of values
     */
    public void decode(byte[] src, int srcOff, float[] dst, int dstOff, int n) {
        java.util.Objects.checkFromIndexSize(srcOff, n, src.length);
        java.util.Objects.checkFromIndexSize(dstOff, n, dst.length);
        int i = 0;
        if (vector) {
            FloatVector r1 = FloatVector.broadcast(FS, 1 / divisor), d1 = FloatVector.broadcast(FS, -divisor);
            FloatVector m = FloatVector.broadcast(FS, mean);
            FloatVector r2 = FloatVector.broadcast(FS, 1 / std), d2 = FloatVector.broadcast(FS, -std);
            for (; i <= n - L; i += L) {
                FloatVector x = (FloatVector) ((IntVector) ByteVector.fromArray(BS, src, srcOff + i)
                        .convertShape(VectorOperators.B2I, IS, 0)).lanewise(VectorOperators.AND, 0xFF)
                        .convert(VectorOperators.I2F, 0);
                FloatVector q = x.mul(r1);
                q = d1.fma(q, x).fma(r1, q);  // q + (x − d·q)/d: the quotient x / d
                FloatVector y = q.sub(m);
                FloatVector z = y.mul(r2);
                d2.fma(z, y).fma(r2, z).intoArray(dst, dstOff + i);
            }
        }
        for (; i < n; i++) dst[dstOff + i] = values[src[srcOff + i] & 0xFF];
    }

    /**
     * Decodes rows of {@code width} bytes, row {@code rows[i]} of {@code src} for {@code i} in
     * {@code [from, to)}, one after another into {@code dst} from {@code dstOff}: the same floats as
     * {@link #decode} row by row, with each group of rows fetched from memory first.
     *
     * @param src rows of bytes, row {@code r} at {@code r * width}
     * @param rows the row numbers
     * @param from first entry of {@code rows} used
     * @param to one past the last entry used
     * @param width bytes per row
     * @param dst floats, {@code (to − from) * width} written
     * @param dstOff first float written
     */
    public void decodeRows(byte[] src, int[] rows, int from, int to, int width, float[] dst, int dstOff) {
        java.util.Objects.checkFromToIndex(from, to, rows.length);
        java.util.Objects.checkFromIndexSize(dstOff, (to - from) * width, dst.length);
        int sum = 0;
        for (int g = from; g < to; g += GROUP) {
            int end = Math.min(to, g + GROUP);
            for (int i = g; i < end; i++) { // one load per 64-byte line: independent misses the core overlaps
                int base = Math.multiplyExact(rows[i], width);
                java.util.Objects.checkFromIndexSize(base, width, src.length);
                for (int j = 0; j < width; j += 64) sum += src[base + j];
                if (width > 0) sum += src[base + width - 1];
            }
            for (int i = g; i < end; i++) decode(src, rows[i] * width, dst, dstOff + (i - from) * width, width);
        }
        touched = sum;
    }

    /** Whether the vector loop's two corrected quotients equal the table's divisions for every byte. */
    private static boolean correctedQuotientsExact(float[] values, float divisor, float mean, float std) {
        if (!Float.isFinite(divisor) || !Float.isFinite(mean) || !(std > 0) || !Float.isFinite(std)) return false;
        float r1 = 1 / divisor, r2 = 1 / std;
        for (int b = 0; b < 256; b++) {
            float q = b * r1;
            q = Math.fma(Math.fma(-divisor, q, b), r1, q);
            float y = q - mean, z = y * r2;
            z = Math.fma(Math.fma(-std, z, y), r2, z);
            if (Float.floatToRawIntBits(z) != Float.floatToRawIntBits(values[b])) return false;
        }
        return true;
    }
}
