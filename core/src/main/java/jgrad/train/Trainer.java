package jgrad.train;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Consumer;
import jgrad.data.DataLoader;
import jgrad.nn.Layer;
import jgrad.nn.Parameter;
import jgrad.optim.GradClip;
import jgrad.optim.LrSchedule;
import jgrad.optim.Optimizer;
import jgrad.tensor.Arena;
import jgrad.tensor.DType;
import jgrad.tensor.Tensor;

/**
 * The usual training loop, for the common case: per epoch, for each batch, forward, loss,
 * {@code zeroGrad}, backward, check, step; then evaluate on the test loader and tell the
 * listeners. It uses only public pieces ({@code Layer}, {@code Optimizer}, {@code DataLoader},
 * {@code Metrics}), so the same loop can be written by hand when it does not fit.
 *
 * <pre>{@code
 * var trainer = new Trainer(model, LossFunction.crossEntropy(), new Adam(model.parameters(), 1e-3))
 *         .listener(ConsoleProgress.auto())
 *         .checkpoint(Path.of("mnist.ckpt.safetensors"));
 * trainer.fit(DataLoader.shuffled(train, 100, 42), DataLoader.inOrder(test, 1000), 5);
 * }</pre>
 *
 * <p>Each step runs in an {@link Arena} step, so a steady run allocates (almost) nothing per step;
 * parameters' gradients are dropped when the step ends (after the optimizer's update), and so is
 * every tensor the step computed (by the model, the loss or a {@link GradientSource}): reading one
 * later throws, so {@link Tensor#copy()} what must outlive the step. Listeners, evaluation and
 * checkpoints run between steps.
 *
 * <p>A NaN or infinite loss or gradient stops training with a {@link NonFiniteException} naming
 * the step and the parameter. Epoch {@code e} reads {@code train.epoch(e - 1)}, whose order
 * depends only on the loader's seed, and the run's random numbers come from a
 * {@link ResumableRandom} saved in checkpoints, so {@link #resume} continues bit-identically.
 *
 * <p>Forward, loss and backward are a {@link GradientSource}'s job: by default the model runs on
 * the loader's batches here; {@code fit(GradientSource, ...)} takes gradients computed elsewhere
 * (a data-parallel source sums the gradients of several machines) and keeps everything else:
 * the checks, clipping, the optimizer step, evaluation, checkpoints and the same events.
 */
public final class Trainer {
    private final Layer model;
    private final LossFunction loss;
    private final Optimizer optimizer;
    private final Arena arena = new Arena();
    private final List<Consumer<? super TrainingEvent>> listeners = new ArrayList<>();
    private LrSchedule schedule;
    private ResumableRandom rng = new ResumableRandom(0);
    private Path checkpointFile;
    private Checkpoint.Setup setup;
    private double maxGradNorm = Double.NaN;
    private volatile boolean stopRequested;
    private boolean stopped;

    /**
     * A trainer for {@code model}, minimising {@code loss} with {@code optimizer}.
     *
     * @param model the network to train (put in training mode for each epoch)
     * @param loss the loss of a batch's output
     * @param optimizer an optimizer over {@code model}'s parameters
     */
    public Trainer(Layer model, LossFunction loss, Optimizer optimizer) {
        this.model = Objects.requireNonNull(model, "model");
        this.loss = Objects.requireNonNull(loss, "loss");
        this.optimizer = Objects.requireNonNull(optimizer, "optimizer");
    }

    /**
     * Adds a listener that receives every {@link TrainingEvent}, in order.
     *
     * @param listener called on the training thread for each event
     * @return this trainer
     */
    public Trainer listener(Consumer<? super TrainingEvent> listener) {
        listeners.add(Objects.requireNonNull(listener, "listener"));
        return this;
    }

    /**
     * Sets the learning rate at the start of epoch {@code e} to {@code schedule.lr(e - 1)}.
     *
     * @param schedule the learning rate per epoch, counted from 0
     * @return this trainer
     */
    public Trainer schedule(LrSchedule schedule) {
        this.schedule = schedule;
        return this;
    }

