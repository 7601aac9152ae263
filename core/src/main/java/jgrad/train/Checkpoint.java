package jgrad.train;

import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.SequencedMap;
import java.util.SplittableRandom;
import jgrad.io.SafeTensors;
import jgrad.model.ModelSpec;
import jgrad.model.OptimizerSpec;
import jgrad.nn.Layer;
import jgrad.optim.Optimizer;
import jgrad.tensor.Tensor;

/**
 * Checkpoints: one safetensors file holding the model's {@code stateDict()} (as
 * {@code model.<name>}), the optimizer's state (as {@code optimizer.<name>}) and, in the
 * metadata, the epoch, the step, the state of the run's {@link ResumableRandom}, the model's
 * architecture and the jgrad version. Written atomically, so a crash while saving keeps the
 * previous checkpoint intact. PyTorch can open the file like any safetensors file.
 *
 * <p>Saved with a {@link Setup} (the model's {@link ModelSpec} and the optimizer's
 * {@link OptimizerSpec} with all its hyper-parameters), a checkpoint is enough to rebuild the run:
 * <pre>{@code
 * Checkpoint.Setup setup = Checkpoint.readSetup(file);
 * var rng = new ResumableRandom(seed);                 // its state is restored by resume
 * Layer model = setup.model().build(rng);
 * Optimizer optimizer = setup.optimizer().build(model.parameters());
 * new Trainer(model, loss, optimizer).random(rng).checkpoint(file, setup).resume(file, train, test, epochs);
 * }</pre>
 */
public final class Checkpoint {
    private static final String MODEL = "model.";
    private static final String OPTIMIZER = "optimizer.";
    private static final String MODEL_SPEC = "model_spec";
    private static final String OPTIMIZER_SPEC = "optimizer_spec";

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
        /**
         * Progress at the end of an epoch.
         *
         * @param epoch the epochs finished
         * @param step the optimizer steps taken
         * @param rngState the state of the run's {@link ResumableRandom}
         */
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
     * How the run's model and optimizer were made, recorded in a checkpoint so that they can be
     * rebuilt from the file alone. The optimizer spec gives the starting learning rate; the
     * current one is part of the optimizer's state.
     *
     * @param model the spec the model was built from
     * @param optimizer the spec the optimizer was built from
     */
    public record Setup(ModelSpec model, OptimizerSpec optimizer) {
        /**
         * Checks that both are given.
         *
         * @throws NullPointerException if one is null
         */
        public Setup {
            Objects.requireNonNull(model, "model");
            Objects.requireNonNull(optimizer, "optimizer");
        }

        /**
         * Throws unless {@code layer} has the parameters and buffers {@link #model} builds and
         * {@code opt} is the kind of optimizer {@link #optimizer} builds.
         */
        void check(Layer layer, Optimizer opt) {
            Class<?> expected = optimizer.build(List.of()).getClass();
            if (opt.getClass() != expected) {
                throw new IllegalArgumentException("Checkpoint: the optimizer is a " + opt.getClass().getSimpleName()
                        + " but the setup's spec builds a " + expected.getSimpleName());
            }
            try {
                model.build(new SplittableRandom(0)).loadStateDict(layer.stateDict());
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("Checkpoint: the model is not what the setup's spec builds: " + e.getMessage(), e);
            }
        }
    }

    /**
     * Saves model, optimizer and progress to {@code file}, replacing it atomically.
     *
     * @param file the checkpoint, a safetensors file
     * @param model the network whose parameters and buffers are saved
     * @param optimizer the optimizer whose state (moments, step counts, learning rate) is saved
     * @param progress where the run stands
     * @throws IOException if writing fails (the previous file is then left as it was)
     */
    public static void save(Path file, Layer model, Optimizer optimizer, Progress progress) throws IOException {
        write(file, model, optimizer, progress, Map.of());
    }

    /**
     * Saves model, optimizer and progress to {@code file}, replacing it atomically, with the
     * setup that rebuilds model and optimizer (see {@link #readSetup}).
     *
     * @param file the checkpoint, a safetensors file
     * @param model the network whose parameters and buffers are saved
     * @param optimizer the optimizer whose state (moments, step counts, learning rate) is saved
     * @param progress where the run stands
     * @param setup the specs {@code model} and {@code optimizer} were built from
     * @throws IllegalArgumentException if {@code setup} does not describe {@code model} and {@code optimizer}
     * @throws IOException if writing fails (the previous file is then left as it was)
     */
    public static void save(Path file, Layer model, Optimizer optimizer, Progress progress, Setup setup) throws IOException {
        setup.check(model, optimizer);
        write(file, model, optimizer, progress, Map.of(MODEL_SPEC, setup.model().toJson(), OPTIMIZER_SPEC, setup.optimizer().toJson()));
    }

