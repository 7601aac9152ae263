package jgrad.data;

import java.util.Objects;
import jgrad.tensor.kernel.ByteTable;

/** Datasets that present another dataset differently, without copying it. */
final class Views {
    private Views() {}

    /**
     * A dataset whose feature values are stored as unsigned bytes, each standing for one of 256
     * floats (MNIST's pixels): a view that maps every value the same way (e.g. standardisation)
     * can map the 256 floats once and copy through its own table in one pass.
     */
    interface ByteCoded extends Dataset {
        /** The float each byte value 0..255 stands for, as {@code copyFeatures} writes it. */
        ByteTable byteTable();

        /** Copies the features of example {@code index}, writing {@code table.value(b)} for each stored byte {@code b}. */
        void copyFeatures(int index, ByteTable table, float[] dest, int offset);

        /** {@link #copyFeatures(int, ByteTable, float[], int)} for examples {@code indices[from..to)}, one after another. */
        void copyFeatures(int[] indices, int from, int to, ByteTable table, float[] dest, int offset);

        @Override
        default void copyFeatures(int index, float[] dest, int offset) {
            copyFeatures(index, byteTable(), dest, offset);
        }

        @Override
        default void copyFeatures(int[] indices, int from, int to, float[] dest, int offset) {
            copyFeatures(indices, from, to, byteTable(), dest, offset);
        }
    }

    /** Forwards everything to a base dataset; subclasses change one aspect. */
    abstract static class Forwarding implements Dataset {
        final Dataset base;

        Forwarding(Dataset base) {
            this.base = Objects.requireNonNull(base, "base");
        }

        /** The base dataset's index of this view's example {@code index}. */
        int baseIndex(int index) {
            Objects.checkIndex(index, size());
            return index;
        }

        /** The base dataset's indices of {@code indices[from..to)}, for views that pass a batch on. */
        int[] baseIndices(int[] indices, int from, int to) {
            Objects.checkFromToIndex(from, to, indices.length);
            int[] out = new int[to - from];
            for (int i = from; i < to; i++) out[i - from] = baseIndex(indices[i]);
            return out;
        }

        @Override public int size() { return base.size(); }
        @Override public int[] featureShape() { return base.featureShape(); }
        @Override public int classes() { return base.classes(); }
        @Override public int[] targetShape() { return base.targetShape(); }

        @Override
        public void copyFeatures(int index, float[] dest, int offset) {
            base.copyFeatures(baseIndex(index), dest, offset);
        }

        @Override
        public int label(int index) {
            return base.label(baseIndex(index));
        }

        @Override
        public void copyTarget(int index, float[] dest, int offset) {
            base.copyTarget(baseIndex(index), dest, offset);
        }
    }

    /** The same examples with differently shaped features. */
    static final class Reshaped extends Forwarding {
        private final int[] shape;

        Reshaped(Dataset base, int[] shape) {
            super(base);
            this.shape = shape;
        }

        @Override public int[] featureShape() { return shape.clone(); }

        @Override
        public void copyFeatures(int[] indices, int from, int to, float[] dest, int offset) {
            base.copyFeatures(indices, from, to, dest, offset);
        }
    }

    /** A contiguous range of examples. */
    static class Subset extends Forwarding {
        private final int from;
        private final int to;

        Subset(Dataset base, int from, int to) {
            super(base);
            this.from = from;
            this.to = to;
        }

        @Override public int size() { return to - from; }

        @Override
        int baseIndex(int index) {
            return from + Objects.checkIndex(index, to - from);
        }

        @Override
        public void copyFeatures(int[] indices, int from, int to, float[] dest, int offset) {
            base.copyFeatures(baseIndices(indices, from, to), 0, to - from, dest, offset);
        }
    }

    /**
     * A contiguous range of a byte-coded dataset, itself byte-coded: a view such as a
     * normalisation keeps the table path whether it is applied before or after the cut.
     */
    static final class CodedSubset extends Subset implements ByteCoded {
        private final ByteCoded coded;

        CodedSubset(ByteCoded base, int from, int to) {
            super(base, from, to);
            this.coded = base;
        }

        @Override public ByteTable byteTable() { return coded.byteTable(); }

        @Override
        public void copyFeatures(int index, ByteTable table, float[] dest, int offset) {
            coded.copyFeatures(baseIndex(index), table, dest, offset);
        }

        @Override
        public void copyFeatures(int[] indices, int from, int to, ByteTable table, float[] dest, int offset) {
            coded.copyFeatures(baseIndices(indices, from, to), 0, to - from, table, dest, offset);
        }

    }

    /** The examples at {@code indices[0], indices[1], ...} of a base dataset, in that order. */
    static class Picked extends Forwarding {
        private final int[] indices;

        Picked(Dataset base, int[] indices) {
            super(base);
            this.indices = indices;
        }

        /** {@code base} seen at {@code indices}; byte-coded if {@code base} is (see {@link CodedSubset}). */
        static Dataset of(Dataset base, int[] indices) {
            return base instanceof ByteCoded coded ? new CodedPicked(coded, indices) : new Picked(base, indices);
        }

        @Override public int size() { return indices.length; }

        @Override
        int baseIndex(int index) {
            return indices[Objects.checkIndex(index, indices.length)];
        }

        @Override
        public void copyFeatures(int[] indices, int from, int to, float[] dest, int offset) {
            base.copyFeatures(baseIndices(indices, from, to), 0, to - from, dest, offset);
        }
    }

    /** Picked examples of a byte-coded dataset, themselves byte-coded. */
    static final class CodedPicked extends Picked implements ByteCoded {
        private final ByteCoded coded;

        CodedPicked(ByteCoded base, int[] indices) {
            super(base, indices);
            this.coded = base;
        }

        @Override public ByteTable byteTable() { return coded.byteTable(); }

        @Override
        public void copyFeatures(int index, ByteTable table, float[] dest, int offset) {
            coded.copyFeatures(baseIndex(index), table, dest, offset);
        }

        @Override
        public void copyFeatures(int[] indices, int from, int to, ByteTable table, float[] dest, int offset) {
            coded.copyFeatures(baseIndices(indices, from, to), 0, to - from, table, dest, offset);
        }

    }

    /**
     * A byte-coded dataset seen through another table (e.g. its values standardised), itself
     * byte-coded, so a later cut keeps the table path.
     */
    static final class Recoded extends Forwarding implements ByteCoded {
        private final ByteCoded coded;
        private final ByteTable table;

        Recoded(ByteCoded base, ByteTable table) {
            super(base);
            this.coded = base;
            this.table = table;
        }

        @Override public ByteTable byteTable() { return table; }

        @Override
        public void copyFeatures(int index, ByteTable table, float[] dest, int offset) {
            coded.copyFeatures(index, table, dest, offset);
        }

        @Override
        public void copyFeatures(int[] indices, int from, int to, ByteTable table, float[] dest, int offset) {
            coded.copyFeatures(indices, from, to, table, dest, offset);
        }

        @Override
        public void copyFeatures(int index, float[] dest, int offset) {
            copyFeatures(index, table, dest, offset);
        }

        @Override
        public void copyFeatures(int[] indices, int from, int to, float[] dest, int offset) {
            copyFeatures(indices, from, to, table, dest, offset);
        }
    }
}