    /**
     * The generator the model's random layers (e.g. {@code Dropout}) draw from; its state goes
     * into checkpoints so a resumed run draws the same numbers.
     *
     * @param rng the generator the model's random layers were built with
     * @return this trainer
     */
    public Trainer random(ResumableRandom rng) {
        this.rng = Objects.requireNonNull(rng, "rng");
        return this;
    }

    /**
     * Writes a checkpoint to {@code file} (atomically, replacing it) after every epoch.
     *
     * @param file the checkpoint file, a safetensors file
     * @return this trainer
     */
    public Trainer checkpoint(Path file) {
        this.checkpointFile = file;
        this.setup = null;
        return this;
    }

    /**
     * Writes a checkpoint to {@code file} after every epoch that also records {@code setup}, so
     * that {@link Checkpoint#readSetup} rebuilds model and optimizer from the file alone.
     *
     * @param file the checkpoint file, a safetensors file
     * @param setup the model and optimizer specs the run was built from
     * @return this trainer
     */
    public Trainer checkpoint(Path file, Checkpoint.Setup setup) {
        this.checkpointFile = file;
        this.setup = Objects.requireNonNull(setup, "setup");
        return this;
    }

    /**
     * Clips gradients to a global L2 norm of at most {@code maxNorm} before each step.
     *
     * @param maxNorm the largest L2 norm of all gradients together, {@code > 0}
     * @return this trainer
     */
    public Trainer clipGradNorm(double maxNorm) {
        if (!(maxNorm > 0)) throw new IllegalArgumentException("clipGradNorm: maxNorm must be > 0, got " + maxNorm);
        this.maxGradNorm = maxNorm;
        return this;
    }

    /**
     * Asks a running {@code fit} or {@code resume} to stop after the step in progress: it then
     * writes a checkpoint (if {@link #checkpoint} is set) that {@link #resume} continues from the
     * next batch on, and returns the epochs completed so far. Safe to call from any thread, e.g.
     * a Ctrl-C handler.
     */
    public void requestStop() {
        stopRequested = true;
    }

    /** {@return true if the last {@code fit} or {@code resume} returned early because of {@link #requestStop()}} */
    public boolean stopped() {
        return stopped;
    }

    /**
     * Trains for {@code epochs} epochs without a test set.
     *
     * @param train the training batches, reshuffled each epoch if the loader is shuffled
     * @param epochs the number of epochs to run
     * @return one {@link TrainingEvent.EpochEnded} per epoch
     * @throws IOException if writing a checkpoint fails
     */
    public List<TrainingEvent.EpochEnded> fit(DataLoader train, int epochs) throws IOException {
        return fit(local(train), epochs);
    }

    /**
     * Trains for {@code epochs} epochs on gradients from {@code train} (e.g. a data-parallel
     * source), without a test set.
     *
     * @param train where each step's gradients come from
     * @param epochs the number of epochs to run
     * @return one {@link TrainingEvent.EpochEnded} per epoch
     * @throws IOException if writing a checkpoint fails
     */
    public List<TrainingEvent.EpochEnded> fit(GradientSource train, int epochs) throws IOException {
        return run(train, null, new Checkpoint.Progress(0, 0, rng.state()), epochs);
    }

    /**
     * Trains for {@code epochs} epochs, evaluating on {@code test} after each.
     *
     * @param train the training batches, reshuffled each epoch if the loader is shuffled
     * @param test the batches to evaluate on after each epoch
     * @param epochs the number of epochs to run
     * @return one {@link TrainingEvent.EpochEnded} per epoch
     * @throws IOException if writing a checkpoint fails
     */
    public List<TrainingEvent.EpochEnded> fit(DataLoader train, DataLoader test, int epochs) throws IOException {
        return fit(local(train), test, epochs);
    }

