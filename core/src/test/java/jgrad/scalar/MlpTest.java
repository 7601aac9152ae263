package jgrad.scalar;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class MlpTest {

    @Test
    void hasOneWeightPerInputAndOneBiasPerNeuron() {
        var model = new Mlp(new SplittableRandom(1), 2, 16, 16, 1);
        assertThat(model.parameters()).hasSize(2 * 16 + 16 + 16 * 16 + 16 + 16 + 1); // 337
        assertThat(model.layers()).hasSize(3);
        assertThat(model.layers().get(1).neurons()).hasSize(16);
        assertThat(model.forward(0.5, -0.5)).hasSize(1);
    }

    @Test
    void initialisesLikeMicrograd() {
        var model = new Mlp(new SplittableRandom(7), 3, 50, 1);
        for (NeuronLayer layer : model.layers()) {
            for (Neuron n : layer.neurons()) {
                assertThat(n.bias().data()).isEqualTo(0.0);
                for (Value w : n.weights()) assertThat(w.data()).isBetween(-1.0, 1.0);
            }
        }
        assertThat(model.layers().get(0).neurons().get(0).activation()).isEqualTo(Neuron.Activation.RELU);
        assertThat(model.layers().get(1).neurons().get(0).activation()).isEqualTo(Neuron.Activation.LINEAR);
    }

    @Test
    void sameSeedGivesTheSameModel() {
        assertThat(data(new Mlp(new SplittableRandom(3), 2, 4, 1)))
                .containsExactlyElementsOf(data(new Mlp(new SplittableRandom(3), 2, 4, 1)));
        assertThat(data(new Mlp(2, 4, 1))).containsExactlyElementsOf(data(new Mlp(2, 4, 1)));
        assertThat(data(new Mlp(2, 4, 1))).containsExactlyElementsOf(data(new Mlp(new SplittableRandom(Mlp.DEFAULT_SEED), 2, 4, 1)));
        assertThat(data(new Mlp(new SplittableRandom(3), 2, 4, 1)))
                .isNotEqualTo(data(new Mlp(new SplittableRandom(4), 2, 4, 1)));
    }

    @Test
    void theLastLayerIsLinearSoItsOutputCanBeNegative() {
        var model = new Mlp(new SplittableRandom(5), 1, 8, 1);
        model.layers().getLast().neurons().get(0).bias().setData(-100); // a ReLU output would clamp this to 0
        assertThat(model.forward(0.0).get(0).data()).isLessThan(-50.0);
    }

    @Test
    void neuronComputesActivationOfWeightedSum() {
        var n = new Neuron(2, Neuron.Activation.TANH, new SplittableRandom(2));
        double w0 = n.weights().get(0).data(), w1 = n.weights().get(1).data();
        n.bias().setData(0.3);
        Value y = n.forward(List.of(Value.of(1.5), Value.of(-2.0)));
        assertThat(y.data()).isEqualTo(Math.tanh(0.3 + w0 * 1.5 + w1 * -2.0));
    }

    @Test
    void zeroGradClearsEveryParameter() {
        var model = new Mlp(new SplittableRandom(1), 2, 3, 1);
        model.forward(1.0, 2.0).get(0).backward();
        assertThat(model.parameters()).anyMatch(p -> p.grad() != 0);
        model.zeroGrad();
        assertThat(model.parameters()).allMatch(p -> p.grad() == 0);
    }

    @Test
    void rejectsInputsOfTheWrongSize() {
        var model = new Mlp(new SplittableRandom(1), 2, 3, 1);
        assertThatThrownBy(() -> model.forward(1.0, 2.0, 3.0))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("got 3 inputs, expected 2");
        assertThatThrownBy(() -> new Mlp(2)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Mlp(2, 0)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void learnsXor() {
        double[][] x = {{0, 0}, {0, 1}, {1, 0}, {1, 1}};
        double[] y = {0, 1, 1, 0};
        var model = new Mlp(new SplittableRandom(11), Neuron.Activation.TANH, Neuron.Activation.LINEAR, 2, 8, 1);
        double first = 0, last = 0;
        for (int step = 0; step < 500; step++) {
            Value loss = Value.of(0);
            for (int i = 0; i < 4; i++) loss = loss.add(model.forward(x[i]).get(0).sub(y[i]).pow(2));
            if (step == 0) first = loss.data();
            last = loss.data();
            model.zeroGrad();
            loss.backward();
            for (Value p : model.parameters()) p.setData(p.data() - 0.05 * p.grad());
        }
        assertThat(last).isLessThan(0.01).isLessThan(first / 10);
        for (int i = 0; i < 4; i++) assertThat(Math.round(model.forward(x[i]).get(0).data())).isEqualTo((long) y[i]);
    }

    @Test
    void moonsLossGradientsMatchFiniteDifferences() {
        // the moons workload's loss (mean SVM max-margin + 1e-4 L2) on a small net: every parameter,
        // used by every point and by the L2 term, collects its gradient from all of its uses
        var rng = new SplittableRandom(5);
        double[][] x = new double[8][];
        double[] y = new double[8];
        for (int i = 0; i < x.length; i++) {
            x[i] = new double[] {rng.nextDouble(-1.5, 2.5), rng.nextDouble(-1, 1.5)};
            y[i] = i % 2 == 0 ? 1 : -1;
        }
        var model = new Mlp(rng, 2, 4, 4, 1);
        model.zeroGrad();
        svmLoss(model, x, y).backward();
        for (Value p : model.parameters()) {
            double eps = 1e-6, p0 = p.data();
            p.setData(p0 + eps);
            double plus = svmLoss(model, x, y).data();
            p.setData(p0 - eps);
            double minus = svmLoss(model, x, y).data();
            p.setData(p0);
            double numeric = (plus - minus) / (2 * eps);
            assertThat(p.grad()).isCloseTo(numeric, within(1e-7 + 1e-5 * Math.abs(numeric)));
        }
    }

    private static Value svmLoss(Mlp model, double[][] x, double[] y) {
        Value dataLoss = Value.of(0);
        for (int i = 0; i < x.length; i++) dataLoss = dataLoss.add(model.forward(x[i]).get(0).mul(-y[i]).add(1).relu());
        Value reg = Value.of(0);
        for (Value p : model.parameters()) reg = reg.add(p.mul(p));
        return dataLoss.mul(1.0 / x.length).add(reg.mul(1e-4));
    }

    private static List<Double> data(Mlp model) {
        List<Double> out = new ArrayList<>();
        for (Value p : model.parameters()) out.add(p.data());
        return out;
    }
}
