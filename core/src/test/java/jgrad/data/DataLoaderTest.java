package jgrad.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.TreeSet;
import jgrad.tensor.DType;
import jgrad.tensor.Tensor;
import org.junit.jupiter.api.Test;

class DataLoaderTest {
    /** 10 examples of shape [2]: example i has features (i, 10 i) and label i % 3. */
    private static ArrayDataset tenExamples() {
        double[][] x = new double[10][];
        int[] y = new int[10];
        for (int i = 0; i < 10; i++) {
            x[i] = new double[] {i, 10 * i};
            y[i] = i % 3;
        }
        return ArrayDataset.labeled(x, y);
    }

    private static List<Integer> firstColumn(Iterable<Batch> batches) {
        List<Integer> ids = new ArrayList<>();
        for (Batch b : batches) {
            float[] x = b.x().floatData();
            for (int i = 0; i < b.size(); i++) ids.add((int) x[2 * i]);
        }
        return ids;
    }

    @Test
    void inOrderKeepsOrderAndAShortLastBatch() {
        var loader = DataLoader.inOrder(tenExamples(), 4);
        assertThat(loader.batchesPerEpoch()).isEqualTo(3);
        List<Batch> batches = new ArrayList<>();
        loader.forEach(batches::add);
        assertThat(batches).extracting(Batch::size).containsExactly(4, 4, 2);
        Batch last = batches.get(2);
        assertThat(last.x().shape()).containsExactly(2, 2);
        assertThat(last.x().dtype()).isEqualTo(DType.FLOAT32);
        assertThat(last.x().floatData()).containsExactly(8f, 80f, 9f, 90f);
        assertThat(last.labels()).containsExactly(2, 0);
        assertThat(last.y()).isNull();
        assertThat(firstColumn(loader)).containsExactly(0, 1, 2, 3, 4, 5, 6, 7, 8, 9);
    }

    @Test
    void reusingBuffersGivesTheSameBatchesInTheSameTensors() {
        double[][] x = new double[10][];
        double[][] t = new double[10][];
        for (int i = 0; i < 10; i++) {
            x[i] = new double[] {i, -i};
            t[i] = new double[] {0.5 * i};
        }
        for (Dataset data : List.<Dataset>of(tenExamples(), ArrayDataset.withTargets(x, t))) {
            var fresh = DataLoader.shuffled(data, 4, 9);
            var reused = fresh.reusingBuffers();
            assertThat(reused.batchesPerEpoch()).isEqualTo(3);
            for (int epoch = 0; epoch < 2; epoch++) {
                List<Batch> expected = new ArrayList<>();
                fresh.epoch(epoch).forEach(expected::add);
                List<jgrad.tensor.Tensor> seen = new ArrayList<>();
                int k = 0;
                for (Batch b : reused.epoch(epoch)) {
                    Batch e = expected.get(k++);
                    // compared while the batch is valid: the next one overwrites it
                    assertThat(b.x().shape()).containsExactly(e.x().shape());
                    assertThat(b.x().floatData()).containsExactly(e.x().floatData());
                    assertThat(b.labels()).isEqualTo(e.labels());
                    if (e.y() != null) assertThat(b.y().floatData()).containsExactly(e.y().floatData());
                    seen.add(b.x());
                }
                assertThat(k).isEqualTo(3);
                assertThat(seen.get(1)).isSameAs(seen.get(0)); // two full batches share their tensor
                assertThat(seen.get(2)).isNotSameAs(seen.get(1)); // the short last batch has its own
            }
        }
        assertThat(DataLoader.inOrder(tenExamples(), 4).reusingBuffers().dropLast().batchesPerEpoch()).isEqualTo(2);
    }

    @Test
    void dropLastLeavesOutTheShortBatch() {
        var loader = DataLoader.inOrder(tenExamples(), 4).dropLast();
        assertThat(loader.batchesPerEpoch()).isEqualTo(2);
        assertThat(firstColumn(loader)).containsExactly(0, 1, 2, 3, 4, 5, 6, 7);
    }