    /**
     * Trains for {@code epochs} epochs on gradients from {@code train} (e.g. a data-parallel
     * source), evaluating on {@code test} in this JVM after each.
     *
     * @param train where each step's gradients come from
     * @param test the batches to evaluate on after each epoch
     * @param epochs the number of epochs to run
     * @return one {@link TrainingEvent.EpochEnded} per epoch
     * @throws IOException if writing a checkpoint fails
     */
    public List<TrainingEvent.EpochEnded> fit(GradientSource train, DataLoader test, int epochs) throws IOException {
        return run(train, Objects.requireNonNull(test, "test"), new Checkpoint.Progress(0, 0, rng.state()), epochs);
    }

    /**
     * Restores model, optimizer and random state from {@code checkpoint} and trains on up to
     * epoch {@code epochs} (the total, not the number of further epochs), exactly as the run that
     * wrote the checkpoint would have continued.
     *
     * @param checkpoint a file written by {@link #checkpoint(Path)}
     * @param train the training batches, reshuffled each epoch if the loader is shuffled
     * @param test the test loader, or {@code null} for none
     * @param epochs the epoch to train up to, counted from the start of the run
     * @return one {@link TrainingEvent.EpochEnded} per epoch run now
     * @throws IOException if the checkpoint cannot be read or a new one cannot be written
     */
    public List<TrainingEvent.EpochEnded> resume(Path checkpoint, DataLoader train, DataLoader test, int epochs)
            throws IOException {
        return resume(checkpoint, local(train), test, epochs);
    }

    /**
     * {@link #resume(Path, DataLoader, DataLoader, int)} with gradients from {@code train}.
     *
     * @param checkpoint a file written by {@link #checkpoint(Path)}
     * @param train where each step's gradients come from
     * @param test the test loader, or {@code null} for none
     * @param epochs the epoch to train up to, counted from the start of the run
     * @return one {@link TrainingEvent.EpochEnded} per epoch run now
     * @throws IOException if the checkpoint cannot be read or a new one cannot be written
     */
    public List<TrainingEvent.EpochEnded> resume(Path checkpoint, GradientSource train, DataLoader test, int epochs)
            throws IOException {
        Checkpoint.Progress progress = Checkpoint.load(checkpoint, model, optimizer);
        rng.setState(progress.rngState());
        return run(train, test, progress, epochs);
    }

    private GradientSource local(DataLoader train) {
        return GradientSource.local(model, loss, train);
    }

