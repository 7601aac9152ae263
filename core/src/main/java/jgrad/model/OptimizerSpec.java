package jgrad.model;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import jgrad.io.Json;
import jgrad.optim.Optimizer;
import jgrad.tensor.Tensor;

/**
 * An optimizer and its hyper-parameters as plain data: what a checkpoint records so that a
 * resumed run rebuilds the same optimizer, and what {@code --optimizer NAME} means. Each record
 * builds one of {@code jgrad.optim}'s optimizers with {@link #build}; its JSON form is
 * {@code {"type": "adam", "lr": 0.001, "beta1": 0.9, ...}} (every field written; fields left out
 * when reading take the defaults of {@link #defaults}).
 *
 * <p>Values are checked by the optimizer itself when it is built ({@link #fromJson} builds one
 * over no parameters to check), so the rules and messages live in one place.
 *
 * <pre>{@code
 * OptimizerSpec spec = OptimizerSpec.defaults("adam").withLr(3e-4);
 * Optimizer optimizer = spec.build(model.parameters());
 * }</pre>
 */
public sealed interface OptimizerSpec {
    /**
     * Plain SGD {@code p -= lr * (g + weightDecay * p)} ({@code jgrad.optim.Sgd}).
     *
     * @param lr the learning rate
     * @param weightDecay the L2 penalty added to the gradient ({@code g + weightDecay * p}); 0 for none
     */
    record Sgd(double lr, double weightDecay) implements OptimizerSpec {}

    /**
     * SGD with heavy-ball momentum ({@code Sgd.momentum}, PyTorch's formulation).
     *
     * @param lr the learning rate
     * @param momentum the factor of the previous velocity, in {@code [0, 1)}
     * @param dampening the share of the new gradient left out of the velocity, in {@code [0, 1]}; 0 for none
     * @param weightDecay the L2 penalty added to the gradient ({@code g + weightDecay * p}); 0 for none
     */
    record Momentum(double lr, double momentum, double dampening, double weightDecay) implements OptimizerSpec {}

    /**
     * SGD with Nesterov momentum ({@code Sgd.nesterov}).
     *
     * @param lr the learning rate
     * @param momentum the factor of the previous velocity, in {@code (0, 1)}
     * @param weightDecay the L2 penalty added to the gradient ({@code g + weightDecay * p}); 0 for none
     */
    record Nesterov(double lr, double momentum, double weightDecay) implements OptimizerSpec {}

    /**
     * AdaGrad ({@code jgrad.optim.AdaGrad}).
     *
     * @param lr the learning rate
     * @param eps added to the root of the summed squared gradients, against division by zero
     * @param weightDecay the L2 penalty added to the gradient ({@code g + weightDecay * p}); 0 for none
     */
    record AdaGrad(double lr, double eps, double weightDecay) implements OptimizerSpec {}

    /**
     * RMSProp ({@code jgrad.optim.RmsProp}); {@code momentum} 0 means none.
     *
     * @param lr the learning rate
     * @param alpha the decay of the running mean of squared gradients, in {@code [0, 1)}
     * @param eps added to the root of that mean, against division by zero
     * @param momentum the factor of the previous step, in {@code [0, 1)}
     * @param weightDecay the L2 penalty added to the gradient ({@code g + weightDecay * p}); 0 for none
     */
    record RmsProp(double lr, double alpha, double eps, double momentum, double weightDecay) implements OptimizerSpec {}

    /**
     * Adam with coupled L2 weight decay ({@code jgrad.optim.Adam}).
     *
     * @param lr the learning rate
     * @param beta1 the decay of the first-moment (mean) estimate, in {@code [0, 1)}
     * @param beta2 the decay of the second-moment estimate, in {@code [0, 1)}
     * @param eps added to the root of the second moment, against division by zero
     * @param weightDecay the L2 penalty added to the gradient ({@code g + weightDecay * p}); 0 for none
     */
    record Adam(double lr, double beta1, double beta2, double eps, double weightDecay) implements OptimizerSpec {}