    private static void write(Path file, Layer model, Optimizer optimizer, Progress progress, Map<String, String> specs)
            throws IOException {
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
        meta.putAll(specs);
        SafeTensors.save(file, tensors, meta);
    }

    /**
     * Restores model and optimizer from a checkpoint and returns the saved progress.
     *
     * @param file a checkpoint written by {@link #save}
     * @param model a network of the saved architecture; its parameters and buffers are overwritten
     * @param optimizer an optimizer of the saved kind over {@code model}'s parameters; its state is overwritten
     * @return where the saved run stood
     * @throws IOException if the file is not a valid jgrad checkpoint (the message names it)
     * @throws IllegalArgumentException if the model or optimizer does not match the saved state
     *     (different architecture or optimizer); neither is then changed
     */
    public static Progress load(Path file, Layer model, Optimizer optimizer) throws IOException {
        SafeTensors.Contents c = SafeTensors.read(file);
        Map<String, String> meta = checkpointMetadata(file, c.metadata());
        String savedOptimizer = meta.get("optimizer");
        if (!optimizer.getClass().getSimpleName().equals(savedOptimizer)) {
            throw new IllegalArgumentException(file + ": saved with optimizer " + savedOptimizer + ", not "
                    + optimizer.getClass().getSimpleName());
        }
        Progress progress = progress(file, meta);
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

    /**
     * The model and optimizer specs a checkpoint was saved with (reads only the metadata).
     *
     * @param file a checkpoint written with a setup
     * @return the specs, to build the model and optimizer before {@link #load}
     * @throws IOException if the file is not a jgrad checkpoint, was saved without a setup, or its
     *     specs are invalid; the message names the file
     */
    public static Setup readSetup(Path file) throws IOException {
        Map<String, String> meta = checkpointMetadata(file, SafeTensors.readMetadata(file));
        String model = meta.get(MODEL_SPEC);
        String optimizer = meta.get(OPTIMIZER_SPEC);
        if (model == null || optimizer == null) {
            throw new IOException(file + ": this checkpoint was saved without a model and optimizer spec (no Setup),"
                    + " so it cannot rebuild them; build them as before and use Checkpoint.load");
        }
        try {
            return new Setup(ModelSpec.fromJson(model), OptimizerSpec.fromJson(optimizer));
        } catch (IllegalArgumentException e) {
            throw new IOException(file + ": " + e.getMessage(), e);
        }
    }

    /**
     * Where the run that saved a checkpoint stood (reads only the metadata).
     *
     * @param file a checkpoint written by {@link #save}
     * @return the saved progress
     * @throws IOException if the file is not a valid jgrad checkpoint
     */
    public static Progress readProgress(Path file) throws IOException {
        return progress(file, checkpointMetadata(file, SafeTensors.readMetadata(file)));
    }

    private static Map<String, String> checkpointMetadata(Path file, Map<String, String> meta) throws IOException {
        if (!"1".equals(meta.get("jgrad.checkpoint"))) {
            throw new IOException(file + ": not a jgrad checkpoint (no jgrad.checkpoint=1 in its metadata)");
        }
        return meta;
    }

    private static Progress progress(Path file, Map<String, String> meta) throws IOException {
        try {
            EpochSoFar partial = !meta.containsKey("epoch.batches") ? EpochSoFar.NONE
                    : new EpochSoFar(Integer.parseInt(meta.get("epoch.batches")), Integer.parseInt(meta.get("epoch.examples")),
                            Double.parseDouble(meta.getOrDefault("epoch.loss_sum", "")), Long.parseLong(meta.get("epoch.correct")));
            return new Progress(Integer.parseInt(meta.get("epoch")), Long.parseLong(meta.get("step")),
                    Long.parseLong(meta.get("rng")), partial);
        } catch (NumberFormatException e) {
            throw new IOException(file + ": bad epoch, step, rng or epoch.* entry in the checkpoint metadata", e);
        }
    }
}
