package jgrad.spark;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.lang.reflect.Field;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import jgrad.io.SafeTensors;
import jgrad.tensor.Tensor;
import org.junit.jupiter.api.Test;

class TreeSumTest {
    private static byte[] piece(int partition) {
        var r = new Random(partition);
        float[] g = new float[50];
        for (int i = 0; i < g.length; i++) g[i] = (float) (r.nextGaussian() * Math.pow(10, r.nextInt(8) - 4));
        return SafeTensors.toBytes(Map.of("g", Tensor.of(g, 5, 10), "s", Tensor.of(new double[] {partition, 1}, 2)));
    }

    private static int[] sizes(TreeSum s) throws ReflectiveOperationException {
        Field f = TreeSum.class.getDeclaredField("sizes");
        f.setAccessible(true);
        return (int[]) f.get(s);
    }

    @Test
    void theTreeIsTheOneTreeAggregateBuilds() throws ReflectiveOperationException {
        // RDD.treeAggregate(depth 2): scale = ceil(sqrt(n)); a level only when it saves work
        assertThat(sizes(TreeSum.empty(1, 2))).containsExactly(1);
        assertThat(sizes(TreeSum.empty(4, 2))).containsExactly(4, 1);
        assertThat(sizes(TreeSum.empty(9, 2))).containsExactly(9, 3, 1);
        assertThat(sizes(TreeSum.empty(100, 2))).containsExactly(100, 10, 1);
        assertThat(sizes(TreeSum.empty(64, 3))).containsExactly(64, 16, 4, 1);
    }

    /** Leaves merged in any order and any grouping give the same bits. */
    @Test
    void theTotalDoesNotDependOnTheOrderOfArrival() {
        for (int partitions : new int[] {1, 2, 4, 9, 17}) {
            byte[] expected = null;
            var rng = new Random(partitions);
            for (int trial = 0; trial < 30; trial++) {
                List<TreeSum> parts = new ArrayList<>();
                for (int p = 0; p < partitions; p++) parts.add(TreeSum.empty(partitions, 2).withLeaf(p, piece(p)));
                Collections.shuffle(parts, rng);
                while (parts.size() > 1) { // merge random pairs, as reducers and the driver might
                    TreeSum a = parts.remove(rng.nextInt(parts.size()));
                    TreeSum b = parts.remove(rng.nextInt(parts.size()));
                    parts.add(rng.nextBoolean() ? TreeSum.combine(a, b) : TreeSum.combine(b, a));
                }
                TreeSum all = TreeSum.combine(TreeSum.empty(partitions, 2), parts.getFirst());
                assertThat(all.complete()).isTrue();
                byte[] total = SafeTensors.toBytes(all.total());
                if (expected == null) expected = total;
                assertThat(total).as("partitions %d trial %d", partitions, trial).isEqualTo(expected);
            }
            assertThat(TreeSum.empty(partitions, 2).complete()).isFalse();
        }
    }

    @Test
    void theTotalIsTheSumOfTheLeaves() {
        TreeSum s = TreeSum.empty(3, 2);
        for (int p : new int[] {2, 0, 1}) s = TreeSum.combine(s, TreeSum.empty(3, 2).withLeaf(p, piece(p)));
        var total = s.total();
        assertThat(total.get("s").doubleData()).containsExactly(0 + 1 + 2, 3);
        float[] expected = new float[50];
        for (int p = 0; p < 3; p++) {
            float[] g = new float[50];
            try {
                g = SafeTensors.read(piece(p)).tensors().get("g").floatData();
            } catch (java.io.IOException e) {
                throw new AssertionError(e);
            }
            for (int i = 0; i < 50; i++) expected[i] += g[i]; // the fixed order: 0, 1, 2
        }
        assertThat(total.get("g").floatData()).containsExactly(expected);
        // an empty piece (a partition with no example in the batch) counts as zero
        var withEmpty = TreeSum.empty(2, 2).withLeaf(0, piece(0)).withLeaf(1, SafeTensors.toBytes(Map.of()));
        assertThat(SafeTensors.toBytes(withEmpty.total())).isEqualTo(SafeTensors.toBytes(TreeSum.empty(1, 2).withLeaf(0, piece(0)).total()));
    }

    @Test
    void duplicatesAndMissingLeavesAreErrors() {
        var a = TreeSum.empty(3, 2).withLeaf(1, piece(1));
        assertThatThrownBy(() -> a.withLeaf(1, piece(1))).isInstanceOf(IllegalStateException.class).hasMessageContaining("arrived twice");
        assertThatThrownBy(() -> TreeSum.combine(a, TreeSum.empty(3, 2).withLeaf(1, piece(1))))
                .isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(a::total).isInstanceOf(IllegalStateException.class).hasMessageContaining("not all partitions arrived");
        assertThatThrownBy(() -> a.withLeaf(3, piece(3))).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> TreeSum.combine(a, TreeSum.empty(4, 2))).isInstanceOf(IllegalArgumentException.class);
    }
}
