package jgrad.nn;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.SplittableRandom;
import java.util.function.Function;
import jgrad.optim.Adam;
import jgrad.optim.Optimizer;
import jgrad.optim.Sgd;
import jgrad.tensor.Arena;
import jgrad.tensor.DType;
import jgrad.tensor.Tensor;
import jgrad.tensor.kernel.Parallel;
import org.junit.jupiter.api.Test;

/** {@link Arena}: the same bits as plain steps, released tensors fail loudly, and storage is recycled. */
class ArenaTest {
    private static final int STEPS = 3;

    private static Sequential convNet(DType dtype) {
        var rng = new SplittableRandom(7);
        return new Sequential(
                new Conv2d(Tensor.randn(rng, dtype, 4, 1, 3, 3).mul(0.3), Tensor.zeros(dtype, 4), 1, 0),
                new Relu(), new MaxPool2d(2, 2), new Flatten(),
                new Linear(Tensor.randn(rng, dtype, 16, 4 * 3 * 3).mul(0.2), Tensor.zeros(dtype, 16)), new Sigmoid(),
                new Linear(Tensor.randn(rng, dtype, 3, 16).mul(0.2), Tensor.zeros(dtype, 3)));
    }

    private static Tensor batch(DType dtype, int step) {
        return Tensor.randn(new SplittableRandom(100 + step), dtype, 5, 1, 8, 8);
    }

    private static final int[] LABELS = {0, 2, 1, 1, 0};

    /** Trains STEPS steps; returns the parameters' values and the losses (read inside the step). */
    private static List<double[]> train(DType dtype, Arena arena, Function<Layer, Optimizer> optimizer) {
        Sequential model = convNet(dtype);
        Optimizer opt = optimizer.apply(model);
        double[] losses = new double[STEPS];
        for (int s = 0; s < STEPS; s++) {
            Arena.Step step = arena == null ? null : arena.step();
            try {
                Tensor loss = Losses.crossEntropy(model.forward(batch(dtype, s)), LABELS);
                opt.zeroGrad();
                loss.backward();
                opt.step();
                losses[s] = loss.item();
            } finally {
                if (step != null) step.close();
            }
        }
        var out = new java.util.ArrayList<double[]>();
        for (Parameter p : model.parameters()) out.add(p.toDoubleArray());
        out.add(losses);
        return out;
    }

    @Test
    void stepsInAnArenaGiveTheSameBitsForAnyThreadCount() {
        for (DType dtype : DType.values()) {
            for (Function<Layer, Optimizer> opt : List.<Function<Layer, Optimizer>>of(
                    m -> new Sgd(m.parameters(), 0.1), m -> new Adam(m.parameters(), 0.01))) {
                List<double[]> plain = train(dtype, null, opt);
                for (int threads : new int[] {1, 2}) {
                    Object[] got = new Object[1];
                    Parallel.withThreads(threads, () -> got[0] = train(dtype, new Arena(), opt));
                    @SuppressWarnings("unchecked")
                    List<double[]> arena = (List<double[]>) got[0];
                    assertThat(arena).hasSameSizeAs(plain);
                    for (int i = 0; i < plain.size(); i++) assertThat(arena.get(i)).as(dtype + " #" + i).isEqualTo(plain.get(i));
                }
            }
        }
    }

    @Test
    void aTensorKeptPastItsStepFailsInsteadOfShowingALaterStep() {
        Sequential model = convNet(DType.FLOAT32);
        var opt = new Sgd(model.parameters(), 0.1);
        var arena = new Arena();
        Tensor logits, loss, kept;
        try (var step = arena.step()) {
            logits = model.forward(batch(DType.FLOAT32, 0));
            loss = Losses.crossEntropy(logits, LABELS);
            loss.backward();
            kept = logits.copy();
            assertThat(model.parameters().get(0).grad()).isNotNull();
            opt.step();
        }
        float[] keptValues = kept.toFloatArray();
        try (var step = arena.step()) { // a second step reuses the first one's arrays
            Losses.crossEntropy(model.forward(batch(DType.FLOAT32, 1)), LABELS).backward();
        }
        assertThat(kept.toFloatArray()).isEqualTo(keptValues);
        assertThatThrownBy(logits::toFloatArray).isInstanceOf(IllegalStateException.class).hasMessageContaining("released");
        assertThatThrownBy(loss::item).isInstanceOf(IllegalStateException.class).hasMessageContaining("copy()");
        assertThatThrownBy(loss::backward).isInstanceOf(IllegalStateException.class).hasMessageContaining("Arena step");
        assertThatThrownBy(() -> logits.reshape(-1)).isInstanceOf(IllegalStateException.class);
        assertThat(logits.toString()).contains("released");
        // copying from released storage would copy the later step's numbers
        assertThatThrownBy(() -> new Parameter(logits)).isInstanceOf(IllegalStateException.class).hasMessageContaining("released");
        assertThatThrownBy(() -> kept.set(logits)).isInstanceOf(IllegalStateException.class).hasMessageContaining("released");
        assertThat(kept.toFloatArray()).isEqualTo(keptValues);
        for (Parameter p : model.parameters()) assertThat(p.grad()).isNull(); // as after zeroGrad()
    }

