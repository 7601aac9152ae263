package jgrad.train;

import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.SequencedMap;
import jgrad.io.SafeTensors;
import jgrad.nn.Layer;
import jgrad.optim.Optimizer;
import jgrad.tensor.Tensor;

/**
 * Checkpoints: one safetensors file holding the model's {@code stateDict()} (as
 * {@code model.<name>}), the optimizer's state (as {@code optimizer.<name>}) and, in the
 * metadata, the epoch, the step, the state of the run's {@link ResumableRandom}, the model's
 * architecture and the jgrad version. Written atomically, so a crash while saving keeps the
 * previous checkpoint intact. PyTorch can open the file like any safetensors file.
 */
public final class Checkpoint {
    private static final String MODEL = "model.";
    private static final String OPTIMIZER = "optimizer.";

    private Checkpoint() {}

    /**
     * Where a run stands.
     *
     * @param epoch epochs completed
     * @param step optimizer steps completed
     * @param rngState the state of the run's {@link ResumableRandom}
     * @param partial what is done of epoch {@code epoch + 1} when the run stopped in its middle
     */
    public record Progress(int epoch, long step, long rngState, EpochSoFar partial) {
        /** Progress at the end of an epoch. */
        public Progress(int epoch, long step, long rngState) {
            this(epoch, step, rngState, EpochSoFar.NONE);
        }
    }

    /**
     * The trained part of an unfinished epoch, so that a resumed run continues with the next batch
     * and still reports the whole epoch's training loss and accuracy.
     *
     * @param batches batches done
     * @param examples examples in them
     * @param lossSum the sum of {@code batch loss * batch size} over them
     * @param correct examples classified right, or -1 when the batches have no class labels
     */
    public record EpochSoFar(int batches, int examples, double lossSum, long correct) {
        /** Nothing done: the run stopped at an epoch boundary. */
        public static final EpochSoFar NONE = new EpochSoFar(0, 0, 0, 0);
    }

    /**
     * Saves model, optimizer and progress to {@code file}, replacing it atomically.
     *
     * @throws IOException if writing fails (the previous file is then left as it was)
     */
    public static void save(Path file, Layer model, Optimizer optimizer, Progress progress) throws IOException {
        SequencedMap<String, Tensor> tensors = new LinkedHashMap<>();
        model.stateDict().forEach((name, t) -> tensors.put(MODEL + name, t));
        optimizer.stateDict().forEach((name, t) -> tensors.put(OPTIMIZER + name, t));
        Map<String, String> meta = new LinkedHashMap<>();
        meta.put("jgrad.checkpoint", "1");
        meta.put("epoch", Integer.toString(progress.epoch()));
        meta.put("step", Long.toString(progress.step()));
        meta.put("rng", Long.toString(progress.rngState()));
        EpochSoFar partial = progress.partial();
        if (partial.batches() > 0) {
            meta.put("epoch.batches", Integer.toString(partial.batches()));
            meta.put("epoch.examples", Integer.toString(partial.examples()));
            meta.put("epoch.loss_sum", Double.toString(partial.lossSum())); // round-trips exactly
            meta.put("epoch.correct", Long.toString(partial.correct()));
        }
        meta.put("optimizer", optimizer.getClass().getSimpleName());
        meta.put("architecture", model.toString());
        SafeTensors.save(file, tensors, meta);
    }

    /**
     * Restores model and optimizer from a checkpoint and returns the saved progress.
     *
     * @throws IOException if the file is not a valid jgrad checkpoint (the message names it)
     * @throws IllegalArgumentException if the model or optimizer does not match the saved state
     *     (different architecture or optimizer); neither is then changed
     */
    public static Progress load(Path file, Layer model, Optimizer optimizer) throws IOException {
        SafeTensors.Contents c = SafeTensors.read(file);
        Map<String, String> meta = c.metadata();
        if (!"1".equals(meta.get("jgrad.checkpoint"))) {
            throw new IOException(file + ": not a jgrad checkpoint (no jgrad.checkpoint=1 in its metadata)");
        }
        String savedOptimizer = meta.get("optimizer");
        if (!optimizer.getClass().getSimpleName().equals(savedOptimizer)) {
            throw new IllegalArgumentException(file + ": saved with optimizer " + savedOptimizer + ", not "
                    + optimizer.getClass().getSimpleName());
        }
        Progress progress;
        try {
            EpochSoFar partial = !meta.containsKey("epoch.batches") ? EpochSoFar.NONE
                    : new EpochSoFar(Integer.parseInt(meta.get("epoch.batches")), Integer.parseInt(meta.get("epoch.examples")),
                            Double.parseDouble(meta.getOrDefault("epoch.loss_sum", "")), Long.parseLong(meta.get("epoch.correct")));
            progress = new Progress(Integer.parseInt(meta.get("epoch")), Long.parseLong(meta.get("step")),
                    Long.parseLong(meta.get("rng")), partial);
        } catch (NumberFormatException e) {
            throw new IOException(file + ": bad epoch, step, rng or epoch.* entry in the checkpoint metadata", e);
        }
        SequencedMap<String, Tensor> modelState = new LinkedHashMap<>();
        SequencedMap<String, Tensor> optimizerState = new LinkedHashMap<>();
        for (var e : c.tensors().entrySet()) {
            if (e.getKey().startsWith(MODEL)) modelState.put(e.getKey().substring(MODEL.length()), e.getValue());
            else if (e.getKey().startsWith(OPTIMIZER)) optimizerState.put(e.getKey().substring(OPTIMIZER.length()), e.getValue());
            else throw new IOException(file + ": unexpected tensor '" + e.getKey() + "' in a checkpoint");
        }
        SequencedMap<String, Tensor> before = model.stateDict();
        model.loadStateDict(modelState);
        try {
            optimizer.loadStateDict(optimizerState);
        } catch (RuntimeException e) {
            model.loadStateDict(before); // all or nothing: do not leave the model restored alone
            throw e;
        }
        return progress;
    }
}