    /**
     * Adam with decoupled weight decay ({@code jgrad.optim.AdamW}).
     *
     * @param lr the learning rate
     * @param beta1 the decay of the first-moment (mean) estimate, in {@code [0, 1)}
     * @param beta2 the decay of the second-moment estimate, in {@code [0, 1)}
     * @param eps added to the root of the second moment, against division by zero
     * @param weightDecay the decoupled decay: each step first multiplies {@code p} by {@code 1 - lr * weightDecay}
     */
    record AdamW(double lr, double beta1, double beta2, double eps, double weightDecay) implements OptimizerSpec {}

    /** The names {@link #defaults} knows, which are also the JSON types, in this order. */
    List<String> NAMES = List.of("sgd", "momentum", "nesterov", "adagrad", "rmsprop", "adam", "adamw");

    /** {@return the learning rate the optimizer starts with} */
    double lr();

    /**
     * The optimizer over {@code params}, in their order.
     *
     * @param params the tensors to update, e.g. {@code model.parameters()}
     * @return a new optimizer with no state (step 0)
     * @throws IllegalArgumentException if a hyper-parameter is out of range (the optimizer's own message)
     */
    default Optimizer build(List<? extends Tensor> params) {
        return Optimizers.build(this, params);
    }

    /**
     * {@return the same optimizer starting with learning rate {@code lr}}
     *
     * @param lr the new learning rate
     */
    default OptimizerSpec withLr(double lr) {
        return Optimizers.withLr(this, lr);
    }

    /** {@return the name of this kind, e.g. {@code "nesterov"}: its JSON type and its {@code --optimizer} value} */
    default String name() {
        return Optimizers.name(this);
    }

    /**
     * An optimizer named as {@code --optimizer} takes it, with jgrad's defaults: learning rates
     * sgd 0.1, momentum and nesterov 0.01 (momentum 0.9), adagrad 0.01, rmsprop 0.001 (alpha
     * 0.99), adam and adamw 0.001 (betas 0.9 and 0.999, eps 1e-8); weight decay 0 except adamw's
     * 0.01 (PyTorch's); eps 1e-10 for adagrad and 1e-8 for rmsprop (PyTorch's).
     *
     * @param name one of {@link #NAMES}, in any case
     * @return the spec with those defaults
     * @throws IllegalArgumentException naming the text and the known names
     */
    static OptimizerSpec defaults(String name) {
        return switch (name.strip().toLowerCase(Locale.ROOT)) {
            case "sgd" -> new Sgd(0.1, 0);
            case "momentum" -> new Momentum(0.01, 0.9, 0, 0);
            case "nesterov" -> new Nesterov(0.01, 0.9, 0);
            case "adagrad" -> new AdaGrad(0.01, 1e-10, 0);
            case "rmsprop" -> new RmsProp(0.001, 0.99, 1e-8, 0, 0);
            case "adam" -> new Adam(0.001, 0.9, 0.999, 1e-8, 0);
            case "adamw" -> new AdamW(0.001, 0.9, 0.999, 1e-8, 0.01);
            default -> throw new IllegalArgumentException("optimizer '" + name + "' is not one of " + String.join(", ", NAMES));
        };
    }

    /** {@return the compact JSON form (every field), which {@link #fromJson} reads back to an equal spec} */
    default String toJson() {
        return Json.write(Optimizers.toMap(this));
    }

    /**
     * Reads the JSON form; fields left out take the values of {@link #defaults} for the type.
     *
     * @param json an object with a {@code "type"} from {@link #NAMES} and the record's fields
     * @return the spec
     * @throws IllegalArgumentException naming the field and what is wrong, or the optimizer's own
     *     message for a value out of range
     */
    static OptimizerSpec fromJson(String json) {
        JsonFields f = JsonFields.parse(json, "optimizer spec");
        String type = f.string("type", null);
        if (!NAMES.contains(type)) throw f.error("type", "'" + type + "' is not one of " + String.join(", ", NAMES));
        Map<String, Object> fields = Optimizers.toMap(defaults(type));
        fields.remove("type");
        f.allow(fields.keySet().toArray(String[]::new));
        Map<String, Double> values = new LinkedHashMap<>();
        for (String name : fields.keySet()) values.put(name, f.number(name, ((Number) fields.get(name)).doubleValue()));
        OptimizerSpec spec = Optimizers.fromValues(type, values);
        try {
            spec.build(List.of());
        } catch (IllegalArgumentException e) {
            throw f.invalid(e);
        }
        return spec;
    }
}
