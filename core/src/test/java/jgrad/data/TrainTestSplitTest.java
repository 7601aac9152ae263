package jgrad.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;
import jgrad.tensor.Tensor;
import jgrad.tensor.kernel.ByteTable;
import org.junit.jupiter.api.Test;

class TrainTestSplitTest {
    /** Example i has the single feature i and label i % 3. */
    private static Dataset numbered(int n) {
        float[] x = new float[n];
        int[] labels = new int[n];
        for (int i = 0; i < n; i++) {
            x[i] = i;
            labels[i] = i % 3;
        }
        return ArrayDataset.labeled(x, new int[] {1}, labels, List.of("a", "b", "c"));
    }

    private static int[] ids(Dataset d) {
        int[] out = new int[d.size()];
        float[] one = new float[1];
        for (int i = 0; i < out.length; i++) {
            d.copyFeatures(i, one, 0);
            out[i] = (int) one[0];
            assertThat(d.label(i)).isEqualTo(out[i] % 3);
        }
        return out;
    }

    @Test
    void permutationIsSeededFisherYates() {
        int[] p = Shuffle.permutation(10, new SplittableRandom(3));
        assertThat(p).containsExactlyInAnyOrder(0, 1, 2, 3, 4, 5, 6, 7, 8, 9).isNotEqualTo(new int[] {0, 1, 2, 3, 4, 5, 6, 7, 8, 9});
        assertThat(Shuffle.permutation(10, new SplittableRandom(3))).containsExactly(p);
        // the algorithm spelled out: swap position i with rng.nextInt(i + 1), from the end
        var rng = new SplittableRandom(3);
        int[] q = {0, 1, 2, 3, 4, 5, 6, 7, 8, 9};
        for (int i = 9; i > 0; i--) {
            int j = rng.nextInt(i + 1);
            int t = q[i];
            q[i] = q[j];
            q[j] = t;
        }
        assertThat(p).containsExactly(q);
        assertThat(Shuffle.permutation(0, rng)).isEmpty();
        assertThatThrownBy(() -> Shuffle.permutation(-1, rng)).hasMessageContaining("n must be >= 0, got -1");
    }

    @Test
    void splitsIntoDisjointSeededViews() {
        Dataset data = numbered(20);
        var split = TrainTestSplit.of(data, 5, new SplittableRandom(8));
        int[] test = ids(split.test());
        int[] train = ids(split.train());
        assertThat(test).hasSize(5);
        assertThat(train).hasSize(15);
        Set<Integer> all = new HashSet<>();
        for (int i : test) all.add(i);
        for (int i : train) all.add(i);
        assertThat(all).hasSize(20);
        int[] p = Shuffle.permutation(20, new SplittableRandom(8));
        assertThat(test).containsExactly(java.util.Arrays.copyOfRange(p, 0, 5));
        assertThat(ids(TrainTestSplit.of(data, 5, new SplittableRandom(8)).train())).containsExactly(train);
        assertThat(split.train().classes()).isEqualTo(3);
        assertThat(TrainTestSplit.ofFraction(data, 0.2, new SplittableRandom(8)).test().size()).isEqualTo(4);
    }

    @Test
    void aSplitOfByteCodedImagesStaysByteCodedAndStandardisesAlike() {
        Dataset images = new Views.ByteCoded() { // 6 "images" of 4 pixels, pixel value (b * 11) % 256 / 255
            @Override public int size() { return 6; }
            @Override public int[] featureShape() { return new int[] {4}; }
            @Override public int classes() { return 2; }
            @Override public int label(int index) { return index % 2; }
            @Override public ByteTable byteTable() { return ByteTable.scaled(255); }
            @Override public void copyFeatures(int index, ByteTable table, float[] dest, int offset) {
                for (int i = 0; i < 4; i++) dest[offset + i] = table.value(((index * 4 + i) * 11) & 0xFF);
            }
            @Override public void copyFeatures(int[] indices, int from, int to, ByteTable table, float[] dest, int offset) {
                for (int i = from; i < to; i++) copyFeatures(indices[i], table, dest, offset + (i - from) * 4);
            }
        };
        var split = TrainTestSplit.of(images, 2, new SplittableRandom(1));
        assertThat(split.train()).isInstanceOf(Views.ByteCoded.class);
        Normalization norm = Normalization.of(0.5, 0.25);
        Tensor viaTable = DataLoader.inOrder(norm.apply(split.train()), 4).iterator().next().x();
        Tensor plain = norm.apply(DataLoader.inOrder(split.train(), 4).iterator().next().x());
        assertThat(viaTable.floatData()).containsExactly(plain.floatData());
    }

    @Test
    void badSizesNameTheProblem() {
        Dataset data = numbered(10);
        assertThatThrownBy(() -> TrainTestSplit.of(data, 10, new SplittableRandom(1)))
                .hasMessage("TrainTestSplit: the test part must hold 1..9 of the 10 examples, got 10");
        assertThatThrownBy(() -> TrainTestSplit.ofFraction(data, 0.01, new SplittableRandom(1)))
                .hasMessageContaining("a test fraction of 0.01 of 10 examples leaves no example on one side");
        assertThatThrownBy(() -> TrainTestSplit.ofFraction(data, 1.5, new SplittableRandom(1))).isInstanceOf(IllegalArgumentException.class);
    }
}
