package jgrad.optim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Random;
import java.util.function.Function;
import jgrad.io.SafeTensors;
import jgrad.tensor.DType;
import jgrad.tensor.Tensor;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class OptimizerTest {
    private static Tensor param(double... values) {
        return Tensor.of(values, values.length).requiresGrad(true);
    }

    private static void lossStep(Optimizer o, Tensor... ps) {
        o.zeroGrad();
        Tensor loss = Tensor.scalar(DType.FLOAT64, 0);
        for (Tensor p : ps) loss = loss.add(p.mul(p).sum().mul(0.5).add(p.sum()));
        loss.backward();
        o.step();
    }

    @Test
    void stateDictRestoresAnInterruptedRunBitForBit() {
        var rng = new Random(3);
        double[] init = new double[6];
        for (int i = 0; i < init.length; i++) init[i] = rng.nextGaussian();

        Tensor a = param(init.clone());
        var straight = new Adam(List.of(a), 0.05);
        for (int i = 0; i < 5; i++) lossStep(straight, a);

        Tensor b = param(init.clone());
        var first = new Adam(List.of(b), 0.05);
        for (int i = 0; i < 2; i++) lossStep(first, b);
        var saved = first.stateDict();
        assertThat(saved.keySet()).containsExactly("lr", "0.m", "0.v", "0.step");
        assertThat(saved.get("0.m").shape()).containsExactly(6);

        var resumed = new Adam(List.of(b), 1.0);
        resumed.loadStateDict(saved);
        assertThat(resumed.lr()).isEqualTo(0.05);
        for (int i = 0; i < 3; i++) lossStep(resumed, b);
        assertThat(b.toDoubleArray()).containsExactly(a.toDoubleArray());
    }

    private static Optimizer make(String kind, List<Tensor> ps) {
        return switch (kind) {
            case "sgd" -> new Sgd(ps, 0.05).momentum(0.9).weightDecay(0.01);
            case "nesterov" -> new Sgd(ps, 0.05).nesterov(0.8);
            case "adagrad" -> new AdaGrad(ps, 0.05).weightDecay(0.01);
            case "rmsprop" -> new RmsProp(ps, 0.01).momentum(0.5);
            case "adam" -> new Adam(ps, 0.05).weightDecay(0.01);
            case "adamw" -> new AdamW(ps, 0.05);
            default -> throw new IllegalArgumentException(kind);
        };
    }

    /** Float32 weight (2, 3) and a one-element float32 bias, with a loss that mixes them. */
    private static void float32Step(Optimizer o, Tensor w, Tensor b) {
        o.zeroGrad();
        w.tanh().mul(w).sum().add(b.mul(b).mul(w.sum()).sum()).backward();
        o.step();
    }

    /**
     * A checkpoint written before Adam kept float32 moments (float64 "m" and "v") still resumes a
     * float32 run: the moments are rounded to float once, as if they had been saved as float32.
     */
    @Test
    void float64MomentsLoadIntoFloat32Adam() {
        double[] m = {0.01, -0.2, 1e-3, 0.3, -0.05, 0.07};
        double[] v = {1e-4, 4e-2, 1e-6, 9e-2, 2.5e-3, 4.9e-3};
        float[] mf = new float[6], vf = new float[6];
        for (int j = 0; j < 6; j++) {
            mf[j] = (float) m[j];
            vf[j] = (float) v[j];
        }
        var old = new LinkedHashMap<String, Tensor>();
        old.put("lr", Tensor.of(new double[] {0.05}, 1));
        old.put("0.m", Tensor.of(m, 2, 3));
        old.put("0.v", Tensor.of(v, 2, 3));
        old.put("0.step", Tensor.of(new double[] {2}, 1));
        var rounded = new LinkedHashMap<>(old);
        rounded.put("0.m", Tensor.of(mf, 2, 3));
        rounded.put("0.v", Tensor.of(vf, 2, 3));

        float[] w0 = {0.3f, -0.7f, 1.1f, 0.05f, -0.4f, 0.9f};
        Tensor w = Tensor.of(w0.clone(), 2, 3).requiresGrad(true);
        Tensor w2 = Tensor.of(w0.clone(), 2, 3).requiresGrad(true);
        Tensor b = Tensor.of(new float[] {0.5f}, 1).requiresGrad(true);
        var fromOld = new Adam(List.of(w), 1.0);
        fromOld.loadStateDict(old);
        var fromRounded = new Adam(List.of(w2), 1.0);
        fromRounded.loadStateDict(rounded);
        for (int i = 0; i < 3; i++) {
            float32Step(fromOld, w, b);
            float32Step(fromRounded, w2, b);
        }
        assertThat(w.floatData()).containsExactly(w2.floatData());
        assertThat(w.floatData()).isNotEqualTo(w0);
        assertThat(fromOld.stateDict().get("0.m").dtype()).isEqualTo(DType.FLOAT32);
        assertThat(fromOld.stateDict().get("0.m").toFloatArray()).containsExactly(fromRounded.stateDict().get("0.m").toFloatArray());
        assertThat(fromOld.stateDict().get("0.step").item()).isEqualTo(5.0);
    }

    /**
     * Every optimizer on float32 parameters: 2 steps, state saved to a safetensors file, a fresh
     * optimizer restored from it, 3 more steps, equals 5 uninterrupted steps bit for bit.
     */
    @ParameterizedTest
    @ValueSource(strings = {"sgd", "nesterov", "adagrad", "rmsprop", "adam", "adamw"})
    void float32StateRoundTripsThroughSafeTensors(String kind, @TempDir Path dir) throws IOException {
        float[] w0 = {0.3f, -0.7f, 1.1f, 0.05f, -0.4f, 0.9f};
        Function<float[], Tensor> leaf = v -> Tensor.of(v.clone(), v.length == 1 ? new int[] {1} : new int[] {2, 3})
                .requiresGrad(true);
        Tensor w = leaf.apply(w0), b = leaf.apply(new float[] {0.5f});
        Optimizer straight = make(kind, List.of(w, b));
        for (int i = 0; i < 5; i++) float32Step(straight, w, b);

        Tensor w2 = leaf.apply(w0), b2 = leaf.apply(new float[] {0.5f});
        Optimizer first = make(kind, List.of(w2, b2));
        for (int i = 0; i < 2; i++) float32Step(first, w2, b2);
        Path file = dir.resolve(kind + ".safetensors");
        SafeTensors.save(file, first.stateDict());
        Optimizer resumed = make(kind, List.of(w2, b2));
        resumed.setLr(1.0);
        resumed.loadStateDict(SafeTensors.load(file));
        for (int i = 0; i < 3; i++) float32Step(resumed, w2, b2);

        assertThat(w2.dtype()).isEqualTo(DType.FLOAT32);
        assertThat(w2.floatData()).containsExactly(w.floatData());
        assertThat(b2.floatData()).containsExactly(b.floatData());
        assertThat(w.floatData()).isNotEqualTo(w0); // it did move
    }

    @Test
    void stateDictIsASnapshot() {
        Tensor p = param(1, 2);
        var sgd = new Sgd(List.of(p), 0.1).momentum(0.9);
        lossStep(sgd, p);
        var saved = sgd.stateDict();
        double[] before = saved.get("0.momentum").toDoubleArray();
        lossStep(sgd, p);
        assertThat(saved.get("0.momentum").toDoubleArray()).containsExactly(before);
    }

    @Test
    void loadStateDictRejectsForeignEntries() {
        Tensor p = param(1, 2, 3);
        var adam = new Adam(List.of(p), 0.1);
        var wrongShape = new LinkedHashMap<String, Tensor>();
        wrongShape.put("lr", Tensor.of(new double[] {0.1}, 1));
        wrongShape.put("0.m", Tensor.zeros(DType.FLOAT64, 2));
        assertThatThrownBy(() -> adam.loadStateDict(wrongShape))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("0.m").hasMessageContaining("[3]");
        // a one-element moment for a three-element parameter used to be accepted and broke step()
        var scalarMoment = new LinkedHashMap<String, Tensor>();
        scalarMoment.put("lr", Tensor.of(new double[] {0.1}, 1));
        scalarMoment.put("0.m", Tensor.zeros(DType.FLOAT64, 1));
        assertThatThrownBy(() -> adam.loadStateDict(scalarMoment))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("'0.m'").hasMessageContaining("needs 3 values");
        var longCounter = new LinkedHashMap<String, Tensor>();
        longCounter.put("lr", Tensor.of(new double[] {0.1}, 1));
        longCounter.put("0.step", Tensor.zeros(DType.FLOAT64, 3));
        assertThatThrownBy(() -> adam.loadStateDict(longCounter)).hasMessageContaining("needs 1 values");
        var unknownParam = new LinkedHashMap<String, Tensor>();
        unknownParam.put("lr", Tensor.of(new double[] {0.1}, 1));
        unknownParam.put("4.m", Tensor.zeros(DType.FLOAT64, 3));
        assertThatThrownBy(() -> adam.loadStateDict(unknownParam)).hasMessageContaining("unexpected entry '4.m'");
        assertThatThrownBy(() -> adam.loadStateDict(java.util.Map.of())).hasMessageContaining("'lr'");
        Tensor q = param(1, 2, 3);
        var sgd = new Sgd(List.of(q), 0.1).momentum(0.9);
        lossStep(sgd, q);
        assertThatThrownBy(() -> adam.loadStateDict(sgd.stateDict()))
                .hasMessageContaining("unexpected entry '0.momentum'").hasMessageContaining("another optimizer");
    }

    @Test
    void parametersWithoutGradientAreSkippedAndDuplicatesCountOnce() {
        Tensor used = param(1, 1);
        Tensor unused = param(5, 5);
        var sgd = new Sgd(List.of(used, unused, used), 0.5);
        assertThat(sgd.params()).hasSize(2);
        sgd.zeroGrad();
        used.sum().backward();
        sgd.step();
        assertThat(used.toDoubleArray()).containsExactly(0.5, 0.5);
        assertThat(unused.toDoubleArray()).containsExactly(5, 5);
    }

    @Test
    void float32ParametersAreUpdatedInPlace() {
        Tensor p = Tensor.of(new float[] {1f, -2f}, 2).requiresGrad(true);
        float[] live = p.floatData();
        var sgd = new Sgd(List.of(p), 0.25);
        p.mul(p).sum().backward();
        sgd.step();
        assertThat(live).containsExactly(0.5f, -1f);
    }

    @Test
    void rejectsBadSettings() {
        Tensor p = param(1);
        assertThatThrownBy(() -> new Sgd(List.of(p), -1)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("learning rate");
        assertThatThrownBy(() -> new Sgd(List.of(Tensor.zeros(2)), 0.1)).hasMessageContaining("does not require a gradient");
        assertThatThrownBy(() -> new Sgd(List.of(p), 0.1).momentum(1.5)).hasMessageContaining("momentum");
        assertThatThrownBy(() -> new Sgd(List.of(p), 0.1).dampening(0.5).nesterov(0.9)).hasMessageContaining("dampening");
        assertThatThrownBy(() -> new Adam(List.of(p), 0.1).betas(0.9, 1.0)).hasMessageContaining("betas");
        assertThatThrownBy(() -> new AdamW(List.of(p), 0.1).weightDecay(-1)).hasMessageContaining("weight decay");
        assertThatThrownBy(() -> GradClip.byGlobalNorm(List.of(p), 0)).hasMessageContaining("maxNorm");
        assertThatThrownBy(() -> LrSchedule.cosine(0.1, 0, 0)).hasMessageContaining("tMax");
    }

    @Test
    void clippingLeavesSmallGradientsAlone() {
        Tensor p = param(3, 4);
        p.sum().backward(); // grad (1, 1), norm sqrt(2)
        assertThat(GradClip.byGlobalNorm(List.of(p), 10)).isEqualTo(Math.sqrt(2));
        assertThat(p.grad().toDoubleArray()).containsExactly(1, 1);
        assertThat(GradClip.byGlobalNorm(List.of(p), 1)).isEqualTo(Math.sqrt(2));
        assertThat(GradClip.globalNorm(List.of(p))).isCloseTo(1, org.assertj.core.api.Assertions.within(1e-6));
    }

    @Test
    void warmupThenCosineIsContinuous() {
        var schedule = LrSchedule.warmup(5, 0.1, LrSchedule.cosine(0.1, 10, 0.0));
        assertThat(schedule.lr(0)).isCloseTo(0.01, org.assertj.core.api.Assertions.within(1e-15));
        assertThat(schedule.lr(5)).isEqualTo(0.1);
        assertThat(schedule.lr(15)).isEqualTo(0.0);
        Tensor p = param(1);
        var sgd = new Sgd(List.of(p), 1);
        schedule.apply(sgd, 5);
        assertThat(sgd.lr()).isEqualTo(0.1);
    }
}