    @Test
    void tensorsMadeByTheUserInAStepAreNotRecycled() {
        var arena = new Arena();
        Tensor z, r;
        try (var step = arena.step()) {
            z = Tensor.zeros(3).add(1); // an op result: recycled
            r = Tensor.randn(new SplittableRandom(1), 3); // made by the user: kept
        }
        assertThatThrownBy(z::toFloatArray).isInstanceOf(IllegalStateException.class);
        assertThat(r.toFloatArray()).hasSize(3);
    }

    @Test
    void viewsMadeOnAnotherThreadAreReleasedWithTheirStorage() throws Exception {
        var arena = new Arena();
        Tensor[] kept = new Tensor[2];
        try (var step = arena.step()) {
            Tensor y = Tensor.ones(2, 3).mul(2); // on the arena's storage
            Thread other = new Thread(() -> { // a thread with no step open: its views cannot register there
                kept[0] = y.reshape(6);
                kept[1] = y.detach();
            });
            other.start();
            other.join();
            assertThat(kept[0].toFloatArray()).containsOnly(2f); // live while the step is open
        }
        try (var step = arena.step()) {
            Tensor.ones(2, 3).mul(5); // takes the first step's array again
        }
        for (Tensor t : kept) {
            assertThatThrownBy(t::toFloatArray).isInstanceOf(IllegalStateException.class).hasMessageContaining("released");
            assertThatThrownBy(() -> t.set(Tensor.zeros(t.shape()))).isInstanceOf(IllegalStateException.class);
        }
    }

    @Test
    void stepsDoNotNest() throws InterruptedException {
        var arena = new Arena();
        try (var step = arena.step()) {
            assertThatThrownBy(arena::step).isInstanceOf(IllegalStateException.class).hasMessageContaining("already open");
            assertThatThrownBy(() -> new Arena().step()).isInstanceOf(IllegalStateException.class);
        }
        try (var step = arena.step()) {
            assertThat(step).isNotNull(); // open again after close
            Throwable[] fromOther = new Throwable[1];
            Thread other = new Thread(() -> {
                try {
                    step.close();
                } catch (IllegalStateException e) {
                    fromOther[0] = e;
                }
            });
            other.start();
            other.join();
            assertThat(fromOther[0]).hasMessageContaining("open on thread " + Thread.currentThread().getName());
        }
    }

    @Test
    void theNextStepReusesTheArraysOfTheLastOne() {
        var rng = new SplittableRandom(3);
        var model = new Sequential(new Linear(6, 5, rng), new Relu(), new Linear(5, 3, rng));
        var opt = new Sgd(model.parameters(), 0.01);
        Tensor x = Tensor.randn(rng, 4, 6);
        var arena = new Arena();
        float[][] logits = new float[2][], weightGrad = new float[2][];
        for (int s = 0; s < 2; s++) {
            try (var step = arena.step()) {
                Tensor y = model.forward(x);
                Losses.crossEntropy(y, new int[] {0, 1, 2, 0}).backward();
                logits[s] = y.floatData();
                weightGrad[s] = model.parameters().get(0).grad().floatData();
                opt.step();
            }
        }
        assertThat(logits[1]).isSameAs(logits[0]);
        assertThat(weightGrad[1]).isSameAs(weightGrad[0]);
    }
}
