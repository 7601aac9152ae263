package jgrad.train;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.data.Offset.offset;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import jgrad.data.Batch;
import jgrad.data.DataLoader;
import jgrad.data.Dataset;
import jgrad.data.ToyData;
import jgrad.io.SafeTensors;
import jgrad.model.ModelSpec;
import jgrad.model.OptimizerSpec;
import jgrad.model.WeightInit;
import jgrad.nn.Dropout;
import jgrad.nn.Layer;
import jgrad.nn.Linear;
import jgrad.nn.Losses;
import jgrad.nn.Relu;
import jgrad.nn.Sequential;
import jgrad.optim.Adam;
import jgrad.optim.LrSchedule;
import jgrad.optim.Optimizer;
import jgrad.optim.Sgd;
import jgrad.tensor.DType;
import jgrad.tensor.Tensor;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TrainerTest {
    @TempDir Path dir;

    private static final Dataset MOONS = ToyData.moons(400, 0.1, new SplittableRandom(1)).toDataset();
    private static final Dataset MOONS_TEST = ToyData.moons(200, 0.1, new SplittableRandom(2)).toDataset();

    /** 2 -> 32 -> 32 -> 2 with dropout drawing from {@code rng}. */
    private static Sequential model(long seed, ResumableRandom rng) {
        var init = new SplittableRandom(seed);
        return new Sequential(new Linear(2, 32, init), new Relu(), new Dropout(0.1, rng),
                new Linear(32, 32, init), new Relu(), new Linear(32, 2, init));
    }

    /**
     * Each step runs in the trainer's Arena: a tensor of a step kept by a loss function fails when
     * read by a listener after the step, instead of showing a later step's numbers; a copy made in
     * the step keeps its values, and the parameters have no gradient after the step.
     */
    @Test
    void aTensorKeptFromAStepFailsAfterItInsteadOfShowingALaterStep() throws IOException {
        var rng = new ResumableRandom(5);
        var model = model(3, rng);
        Tensor[] kept = new Tensor[2];
        LossFunction loss = (output, batch) -> {
            kept[0] = output;
            kept[1] = output.copy();
            return Losses.crossEntropy(output, batch.labels());
        };
        List<String> checked = new ArrayList<>();
        new Trainer(model, loss, new Sgd(model.parameters(), 0.1)).random(rng).listener(e -> {
            if (!(e instanceof TrainingEvent.BatchEnded)) return;
            assertThatThrownBy(kept[0]::toFloatArray).isInstanceOf(IllegalStateException.class).hasMessageContaining("released");
            assertThat(kept[1].toFloatArray()).hasSize(kept[1].numel());
            assertThat(model.parameters()).allSatisfy(p -> assertThat(p.grad()).isNull());
            checked.add("step");
        }).fit(DataLoader.shuffled(MOONS, 32, 7), 2);
        assertThat(checked).hasSize(2 * 13);
    }

    @Test
    void learnsTheMoonsAndReportsEventsInOrder() throws IOException {
        var rng = new ResumableRandom(5);
        var model = model(3, rng);
        List<TrainingEvent> events = new ArrayList<>();
        var trainer = new Trainer(model, LossFunction.crossEntropy(), new Adam(model.parameters(), 0.01))
                .random(rng).listener(events::add);
        var history = trainer.fit(DataLoader.shuffled(MOONS, 32, 7), DataLoader.inOrder(MOONS_TEST, 100), 15);
        assertThat(history).hasSize(15);
        var last = history.get(14);
        assertThat(last.testAccuracy()).isGreaterThan(0.97);
        assertThat(last.trainLoss()).isLessThan(history.get(0).trainLoss());
        assertThat(last.step()).isEqualTo(15 * 13);
        assertThat(events.get(0)).isEqualTo(new TrainingEvent.Started(1, 15, 13, 400));
        assertThat(events.get(1)).isInstanceOf(TrainingEvent.EpochStarted.class);
        assertThat(events.get(2)).isInstanceOf(TrainingEvent.BatchEnded.class);
        assertThat(events.get(15)).isEqualTo(history.get(0));
        assertThat(((TrainingEvent.BatchEnded) events.get(14)).batchSize()).isEqualTo(400 - 12 * 32);
        var confusion = Metrics.confusionMatrix(model, DataLoader.inOrder(MOONS_TEST, 64), 2);
        assertThat(confusion.total()).isEqualTo(200);
        assertThat(confusion.accuracy()).isEqualTo(last.testAccuracy());
        assertThat(model.isTraining()).isTrue();
    }

    @Test
    void resumingFromACheckpointIsBitIdenticalToAnUninterruptedRun() throws IOException {
        var schedule = LrSchedule.step(0.02, 2, 0.5);
        // uninterrupted: 4 epochs
        var rngA = new ResumableRandom(11);
        var a = model(3, rngA);
        var optA = new Adam(a.parameters(), 0.02);
        var historyA = new Trainer(a, LossFunction.crossEntropy(), optA).random(rngA).schedule(schedule)
                .fit(DataLoader.shuffled(MOONS, 50, 9), DataLoader.inOrder(MOONS_TEST, 100), 4);
        // interrupted: 2 epochs with checkpoints, then a fresh process (new objects, other init) resumes
        Path ckpt = dir.resolve("run.ckpt.safetensors");
        var rngB = new ResumableRandom(11);
        var b = model(3, rngB);
        new Trainer(b, LossFunction.crossEntropy(), new Adam(b.parameters(), 0.02)).random(rngB).schedule(schedule)
                .checkpoint(ckpt).fit(DataLoader.shuffled(MOONS, 50, 9), DataLoader.inOrder(MOONS_TEST, 100), 2);
        var rngC = new ResumableRandom(999);
        var c = model(77, rngC);
        var optC = new Adam(c.parameters(), 0.5);
        var historyC = new Trainer(c, LossFunction.crossEntropy(), optC).random(rngC).schedule(schedule)
                .resume(ckpt, DataLoader.shuffled(MOONS, 50, 9), DataLoader.inOrder(MOONS_TEST, 100), 4);

        assertThat(historyC).hasSize(2);
        assertThat(historyC.get(1).trainLoss()).isEqualTo(historyA.get(3).trainLoss());
        assertThat(historyC.get(1).testLoss()).isEqualTo(historyA.get(3).testLoss());
        assertThat(historyC.get(1).step()).isEqualTo(historyA.get(3).step());
        assertBitIdentical(a.stateDict(), c.stateDict());
        assertBitIdentical(optA.stateDict(), optC.stateDict());
        assertThat(rngC.state()).isEqualTo(rngA.state());
    }

    @Test
    void aStopRequestedMidEpochSavesACheckpointThatResumesBitIdentically() throws IOException {
        var schedule = LrSchedule.step(0.02, 2, 0.5);
        var rngA = new ResumableRandom(11);
        var a = model(3, rngA);
        var optA = new Adam(a.parameters(), 0.02);
        var historyA = new Trainer(a, LossFunction.crossEntropy(), optA).random(rngA).schedule(schedule)
                .fit(DataLoader.shuffled(MOONS, 50, 9), DataLoader.inOrder(MOONS_TEST, 100), 3);
        // stop after step 11: batch 3 of epoch 2 (8 batches per epoch), as Ctrl-C would from another thread
        Path ckpt = dir.resolve("run.ckpt.safetensors");
        var rngB = new ResumableRandom(11);
        var b = model(3, rngB);
        var trainerB = new Trainer(b, LossFunction.crossEntropy(), new Adam(b.parameters(), 0.02)).random(rngB)
                .schedule(schedule).checkpoint(ckpt);
        trainerB.listener(event -> {
            if (event instanceof TrainingEvent.BatchEnded e && e.step() == 11) trainerB.requestStop();
        });
        var historyB = trainerB.fit(DataLoader.shuffled(MOONS, 50, 9), DataLoader.inOrder(MOONS_TEST, 100), 3);
        assertThat(trainerB.stopped()).isTrue();
        assertThat(historyB).hasSize(1);
        assertThat(SafeTensors.readMetadata(ckpt)).containsEntry("epoch", "1").containsEntry("step", "11")
                .containsEntry("epoch.batches", "3");
        var rngC = new ResumableRandom(999);
        var c = model(77, rngC);
        var optC = new Adam(c.parameters(), 0.5);
        List<TrainingEvent> events = new ArrayList<>();
        var trainerC = new Trainer(c, LossFunction.crossEntropy(), optC).random(rngC).schedule(schedule).listener(events::add);
        var historyC = trainerC.resume(ckpt, DataLoader.shuffled(MOONS, 50, 9), DataLoader.inOrder(MOONS_TEST, 100), 3);

        assertThat(trainerC.stopped()).isFalse();
        assertThat(((TrainingEvent.BatchEnded) events.get(2)).step()).isEqualTo(12);
        assertThat(((TrainingEvent.BatchEnded) events.get(2)).batch()).isEqualTo(4);
        assertThat(historyC).hasSize(2);
        // the interrupted epoch reports its whole training loss and accuracy, as if never stopped
        assertThat(historyC.get(0).trainLoss()).isEqualTo(historyA.get(1).trainLoss());
        assertThat(historyC.get(0).trainAccuracy()).isEqualTo(historyA.get(1).trainAccuracy());
        assertThat(historyC.get(1).testLoss()).isEqualTo(historyA.get(2).testLoss());
        assertBitIdentical(a.stateDict(), c.stateDict());
        assertBitIdentical(optA.stateDict(), optC.stateDict());
        assertThat(rngC.state()).isEqualTo(rngA.state());
    }

    @Test
    void aStopRequestedInTheLastBatchFinishesTheEpochFirst() throws IOException {
        Path ckpt = dir.resolve("end.safetensors");
        var rng = new ResumableRandom(1);
        var model = model(3, rng);
        var trainer = new Trainer(model, LossFunction.crossEntropy(), new Sgd(model.parameters(), 0.1)).checkpoint(ckpt);
        trainer.listener(event -> {
            if (event instanceof TrainingEvent.BatchEnded e && e.batch() == e.batchesPerEpoch()) trainer.requestStop();
        });
        var history = trainer.fit(DataLoader.inOrder(MOONS, 100), 3);
        assertThat(trainer.stopped()).isTrue();
        assertThat(history).hasSize(1);
        assertThat(SafeTensors.readMetadata(ckpt)).containsEntry("epoch", "1").doesNotContainKey("epoch.batches");
    }

    @Test
    void aCheckpointWithItsSetupAloneRebuildsTheRunAndResumesBitIdentically() throws IOException {
        ModelSpec spec = new ModelSpec.Sequential(new ModelSpec.Linear(2, 32), new ModelSpec.Relu(), new ModelSpec.Dropout(0.1),
                new ModelSpec.Linear(32, 32, true, new WeightInit.HeNormal()), new ModelSpec.Relu(), new ModelSpec.Linear(32, 2));
        OptimizerSpec adam = new OptimizerSpec.Adam(0.02, 0.9, 0.99, 1e-7, 1e-4);
        var setup = new Checkpoint.Setup(spec, adam);
        var schedule = LrSchedule.step(0.02, 2, 0.5);
        // uninterrupted: 4 epochs
        var rngA = new ResumableRandom(11);
        Layer a = spec.build(rngA);
        Optimizer optA = adam.build(a.parameters());
        var historyA = new Trainer(a, LossFunction.crossEntropy(), optA).random(rngA).schedule(schedule)
                .fit(DataLoader.shuffled(MOONS, 50, 9), DataLoader.inOrder(MOONS_TEST, 100), 4);
        // interrupted after 2 epochs
        Path ckpt = dir.resolve("run.ckpt.safetensors");
        var rngB = new ResumableRandom(11);
        Layer b = spec.build(rngB);
        new Trainer(b, LossFunction.crossEntropy(), adam.build(b.parameters())).random(rngB).schedule(schedule)
                .checkpoint(ckpt, setup).fit(DataLoader.shuffled(MOONS, 50, 9), DataLoader.inOrder(MOONS_TEST, 100), 2);
        // a fresh process that knows nothing but the file (and the data and schedule of the run)
        Checkpoint.Setup read = Checkpoint.readSetup(ckpt);
        assertThat(read).isEqualTo(setup);
        assertThat(Checkpoint.readProgress(ckpt).epoch()).isEqualTo(2);
        var rngC = new ResumableRandom(999);
        Layer c = read.model().build(rngC);
        Optimizer optC = read.optimizer().build(c.parameters());
        var historyC = new Trainer(c, LossFunction.crossEntropy(), optC).random(rngC).schedule(schedule).checkpoint(ckpt, read)
                .resume(ckpt, DataLoader.shuffled(MOONS, 50, 9), DataLoader.inOrder(MOONS_TEST, 100), 4);

        assertThat(historyC.get(1).trainLoss()).isEqualTo(historyA.get(3).trainLoss());
        assertThat(historyC.get(1).testLoss()).isEqualTo(historyA.get(3).testLoss());
        assertBitIdentical(a.stateDict(), c.stateDict());
        assertBitIdentical(optA.stateDict(), optC.stateDict());
        assertThat(rngC.state()).isEqualTo(rngA.state());
        assertThat(Checkpoint.readProgress(ckpt).epoch()).isEqualTo(4);
        assertThat(SafeTensors.readMetadata(ckpt).get("optimizer_spec")).contains("\"beta2\":0.99");
    }

    @Test
    void aSetupMustDescribeTheModelAndOptimizerAndOnlyThenCanBeRead() throws IOException {
        Path ckpt = dir.resolve("c.safetensors");
        ModelSpec spec = new ModelSpec.Sequential(new ModelSpec.Linear(2, 4), new ModelSpec.Relu(), new ModelSpec.Linear(4, 2));
        Layer model = spec.build(new SplittableRandom(1));
        var progress = new Checkpoint.Progress(1, 10, 0);
        var sgd = new Sgd(model.parameters(), 0.1);
        assertThatThrownBy(() -> Checkpoint.save(ckpt, model, sgd, progress, new Checkpoint.Setup(spec, OptimizerSpec.defaults("adam"))))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("Checkpoint: the optimizer is a Sgd but the setup's spec builds a Adam");
        var wider = new ModelSpec.Sequential(new ModelSpec.Linear(2, 5), new ModelSpec.Relu(), new ModelSpec.Linear(5, 2));
        assertThatThrownBy(() -> Checkpoint.save(ckpt, model, sgd, progress, new Checkpoint.Setup(wider, OptimizerSpec.defaults("sgd"))))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("the model is not what the setup's spec builds");
        assertThat(Files.exists(ckpt)).isFalse();
        Checkpoint.save(ckpt, model, sgd, progress);
        assertThatThrownBy(() -> Checkpoint.readSetup(ckpt)).isInstanceOf(IOException.class)
                .hasMessageStartingWith(ckpt + ": this checkpoint was saved without a model and optimizer spec");
        var meta = new java.util.LinkedHashMap<>(SafeTensors.readMetadata(ckpt));
        meta.put("model_spec", spec.toJson());
        meta.put("optimizer_spec", "{\"type\":\"sgd\",\"lr\":-2}");
        SafeTensors.save(ckpt, SafeTensors.load(ckpt), meta);
        assertThatThrownBy(() -> Checkpoint.readSetup(ckpt)).isInstanceOf(IOException.class)
                .hasMessage(ckpt + ": optimizer spec: Sgd: learning rate must be finite and >= 0, got -2.0");
    }

    private static void assertBitIdentical(Map<String, Tensor> expected, Map<String, Tensor> actual) {
        assertThat(actual.keySet()).containsExactlyElementsOf(expected.keySet());
        for (var e : expected.entrySet()) {
            assertThat(actual.get(e.getKey()).toDoubleArray()).as(e.getKey()).isEqualTo(e.getValue().toDoubleArray());
        }
    }

    /** A source that hands each call to the local one and records (epoch, batch, step) and whether grads were clear. */
    private static final class Recording implements GradientSource {
        final GradientSource inner;
        final Layer model;
        final List<String> calls = new ArrayList<>();

        Recording(Layer model, GradientSource inner) {
            this.model = model;
            this.inner = inner;
        }

        @Override public int batchesPerEpoch() { return inner.batchesPerEpoch(); }
        @Override public int examplesPerEpoch() { return inner.examplesPerEpoch(); }

        @Override
        public Step compute(int epoch, int batch, long step) {
            boolean clear = model.parameters().stream().allMatch(p -> p.grad() == null);
            calls.add(epoch + "/" + batch + "/" + step + (clear && model.isTraining() ? "" : " NOT CLEAR OR NOT TRAINING"));
            return inner.compute(epoch, batch, step);
        }
    }

    @Test
    void aGradientSourceIsCalledInOrderAndTheRunIsTheSameAsWithTheLoader() throws IOException {
        var rngA = new ResumableRandom(4);
        var a = model(3, rngA);
        List<TrainingEvent> eventsA = new ArrayList<>();
        var historyA = new Trainer(a, LossFunction.crossEntropy(), new Adam(a.parameters(), 0.01)).random(rngA)
                .listener(eventsA::add).fit(DataLoader.shuffled(MOONS, 64, 7), DataLoader.inOrder(MOONS_TEST, 100), 2);
        var rngB = new ResumableRandom(4);
        var b = model(3, rngB);
        var source = new Recording(b, GradientSource.local(b, LossFunction.crossEntropy(), DataLoader.shuffled(MOONS, 64, 7)));
        List<TrainingEvent> eventsB = new ArrayList<>();
        var historyB = new Trainer(b, LossFunction.crossEntropy(), new Adam(b.parameters(), 0.01)).random(rngB)
                .listener(eventsB::add).fit(source, DataLoader.inOrder(MOONS_TEST, 100), 2);
        assertThat(source.calls).hasSize(14).startsWith("0/0/1", "0/1/2").contains("0/6/7", "1/0/8").endsWith("1/6/14");
        assertBitIdentical(a.stateDict(), b.stateDict());
        // the same events, but for the timings
        assertThat(eventsB).hasSameSizeAs(eventsA);
        for (int i = 0; i < eventsA.size(); i++) {
            if (eventsA.get(i) instanceof TrainingEvent.EpochEnded ea && eventsB.get(i) instanceof TrainingEvent.EpochEnded eb) {
                assertThat(eb.testAccuracy()).isEqualTo(ea.testAccuracy());
                assertThat(eb.trainLoss()).isEqualTo(ea.trainLoss());
            } else {
                assertThat(eventsB.get(i)).isEqualTo(eventsA.get(i));
            }
        }
        assertThat(historyB.get(1).trainAccuracy()).isEqualTo(historyA.get(1).trainAccuracy());
    }

    /**
     * The data-parallel step in miniature: each batch is cut into two shards, each shard's
     * mean-loss gradient is weighted by its share of the batch, and the sum goes to the optimizer
     * through {@code setGrad}. Mathematically the whole batch's gradient; in float32 the sums are
     * rounded in another order, so the parameters agree closely but not bit for bit.
     */
    @Test
    void shardGradientsSummedThroughTheHookMatchTheWholeBatch() throws IOException {
        var a = new Sequential(new Linear(2, 32, new SplittableRandom(3)), new Relu(), new Linear(32, 2, new SplittableRandom(4)));
        var b = new Sequential(new Linear(2, 32, new SplittableRandom(3)), new Relu(), new Linear(32, 2, new SplittableRandom(4)));
        var historyA = new Trainer(a, LossFunction.crossEntropy(), new Sgd(a.parameters(), 0.5))
                .fit(DataLoader.shuffled(MOONS, 64, 7), 3);
        var loader = DataLoader.shuffled(MOONS, 64, 7);
        GradientSource sharded = new GradientSource() {
            private Iterator<Batch> batches;

            @Override public int batchesPerEpoch() { return loader.batchesPerEpoch(); }
            @Override public int examplesPerEpoch() { return MOONS.size(); }

            @Override
            public Step compute(int epoch, int batch, long step) {
                if (batch == 0) batches = loader.epoch(epoch).iterator();
                var whole = batches.next();
                int n = whole.size(), cut = n / 3;
                var params = b.parameters();
                double[][] sums = new double[params.size()][];
                double loss = 0;
                long correct = 0;
                for (int[] r : new int[][] {{cut, n}, {0, cut}}) { // the order of arrival does not matter
                    var labels = Arrays.copyOfRange(whole.labels(), r[0], r[1]);
                    b.zeroGrad();
                    Tensor out = b.forward(whole.x().narrow(0, r[0], r[1] - r[0]));
                    Tensor l = Losses.crossEntropy(out, labels).mul((double) (r[1] - r[0]) / n);
                    l.backward();
                    loss += l.item();
                    correct += Metrics.correct(out, labels);
                    for (int i = 0; i < params.size(); i++) {
                        double[] g = params.get(i).grad().toDoubleArray();
                        if (sums[i] == null) sums[i] = g;
                        else for (int j = 0; j < g.length; j++) sums[i][j] += g[j];
                    }
                }
                for (int i = 0; i < params.size(); i++) {
                    params.get(i).setGrad(Tensor.of(sums[i], params.get(i).shape()).to(DType.FLOAT32));
                }
                return new Step(loss, n, correct);
            }
        };
        var historyB = new Trainer(b, LossFunction.crossEntropy(), new Sgd(b.parameters(), 0.5)).fit(sharded, 3);
        var sa = a.stateDict();
        for (var e : b.stateDict().entrySet()) {
            double[] x = e.getValue().toDoubleArray(), y = sa.get(e.getKey()).toDoubleArray();
            for (int i = 0; i < x.length; i++) assertThat(x[i]).as(e.getKey()).isCloseTo(y[i], offset(2e-5));
        }
        assertThat(historyB.get(2).trainLoss()).isCloseTo(historyA.get(2).trainLoss(), offset(1e-5));
        assertThat(historyB.get(2).trainAccuracy()).isEqualTo(historyA.get(2).trainAccuracy());
    }

    @Test
    void checkpointsHoldMetadataAndRejectAnotherModel() throws IOException {
        Path ckpt = dir.resolve("c.safetensors");
        var rng = new ResumableRandom(1);
        var model = model(3, rng);
        var opt = new Sgd(model.parameters(), 0.1);
        new Trainer(model, LossFunction.crossEntropy(), opt).random(rng).checkpoint(ckpt)
                .fit(DataLoader.inOrder(MOONS, 100), 1);
        var meta = SafeTensors.readMetadata(ckpt);
        assertThat(meta).containsEntry("epoch", "1").containsEntry("step", "4").containsEntry("optimizer", "Sgd")
                .containsEntry("rng", Long.toString(rng.state())).containsKey("jgrad.version");
        assertThat(meta.get("architecture")).contains("Linear(in=2, out=32)");
        assertThat(SafeTensors.load(ckpt).keySet()).contains("model.0.weight", "optimizer.lr");
        try (var files = Files.list(dir)) {
            assertThat(files).containsExactly(ckpt);
        }
        var other = new Sequential(new Linear(2, 8, new SplittableRandom(1)));
        assertThatThrownBy(() -> Checkpoint.load(ckpt, other, new Sgd(other.parameters(), 0.1)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("unexpected [3.bias");
        assertThatThrownBy(() -> Checkpoint.load(ckpt, model, new Adam(model.parameters(), 0.1)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("saved with optimizer Sgd");
        Path adamCkpt = dir.resolve("adam.safetensors");
        var adamModel = model(3, new ResumableRandom(1));
        new Trainer(adamModel, LossFunction.crossEntropy(), new Adam(adamModel.parameters(), 0.01))
                .checkpoint(adamCkpt).fit(DataLoader.inOrder(MOONS, 100), 1);
        var fresh = model(4, new ResumableRandom(1));
        var freshState = fresh.stateDict();
        var partialOptimizer = new Adam(fresh.parameters().subList(0, 2), 0.01); // fits the model, not the optimizer
        assertThatThrownBy(() -> Checkpoint.load(adamCkpt, fresh, partialOptimizer))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("unexpected entry '2.");
        fresh.stateDict().forEach((name, t) -> assertThat(t.toDoubleArray()).as(name)
                .containsExactly(freshState.get(name).toDoubleArray())); // the model was left as it was
        Path plain = dir.resolve("plain.safetensors");
        SafeTensors.save(plain, model.stateDict());
        assertThatThrownBy(() -> Checkpoint.load(plain, model, opt)).isInstanceOf(IOException.class)
                .hasMessageContaining("not a jgrad checkpoint");
    }

    @Test
    void allFiniteFindsEveryNanAndInfinityAndNothingElse() {
        float[] finite = {0f, -0f, Float.MIN_VALUE, -Float.MIN_NORMAL, Float.MAX_VALUE, -Float.MAX_VALUE, 1f, -3.5e-20f};
        assertThat(Trainer.allFinite(Tensor.of(finite, finite.length))).isTrue();
        for (float bad : new float[] {Float.NaN, Float.POSITIVE_INFINITY, Float.NEGATIVE_INFINITY, Float.intBitsToFloat(0xFFC00001)}) {
            for (int at : new int[] {0, 3, 7}) {
                float[] f = finite.clone();
                f[at] = bad;
                assertThat(Trainer.allFinite(Tensor.of(f, f.length))).as("%s at %d", bad, at).isFalse();
            }
        }
        double[] finiteD = {0, -0.0, Double.MIN_VALUE, Double.MAX_VALUE, -Double.MAX_VALUE, 1e300};
        assertThat(Trainer.allFinite(Tensor.of(finiteD, finiteD.length))).isTrue();
        for (double bad : new double[] {Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY}) {
            double[] d = finiteD.clone();
            d[4] = bad;
            assertThat(Trainer.allFinite(Tensor.of(d, d.length))).as("%s", bad).isFalse();
        }
    }

    @Test
    void aNonFiniteLossStopsTrainingNamingTheStep() {
        var model = model(3, new ResumableRandom(1));
        var trainer = new Trainer(model, (out, b) -> out.sum().mul(Double.NaN), new Sgd(model.parameters(), 0.1));
        assertThatThrownBy(() -> trainer.fit(DataLoader.inOrder(MOONS, 100), 1)).isInstanceOf(NonFiniteException.class)
                .hasMessageContaining("step 1 (epoch 1): loss is not finite (NaN)");
    }

    @Test
    void aNonFiniteGradientStopsTrainingNamingTheParameter() {
        // all-zero weights give output 0, and d sqrt(x)/dx is infinite at 0: the gradient is NaN
        Layer model = new Sequential(new Linear(Tensor.zeros(2, 2), Tensor.zeros(2)));
        var trainer = new Trainer(model, (out, b) -> out.mul(out).sum().sqrt(), new Sgd(model.parameters(), 0.1));
        assertThatThrownBy(() -> trainer.fit(DataLoader.inOrder(MOONS, 100), 1)).isInstanceOf(NonFiniteException.class)
                .hasMessageContaining("step 1").hasMessageContaining("gradient of 0.weight is not finite")
                .satisfies(e -> assertThat(((NonFiniteException) e).where()).isEqualTo("gradient of 0.weight"));
    }

    @Test
    void regressionOnTheSineCurve() throws IOException {
        var init = new SplittableRandom(4);
        var model = new Sequential(new Linear(1, 16, init), new jgrad.nn.Tanh(), new Linear(16, 1, init));
        var data = ToyData.sine(128, 0.0, new SplittableRandom(1)).toDataset();
        var history = new Trainer(model, LossFunction.mse(), new Adam(model.parameters(), 0.02))
                .fit(DataLoader.shuffled(data, 16, 3), DataLoader.inOrder(data, 128), 40);
        assertThat(history.get(39).testLoss()).isLessThan(0.01);
        assertThat(history.get(39).testAccuracy()).isNaN();
        assertThat(history.get(39).trainAccuracy()).isNaN();
    }
}
