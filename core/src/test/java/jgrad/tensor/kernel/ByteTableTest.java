package jgrad.tensor.kernel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Random;
import jdk.incubator.vector.FloatVector;
import org.junit.jupiter.api.Test;

class ByteTableTest {
    /** Every byte value, three times over at shifted offsets, so vector bodies and scalar tails both meet each. */
    private static byte[] allBytes() {
        byte[] b = new byte[3 * 256 + 7];
        for (int i = 0; i < b.length; i++) b[i] = (byte) (i * 7 + i / 256);
        return b;
    }

    /** Decodes all of {@code src} (long enough for C2 to compile the loop) and compares with the scalar divisions. */
    private static void assertDecodesLikeDivisions(ByteTable table, float divisor, float mean, float std) {
        byte[] src = allBytes();
        float[] out = new float[src.length + 3];
        for (int rep = 0; rep < 2_000; rep++) table.decode(src, 0, out, 3, src.length);
        for (int i = 0; i < src.length; i++) {
            int b = src[i] & 0xFF;
            float expected = (b / divisor - mean) / std; // the float operations Normalization has always used
            assertThat(Float.floatToRawIntBits(out[3 + i])).as("byte %d", b).isEqualTo(Float.floatToRawIntBits(expected));
            assertThat(table.value(b)).isEqualTo(expected);
        }
    }

    @Test
    void mnistStandardisationIsDecodedWithVectorsAndGivesTheTableBitForBit() {
        // NOTE: with 4 float lanes (NEON, SSE; -XX:MaxVectorSize=16 here) there is no 4-byte vector: lookups.
        assertThat(ByteTable.vectorShapes()).isEqualTo(FloatVector.SPECIES_PREFERRED.length() >= 8);
        ByteTable table = ByteTable.scaled(255).standardised(0.1307f, 0.3081f);
        assertThat(table.vectorised()).isEqualTo(ByteTable.vectorShapes());
        assertDecodesLikeDivisions(table, 255, 0.1307f, 0.3081f);
        assertDecodesLikeDivisions(ByteTable.scaled(255), 255, 0, 1);
    }

    @Test
    void anyStandardisationGivesTheTableWhetherOrNotTheVectorPathHolds() {
        Random rng = new Random(3);
        int vectorised = 0;
        for (int t = 0; t < 40; t++) {
            float divisor = t % 2 == 0 ? 255 : 1 + rng.nextInt(300), mean = (float) rng.nextGaussian(), std = 0.01f + rng.nextFloat() * 3;
            ByteTable table = ByteTable.scaled(divisor).standardised(mean, std);
            if (table.vectorised()) vectorised++;
            assertDecodesLikeDivisions(table, divisor, mean, std);
        }
        if (ByteTable.vectorShapes()) assertThat(vectorised).as("standardisations decoded with vectors").isGreaterThan(0);
    }

    @Test
    void aSecondStandardisationOrAnyTableIsLookedUp() {
        ByteTable twice = ByteTable.scaled(255).standardised(0.5f, 2f).standardised(0.1f, 3f);
        assertThat(twice.vectorised()).isFalse();
        byte[] src = allBytes();
        float[] out = new float[src.length];
        twice.decode(src, 0, out, 0, src.length);
        for (int i = 0; i < src.length; i++) assertThat(out[i]).isEqualTo((((src[i] & 0xFF) / 255f - 0.5f) / 2f - 0.1f) / 3f);
        float[] values = new float[256];
        for (int b = 0; b < 256; b++) values[b] = 255 - b;
        ByteTable any = ByteTable.of(values);
        any.decode(src, 0, out, 0, src.length);
        for (int i = 0; i < src.length; i++) assertThat(out[i]).isEqualTo(255 - (src[i] & 0xFF));
    }

    @Test
    void decodeRowsGivesTheRowsInTheGivenOrder() {
        ByteTable table = ByteTable.scaled(255).standardised(0.1307f, 0.3081f);
        int width = 784, count = 150;
        byte[] src = new byte[count * width];
        new Random(5).nextBytes(src);
        int[] rows = new int[200];
        for (int i = 0; i < rows.length; i++) rows[i] = (i * 37) % count;
        float[] batch = new float[130 * width + 1];
        table.decodeRows(src, rows, 10, 140, width, batch, 1);
        float[] one = new float[width];
        for (int i = 10; i < 140; i++) {
            table.decode(src, rows[i] * width, one, 0, width);
            for (int j = 0; j < width; j++) assertThat(batch[1 + (i - 10) * width + j]).isEqualTo(one[j]);
        }
        assertThatThrownBy(() -> table.decodeRows(src, new int[] {count}, 0, 1, width, batch, 0))
                .isInstanceOf(IndexOutOfBoundsException.class);
    }
}