    private List<TrainingEvent.EpochEnded> run(GradientSource train, DataLoader test, Checkpoint.Progress from, int epochs)
            throws IOException {
        if (epochs < from.epoch()) {
            throw new IllegalArgumentException("Trainer: asked for " + epochs + " epochs but " + from.epoch() + " are done");
        }
        List<TrainingEvent.EpochEnded> history = new ArrayList<>();
        stopped = false;
        // the model's structure does not change while it trains: name its parameters once, not per step
        List<Map.Entry<String, Parameter>> named = List.copyOf(model.namedParameters().entrySet());
        List<Parameter> parameters = named.stream().map(Map.Entry::getValue).toList();
        long step = from.step();
        int batches = train.batchesPerEpoch();
        emit(new TrainingEvent.Started(from.epoch() + 1, epochs, batches, train.examplesPerEpoch()));
        for (int epoch = from.epoch() + 1; epoch <= epochs; epoch++) {
            long start = System.nanoTime();
            if (schedule != null) schedule.apply(optimizer, epoch - 1);
            emit(new TrainingEvent.EpochStarted(epoch, epochs, optimizer.lr()));
            model.train();
            // a run stopped in the middle of this epoch continues where it stopped
            Checkpoint.EpochSoFar done = epoch == from.epoch() + 1 ? from.partial() : Checkpoint.EpochSoFar.NONE;
            double lossSum = done.lossSum();
            long hits = Math.max(0, done.correct());
            int seen = done.examples();
            boolean labelled = done.correct() >= 0;
            for (int batch = done.batches(); batch < batches; batch++) {
                step++;
                GradientSource.Step s;
                double value;
                try (var ignored = arena.step()) { // activations and gradients: the same arrays every step
                    optimizer.zeroGrad();
                    s = train.compute(epoch - 1, batch, step);
                    value = s.loss();
                    if (!Double.isFinite(value)) throw new NonFiniteException(step, epoch, "loss", Double.toString(value));
                    checkGradients(named, step, epoch);
                    if (!Double.isNaN(maxGradNorm)) GradClip.byGlobalNorm(parameters, maxGradNorm);
                    optimizer.step();
                }
                lossSum += value * s.size();
                seen += s.size();
                if (s.correct() >= 0) hits += s.correct();
                else labelled = false;
                emit(new TrainingEvent.BatchEnded(epoch, step, batch + 1, batches, s.size(), value));
                if (stopRequested && batch + 1 < batches) {
                    var soFar = new Checkpoint.EpochSoFar(batch + 1, seen, lossSum, labelled ? hits : -1);
                    if (checkpointFile != null) save(new Checkpoint.Progress(epoch - 1, step, rng.state(), soFar));
                    stopped = true;
                    return history;
                }
            }
            Metrics.Evaluation eval = test == null ? new Metrics.Evaluation(Double.NaN, Double.NaN, 0)
                    : Metrics.evaluate(model, test, loss);
            double seconds = (System.nanoTime() - start) / 1e9;
            var ended = new TrainingEvent.EpochEnded(epoch, step, seen == 0 ? Double.NaN : lossSum / seen,
                    labelled && seen > 0 ? (double) hits / seen : Double.NaN, eval.loss(), eval.accuracy(),
                    optimizer.lr(), seconds);
            history.add(ended);
            emit(ended);
            if (checkpointFile != null) {
                save(new Checkpoint.Progress(epoch, step, rng.state()));
                emit(new TrainingEvent.CheckpointSaved(epoch, checkpointFile));
            }
            if (stopRequested && epoch < epochs) {
                stopped = true;
                return history;
            }
        }
        return history;
    }

    private void save(Checkpoint.Progress progress) throws IOException {
        if (setup == null) Checkpoint.save(checkpointFile, model, optimizer, progress);
        else Checkpoint.save(checkpointFile, model, optimizer, progress, setup);
    }

    /** Throws if any parameter's gradient holds a NaN or an infinity. */
    private static void checkGradients(List<Map.Entry<String, Parameter>> named, long step, int epoch) {
        for (var e : named) {
            Tensor g = e.getValue().grad();
            if (g == null || allFinite(g)) continue;
            int bad = -1;
            double value = 0;
            if (g.dtype() == DType.FLOAT32) {
                float[] d = g.floatData();
                for (int i = 0; i < d.length && bad < 0; i++) if (!Float.isFinite(d[i])) { bad = i; value = d[i]; }
            } else {
                double[] d = g.doubleData();
                for (int i = 0; i < d.length && bad < 0; i++) if (!Double.isFinite(d[i])) { bad = i; value = d[i]; }
            }
            throw new NonFiniteException(step, epoch, "gradient of " + e.getKey(), value + " at index " + bad);
        }
    }

    /**
     * True when no value of {@code t} is a NaN or an infinity, i.e. none has all exponent bits
     * set. A branch-free OR over the bits, so the common all-finite case runs as a vector loop.
     */
    static boolean allFinite(Tensor t) {
        if (t.dtype() == DType.FLOAT32) {
            float[] d = t.floatData();
            int any = 0;
            // exponent all ones: (bits & 0x7F800000) + 0x00800000 reaches the (cleared) sign bit
            for (float x : d) any |= (Float.floatToRawIntBits(x) & 0x7F800000) + 0x00800000;
            return any >= 0;
        }
        double[] d = t.doubleData();
        long any = 0;
        for (double x : d) any |= (Double.doubleToRawLongBits(x) & 0x7FF0000000000000L) + 0x0010000000000000L;
        return any >= 0;
    }

    private void emit(TrainingEvent event) {
        for (var l : listeners) l.accept(event);
    }
}
