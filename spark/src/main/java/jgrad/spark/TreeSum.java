package jgrad.spark;

import java.io.IOException;
import java.io.Serializable;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SequencedMap;
import java.util.TreeMap;
import jgrad.io.SafeTensors;
import jgrad.tensor.DType;
import jgrad.tensor.Tensor;

/**
 * A sum over partitions whose rounding does not depend on the order Spark merges the pieces in.
 *
 * <p>{@code treeAggregate} merges partial results as tasks finish, and float addition is not
 * associative, so a plain running sum would differ from run to run in its last bits. This value
 * instead keeps its pieces (safetensors bytes) under their position in a fixed tree and adds
 * them only when a whole group is present, always in index order. The tree mirrors the one
 * {@code treeAggregate(depth)} builds (level sizes {@code n / scale}, index {@code i} of one
 * level joining group {@code i % n} of the next), so intermediate reducers collapse their groups
 * and only the top level reaches the driver; were Spark to group differently, the groups would
 * complete later, on the driver, with the same result. The total is therefore a function of the
 * leaves alone: the same bits whichever executor finishes first or how often a task is retried.
 *
 * <p>Pieces are added by name: float32 tensors in float, float64 in double; a name missing from
 * a piece counts as zero (a partition with no example in the batch sends an empty piece).
 */
final class TreeSum implements Serializable {
    private static final long serialVersionUID = 1L;
    /** Sizes of the levels: {@code sizes[0]} leaves (the partitions), ..., a last level of 1. */
    private final int[] sizes;
    /** Pieces by {@code level << 32 | index}. */
    private final TreeMap<Long, byte[]> pieces;

    private TreeSum(int[] sizes, TreeMap<Long, byte[]> pieces) {
        this.sizes = sizes;
        this.pieces = pieces;
    }

    /** An empty sum over {@code partitions} leaves, shaped like {@code treeAggregate(depth)}'s tree. */
    static TreeSum empty(int partitions, int depth) {
        if (partitions < 1 || depth < 1) {
            throw new IllegalArgumentException("TreeSum: need partitions >= 1 and depth >= 1, got " + partitions + " and " + depth);
        }
        List<Integer> sizes = new ArrayList<>(List.of(partitions));
        // as RDD.treeAggregate: scale = max(ceil(n^(1/depth)), 2); shrink while it saves a level
        int scale = Math.max((int) Math.ceil(Math.pow(partitions, 1.0 / depth)), 2);
        int n = partitions;
        while (n > scale + (int) Math.ceil((double) n / scale)) {
            n /= scale;
            sizes.add(n);
        }
        if (sizes.getLast() != 1) sizes.add(1);
        return new TreeSum(sizes.stream().mapToInt(Integer::intValue).toArray(), new TreeMap<>());
    }

    /** This sum with the piece of leaf {@code partition} added. */
    TreeSum withLeaf(int partition, byte[] piece) {
        if (partition < 0 || partition >= sizes[0]) {
            throw new IllegalArgumentException("TreeSum: partition " + partition + " of " + sizes[0]);
        }
        var merged = new TreeMap<>(pieces);
        if (merged.put(key(0, partition), piece) != null) {
            throw new IllegalStateException("TreeSum: partition " + partition + " arrived twice");
        }
        return new TreeSum(sizes, collapse(merged));
    }

    /** The union of two sums over the same tree (Spark's combine function). */
    static TreeSum combine(TreeSum a, TreeSum b) {
        if (!Arrays.equals(a.sizes, b.sizes)) {
            throw new IllegalArgumentException("TreeSum: trees of different shapes " + Arrays.toString(a.sizes)
                    + " and " + Arrays.toString(b.sizes));
        }
        if (a.pieces.isEmpty()) return b;
        if (b.pieces.isEmpty()) return a;
        var merged = new TreeMap<>(a.pieces);
        for (var e : b.pieces.entrySet()) {
            if (merged.put(e.getKey(), e.getValue()) != null) {
                throw new IllegalStateException("TreeSum: piece " + (e.getKey() >>> 32) + "/" + (int) (long) e.getKey() + " arrived twice");
            }
        }
        return new TreeSum(a.sizes, a.collapse(merged));
    }

    /** True when every leaf has been added. */
    boolean complete() {
        return pieces.containsKey(key(sizes.length - 1, 0));
    }

    /**
     * The total of all leaves.
     *
     * @throws IllegalStateException if some leaf is missing
     */
    SequencedMap<String, Tensor> total() {
        if (!complete()) throw new IllegalStateException("TreeSum: " + pieces.size() + " pieces, not all partitions arrived");
        return read(pieces.get(key(sizes.length - 1, 0)));
    }

    private TreeMap<Long, byte[]> collapse(TreeMap<Long, byte[]> p) {
        for (int level = 1; level < sizes.length; level++) {
            int below = sizes[level - 1];
            int groups = sizes[level];
            for (int g = 0; g < groups; g++) {
                if (p.containsKey(key(level, g))) continue;
                boolean all = true;
                for (int i = g; i < below && all; i += groups) all = p.containsKey(key(level - 1, i));
                if (!all) continue;
                SequencedMap<String, Tensor> sum = null;
                for (int i = g; i < below; i += groups) {
                    SequencedMap<String, Tensor> piece = read(p.remove(key(level - 1, i)));
                    sum = sum == null ? piece : add(sum, piece);
                }
                p.put(key(level, g), SafeTensors.toBytes(sum));
            }
        }
        return p;
    }

    /** {@code a + b} by name, in place in {@code a}'s tensors; names only in {@code b} are copied. */
    private static SequencedMap<String, Tensor> add(SequencedMap<String, Tensor> a, SequencedMap<String, Tensor> b) {
        var out = new LinkedHashMap<>(a);
        for (Map.Entry<String, Tensor> e : b.entrySet()) {
            Tensor x = out.get(e.getKey());
            Tensor y = e.getValue();
            if (x == null) {
                out.put(e.getKey(), y);
            } else if (x.dtype() != y.dtype() || x.numel() != y.numel()) {
                throw new IllegalStateException("TreeSum: pieces disagree on '" + e.getKey() + "': " + x.dtype() + " "
                        + Arrays.toString(x.shape()) + " and " + y.dtype() + " " + Arrays.toString(y.shape()));
            } else if (x.dtype() == DType.FLOAT32) {
                float[] xs = x.floatData();
                float[] ys = y.floatData();
                for (int i = 0; i < xs.length; i++) xs[i] += ys[i];
            } else {
                double[] xs = x.doubleData();
                double[] ys = y.doubleData();
                for (int i = 0; i < xs.length; i++) xs[i] += ys[i];
            }
        }
        return out;
    }

    private static SequencedMap<String, Tensor> read(byte[] piece) {
        try {
            return new LinkedHashMap<>(SafeTensors.read(piece).tensors());
        } catch (IOException e) {
            throw new UncheckedIOException("TreeSum: a partial sum is not valid safetensors", e);
        }
    }

    private static long key(int level, int index) {
        return ((long) level << 32) | index;
    }
}
