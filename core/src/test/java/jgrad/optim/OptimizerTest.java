package jgrad.optim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Random;
import jgrad.tensor.DType;
import jgrad.tensor.Tensor;
import org.junit.jupiter.api.Test;

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
        var wrongShape = new java.util.LinkedHashMap<String, Tensor>();
        wrongShape.put("lr", Tensor.of(new double[] {0.1}, 1));
        wrongShape.put("0.m", Tensor.zeros(DType.FLOAT64, 2));
        assertThatThrownBy(() -> adam.loadStateDict(wrongShape))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("0.m").hasMessageContaining("[3]");
        var unknownParam = new java.util.LinkedHashMap<String, Tensor>();
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
