package jgrad.spark;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SequencedMap;
import java.util.SplittableRandom;
import jgrad.data.DataLoader;
import jgrad.data.Dataset;
import jgrad.data.Normalization;
import jgrad.data.Shuffle;
import jgrad.io.SafeTensors;
import jgrad.model.ModelSpec;
import jgrad.nn.Layer;
import jgrad.nn.Losses;
import jgrad.nn.Parameter;
import jgrad.tensor.DType;
import jgrad.tensor.Shape;
import jgrad.tensor.Tensor;
import jgrad.train.Metrics;
import jgrad.train.ResumableRandom;

/**
 * An executor's copy of a run's model, built once from the recipe and reused by the run's tasks;
 * each step loads the broadcast parameters into it. Tasks running at the same time in one
 * executor each borrow their own copy. An executor keeps the copies of the last few runs only.
 */
final class Replica {
    private static final int RUNS_KEPT = 4;
    /** Idle copies by run, least recently used run first; guarded by the class lock. */
    private static final LinkedHashMap<String, ArrayDeque<Replica>> IDLE = new LinkedHashMap<>(8, 0.75f, true);

    private final Recipe recipe;
    private final Layer model;
    private final ResumableRandom random = new ResumableRandom(0);
    private final List<Map.Entry<String, Parameter>> parameters;
    private final List<String> buffers;
    private final Normalization normalization;
    private int orderEpoch = -1;
    private int[] order;
    private int[] rows; // the file rows of the training examples when some are held out, else null
    private Shard shard;
    private Dataset examples;

    private Replica(Recipe recipe) {
        this.recipe = recipe;
        this.model = ModelSpec.fromJson(recipe.model()).build(random);
        this.parameters = List.copyOf(model.namedParameters().entrySet());
        List<String> names = new ArrayList<>(model.stateDict().keySet());
        names.removeAll(model.namedParameters().keySet());
        this.buffers = List.copyOf(names);
        this.normalization = Normalization.perFeature(recipe.mean(), recipe.std()); // one value: the same for all
    }

    /** A copy of the recipe's model for this task's exclusive use until {@link #release}. */
    static Replica borrow(Recipe recipe) {
        synchronized (Replica.class) {
            ArrayDeque<Replica> idle = IDLE.get(recipe.runId());
            if (idle != null && !idle.isEmpty()) return idle.pop();
        }
        return new Replica(recipe);
    }

    /** Gives a borrowed copy back for the next task of its run. */
    static void release(Replica r) {
        synchronized (Replica.class) {
            IDLE.computeIfAbsent(r.recipe.runId(), k -> new ArrayDeque<>()).push(r);
            for (Iterator<String> it = IDLE.keySet().iterator(); IDLE.size() > RUNS_KEPT && it.hasNext(); ) {
                it.next();
                it.remove();
            }
        }
    }

    /**
     * The gradient of this shard's share of global batch {@code batch} of epoch {@code epoch}, as a
     * safetensors piece: {@code g.<name>} the gradient of (share's summed loss) / (batch size)
     * per parameter, so the pieces add up to the batch's mean-loss gradient; {@code b.<name>} each
     * buffer after the forward pass times the share's size (float64), so their sum divided by the
     * batch size is the size-weighted mean; {@code s} = [summed loss, correct, size] (float64).
     * A share with no example gives an empty piece.
     */
    byte[] compute(Shard data, byte[] params, int epoch, int batch, long step, long rngState) {
        int batchSize = recipe.batchSize();
        int from = batch * batchSize;
        int to = Math.min(recipe.total(), from + batchSize);
        int[] ids = share(data, epoch, from, to);
        if (ids.length == 0) return SafeTensors.toBytes(Map.of());
        try {
            model.loadStateDict(SafeTensors.read(params).tensors());
        } catch (IOException e) {
            throw new UncheckedIOException("jgrad-spark: the broadcast parameters do not parse", e);
        }
        int width = Shape.numel(recipe.featureShape());
        int[] shape = new int[recipe.featureShape().length + 1];
        shape[0] = ids.length;
        System.arraycopy(recipe.featureShape(), 0, shape, 1, shape.length - 1);
        Tensor x = Tensor.zeros(DType.FLOAT32, shape);
        float[] xs = x.floatData();
        int[] labels = new int[ids.length];
        for (int i = 0; i < ids.length; i++) {
            examples.copyFeatures(ids[i], xs, i * width);
            labels[i] = examples.label(ids[i]);
        }
        model.train();
        random.setState(new ResumableRandom(rngState).split(step, data.partition()).state());
        model.zeroGrad();
        Tensor output = model.forward(x);
        Tensor loss = Losses.crossEntropy(output, labels);
        double value = loss.item();
        loss.mul((double) ids.length / (to - from)).backward();
        SequencedMap<String, Tensor> piece = new LinkedHashMap<>();
        for (var e : parameters) {
            Tensor g = e.getValue().grad();
            piece.put("g." + e.getKey(), g != null ? g : Tensor.zeros(e.getValue().dtype(), e.getValue().shape()));
        }
        SequencedMap<String, Tensor> state = model.stateDict();
        for (String b : buffers) piece.put("b." + b, state.get(b).to(DType.FLOAT64).mul(ids.length));
        piece.put("s", Tensor.of(new double[] {value * ids.length, Metrics.correct(output, labels), ids.length}, 3));
        return SafeTensors.toBytes(piece);
    }

    /** Local indices of the shard's examples in {@code order[from, to)}, in batch order. */
    private int[] share(Shard data, int epoch, int from, int to) {
        if (data != shard) {
            shard = data;
            examples = normalization.apply(data);
        }
        if (epoch != orderEpoch) {
            order = DataLoader.order(recipe.total(), recipe.seed(), epoch);
            orderEpoch = epoch;
        }
        if (recipe.validation() > 0 && rows == null) {
            // the training part of a validation split: TrainTestSplit's permutation without its first rows
            int[] all = Shuffle.permutation(data.total(), new SplittableRandom(recipe.seed()));
            rows = java.util.Arrays.copyOfRange(all, recipe.validation(), all.length);
        }
        int lo = data.from();
        int hi = lo + data.size();
        int[] ids = new int[to - from];
        int n = 0;
        for (int k = from; k < to; k++) {
            int id = rows == null ? order[k] : rows[order[k]];
            if (id >= lo && id < hi) ids[n++] = id - lo;
        }
        return java.util.Arrays.copyOf(ids, n);
    }
}