    @Test
    void shuffledIsAPermutationThatDependsOnSeedAndEpochOnly() {
        var a = DataLoader.shuffled(tenExamples(), 3, 42);
        List<Integer> epoch0 = firstColumn(a);
        List<Integer> epoch1 = firstColumn(a);
        assertThat(new TreeSet<>(epoch0)).containsExactly(0, 1, 2, 3, 4, 5, 6, 7, 8, 9);
        assertThat(epoch0).hasSize(10).isNotEqualTo(List.of(0, 1, 2, 3, 4, 5, 6, 7, 8, 9));
        assertThat(epoch1).isNotEqualTo(epoch0);
        var b = DataLoader.shuffled(tenExamples(), 3, 42);
        assertThat(firstColumn(b.epoch(1))).isEqualTo(epoch1); // resume at epoch 1
        assertThat(firstColumn(b)).isEqualTo(firstColumn(DataLoader.shuffled(tenExamples(), 3, 42).epoch(2)));
        assertThat(firstColumn(DataLoader.shuffled(tenExamples(), 3, 43))).isNotEqualTo(epoch0);
    }

    @Test
    void theStaticOrderIsTheOrderTheShuffledLoaderVisits() {
        var loader = DataLoader.shuffled(tenExamples(), 3, 42);
        for (int epoch = 0; epoch < 3; epoch++) {
            assertThat(firstColumn(loader.epoch(epoch))).containsExactly(
                    java.util.Arrays.stream(DataLoader.order(10, 42, epoch)).boxed().toArray(Integer[]::new));
        }
        assertThat(DataLoader.order(0, 1, 0)).isEmpty();
        assertThatThrownBy(() -> DataLoader.order(5, 1, -1)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("DataLoader.order: size and epoch must be >= 0, got 5 and -1");
    }

    @Test
    void labelsFollowTheirFeaturesAndBatchesShareNothing() {
        var loader = DataLoader.shuffled(tenExamples(), 4, 7);
        List<Batch> batches = new ArrayList<>();
        loader.forEach(batches::add);
        for (Batch b : batches) {
            for (int i = 0; i < b.size(); i++) assertThat(b.labels()[i]).isEqualTo((int) b.x().floatData()[2 * i] % 3);
        }
        assertThat(batches.get(0).x().floatData()).isNotSameAs(batches.get(1).x().floatData());
        assertThat(batches.get(0).labels()).isNotSameAs(batches.get(1).labels());
    }

    @Test
    void regressionBatchesCarryTargets() {
        var curve = ToyData.sine(5, 0, new SplittableRandom(1));
        Batch b = DataLoader.inOrder(curve.toDataset(), 5).iterator().next();
        assertThat(b.labels()).isNull();
        assertThat(b.y().shape()).containsExactly(5, 1);
        assertThat(b.y().floatData()[4]).isEqualTo((float) Math.sin(Math.PI));
        assertThatThrownBy(() -> b.oneHot(2)).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void oneHotAndReshape() {
        Batch b = DataLoader.inOrder(tenExamples().reshape(1, 2), 3).iterator().next();
        assertThat(b.x().shape()).containsExactly(3, 1, 2);
        assertThat(b.oneHot(3).floatData()).containsExactly(1, 0, 0, 0, 1, 0, 0, 0, 1);
        assertThatThrownBy(() -> Tensor.oneHot(new int[] {3}, 3)).hasMessageContaining("label 3 at index 0");
        assertThatThrownBy(() -> tenExamples().reshape(3)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void subsetAndNormalization() {
        Dataset ds = tenExamples();
        Normalization norm = Normalization.fit(ds);
        assertThat(norm.mean()).containsExactly(4.5f, 45f);
        Dataset z = norm.apply(ds.subset(8, 10));
        assertThat(z.size()).isEqualTo(2);
        float[] f = new float[2];
        z.copyFeatures(1, f, 0);
        double std = Math.sqrt(8.25); // population std of 0..9
        assertThat(f[0]).isCloseTo((float) (4.5 / std), org.assertj.core.data.Offset.offset(1e-6f));
        assertThat(z.label(1)).isEqualTo(0);
        Dataset scaled = Normalization.of(1, 2).apply(ds);
        scaled.copyFeatures(3, f, 0);
        assertThat(f).containsExactly(1f, 14.5f);
        // a constant feature must keep std 1: E[x^2] - E[x]^2 gave a spurious std of 1.9e-5 here,
        // which then amplified rounding noise
        double[][] rows = new double[1000][];
        for (int i = 0; i < rows.length; i++) rows[i] = new double[] {123.456, i % 2};
        Normalization fitted = Normalization.fit(ArrayDataset.labeled(rows, new int[rows.length]));
        assertThat(fitted.std()).containsExactly(1f, 0.5f);
        assertThatThrownBy(() -> ds.subset(5, 11)).isInstanceOf(IndexOutOfBoundsException.class);
        assertThatThrownBy(() -> DataLoader.inOrder(ds, 0)).hasMessageContaining("batch size");
    }
}
