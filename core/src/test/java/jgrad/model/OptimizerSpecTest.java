package jgrad.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.function.Function;
import jgrad.optim.AdaGrad;
import jgrad.optim.Adam;
import jgrad.optim.AdamW;
import jgrad.optim.Optimizer;
import jgrad.optim.RmsProp;
import jgrad.optim.Sgd;
import jgrad.tensor.Tensor;
import org.junit.jupiter.api.Test;

class OptimizerSpecTest {
    /** Each kind with non-default values, and the same optimizer built by hand. */
    private static final Map<OptimizerSpec, Function<List<Tensor>, Optimizer>> KINDS = Map.of(
            new OptimizerSpec.Sgd(0.3, 1e-3), p -> new Sgd(p, 0.3).weightDecay(1e-3),
            new OptimizerSpec.Momentum(0.05, 0.8, 0.1, 1e-4), p -> new Sgd(p, 0.05).momentum(0.8).dampening(0.1).weightDecay(1e-4),
            new OptimizerSpec.Nesterov(0.02, 0.95, 5e-4), p -> new Sgd(p, 0.02).nesterov(0.95).weightDecay(5e-4),
            new OptimizerSpec.AdaGrad(0.2, 1e-6, 0.01), p -> new AdaGrad(p, 0.2).eps(1e-6).weightDecay(0.01),
            new OptimizerSpec.RmsProp(0.01, 0.9, 1e-6, 0.5, 0.02), p -> new RmsProp(p, 0.01).alpha(0.9).eps(1e-6).momentum(0.5).weightDecay(0.02),
            new OptimizerSpec.Adam(0.004, 0.8, 0.99, 1e-7, 0.03), p -> new Adam(p, 0.004).betas(0.8, 0.99).eps(1e-7).weightDecay(0.03),
            new OptimizerSpec.AdamW(0.004, 0.85, 0.98, 1e-6, 0.05), p -> new AdamW(p, 0.004).betas(0.85, 0.98).eps(1e-6).weightDecay(0.05));

    @Test
    void jsonRoundTripsEveryKindExactly() {
        assertThat(KINDS.keySet().stream().map(OptimizerSpec::name).sorted()).containsExactlyElementsOf(
                OptimizerSpec.NAMES.stream().sorted().toList());
        for (OptimizerSpec spec : KINDS.keySet()) {
            OptimizerSpec back = OptimizerSpec.fromJson(spec.toJson());
            assertThat(back).isEqualTo(spec);
            assertThat(back.toJson()).isEqualTo(spec.toJson());
        }
        assertThat(new OptimizerSpec.Adam(0.001, 0.9, 0.999, 1e-8, 0).toJson())
                .isEqualTo("{\"type\":\"adam\",\"lr\":0.001,\"beta1\":0.9,\"beta2\":0.999,\"eps\":1.0E-8,\"weight_decay\":0.0}");
    }

    @Test
    void buildPassesEveryHyperParameterOn() {
        for (var e : KINDS.entrySet()) {
            List<Tensor> a = params();
            List<Tensor> b = params();
            Optimizer fromSpec = e.getKey().build(a);
            Optimizer byHand = e.getValue().apply(b);
            assertThat(fromSpec.getClass()).isEqualTo(byHand.getClass());
            for (int step = 0; step < 3; step++) {
                for (int i = 0; i < 2; i++) {
                    a.get(i).sum().mul(1.5 + step).add(a.get(i).mul(a.get(i)).sum()).backward();
                    b.get(i).sum().mul(1.5 + step).add(b.get(i).mul(b.get(i)).sum()).backward();
                }
                fromSpec.step();
                byHand.step();
                fromSpec.zeroGrad();
                byHand.zeroGrad();
            }
            for (int i = 0; i < 2; i++) {
                assertThat(a.get(i).floatData()).as(e.getKey().name()).containsExactly(b.get(i).floatData());
            }
        }
    }

    private static List<Tensor> params() {
        var rng = new SplittableRandom(5);
        return List.of(Tensor.randn(rng, 3, 2).requiresGrad(true), Tensor.randn(rng, 4).requiresGrad(true));
    }

    @Test
    void defaultsNamesAndLearningRate() {
        assertThat(OptimizerSpec.defaults("adam")).isEqualTo(new OptimizerSpec.Adam(0.001, 0.9, 0.999, 1e-8, 0));
        assertThat(OptimizerSpec.defaults(" Momentum ")).isEqualTo(new OptimizerSpec.Momentum(0.01, 0.9, 0, 0));
        assertThat(OptimizerSpec.defaults("adamw").withLr(0.5)).isEqualTo(new OptimizerSpec.AdamW(0.5, 0.9, 0.999, 1e-8, 0.01));
        for (String name : OptimizerSpec.NAMES) {
            OptimizerSpec spec = OptimizerSpec.defaults(name);
            assertThat(spec.name()).isEqualTo(name);
            assertThat(spec.withLr(0.25).lr()).isEqualTo(0.25);
            assertThat(spec.build(params()).lr()).isEqualTo(spec.lr());
        }
        assertThatThrownBy(() -> OptimizerSpec.defaults("lbfgs"))
                .hasMessage("optimizer 'lbfgs' is not one of sgd, momentum, nesterov, adagrad, rmsprop, adam, adamw");
    }

    @Test
    void jsonFieldsLeftOutTakeTheDefaultsAndBadValuesAreNamed() {
        assertThat(OptimizerSpec.fromJson("{\"type\": \"nesterov\", \"lr\": 0.05}")).isEqualTo(new OptimizerSpec.Nesterov(0.05, 0.9, 0));
        assertThatThrownBy(() -> OptimizerSpec.fromJson("{\"type\": \"adam\", \"beta1\": 1.5}"))
                .hasMessage("optimizer spec: Adam: betas must be in [0, 1), got 1.5 and 0.999");
        assertThatThrownBy(() -> OptimizerSpec.fromJson("{\"type\": \"adam\", \"momentum\": 0.9}"))
                .hasMessage("optimizer spec .momentum: unknown field (known: lr, beta1, beta2, eps, weight_decay)");
        assertThatThrownBy(() -> OptimizerSpec.fromJson("{\"type\": \"adamax\"}"))
                .hasMessageStartingWith("optimizer spec .type: 'adamax' is not one of sgd, momentum");
        assertThatThrownBy(() -> OptimizerSpec.fromJson("{\"type\": \"sgd\", \"lr\": \"fast\"}"))
                .hasMessage("optimizer spec .lr: expected a number, got \"fast\"");
        assertThatThrownBy(() -> OptimizerSpec.fromJson("{\"type\": \"sgd\", \"lr\": -1}"))
                .hasMessage("optimizer spec: Sgd: learning rate must be finite and >= 0, got -1.0");
    }
}
