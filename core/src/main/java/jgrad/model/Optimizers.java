package jgrad.model;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import jgrad.optim.AdaGrad;
import jgrad.optim.Adam;
import jgrad.optim.AdamW;
import jgrad.optim.Optimizer;
import jgrad.optim.RmsProp;
import jgrad.optim.Sgd;
import jgrad.tensor.Tensor;

/** What {@link OptimizerSpec} does with a spec: build the optimizer, name it, write and read its fields. */
final class Optimizers {
    private Optimizers() {}

    static Optimizer build(OptimizerSpec spec, List<? extends Tensor> params) {
        return switch (spec) {
            case OptimizerSpec.Sgd s -> new Sgd(params, s.lr()).weightDecay(s.weightDecay());
            case OptimizerSpec.Momentum s ->
                    new Sgd(params, s.lr()).momentum(s.momentum()).dampening(s.dampening()).weightDecay(s.weightDecay());
            case OptimizerSpec.Nesterov s -> new Sgd(params, s.lr()).nesterov(s.momentum()).weightDecay(s.weightDecay());
            case OptimizerSpec.AdaGrad s -> new AdaGrad(params, s.lr()).eps(s.eps()).weightDecay(s.weightDecay());
            case OptimizerSpec.RmsProp s -> new RmsProp(params, s.lr()).alpha(s.alpha()).eps(s.eps()).momentum(s.momentum())
                    .weightDecay(s.weightDecay());
            case OptimizerSpec.Adam s -> new Adam(params, s.lr()).betas(s.beta1(), s.beta2()).eps(s.eps()).weightDecay(s.weightDecay());
            case OptimizerSpec.AdamW s -> new AdamW(params, s.lr()).betas(s.beta1(), s.beta2()).eps(s.eps()).weightDecay(s.weightDecay());
        };
    }

    static String name(OptimizerSpec spec) {
        return switch (spec) {
            case OptimizerSpec.Sgd s -> "sgd";
            case OptimizerSpec.Momentum s -> "momentum";
            case OptimizerSpec.Nesterov s -> "nesterov";
            case OptimizerSpec.AdaGrad s -> "adagrad";
            case OptimizerSpec.RmsProp s -> "rmsprop";
            case OptimizerSpec.Adam s -> "adam";
            case OptimizerSpec.AdamW s -> "adamw";
        };
    }

    /** The spec as a JSON map: {@code type} then the record's fields in order, in snake case. */
    static Map<String, Object> toMap(OptimizerSpec spec) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("type", name(spec));
        m.put("lr", spec.lr());
        switch (spec) {
            case OptimizerSpec.Sgd s -> m.put("weight_decay", s.weightDecay());
            case OptimizerSpec.Momentum s -> {
                m.put("momentum", s.momentum());
                m.put("dampening", s.dampening());
                m.put("weight_decay", s.weightDecay());
            }
            case OptimizerSpec.Nesterov s -> {
                m.put("momentum", s.momentum());
                m.put("weight_decay", s.weightDecay());
            }
            case OptimizerSpec.AdaGrad s -> {
                m.put("eps", s.eps());
                m.put("weight_decay", s.weightDecay());
            }
            case OptimizerSpec.RmsProp s -> {
                m.put("alpha", s.alpha());
                m.put("eps", s.eps());
                m.put("momentum", s.momentum());
                m.put("weight_decay", s.weightDecay());
            }
            case OptimizerSpec.Adam s -> putAdam(m, s.beta1(), s.beta2(), s.eps(), s.weightDecay());
            case OptimizerSpec.AdamW s -> putAdam(m, s.beta1(), s.beta2(), s.eps(), s.weightDecay());
        }
        return m;
    }

    private static void putAdam(Map<String, Object> m, double beta1, double beta2, double eps, double weightDecay) {
        m.put("beta1", beta1);
        m.put("beta2", beta2);
        m.put("eps", eps);
        m.put("weight_decay", weightDecay);
    }

    /** A spec of kind {@code type} from the values {@link #toMap} writes (all present). */
    static OptimizerSpec fromValues(String type, Map<String, Double> v) {
        double lr = v.get("lr");
        double wd = v.get("weight_decay");
        return switch (type) {
            case "sgd" -> new OptimizerSpec.Sgd(lr, wd);
            case "momentum" -> new OptimizerSpec.Momentum(lr, v.get("momentum"), v.get("dampening"), wd);
            case "nesterov" -> new OptimizerSpec.Nesterov(lr, v.get("momentum"), wd);
            case "adagrad" -> new OptimizerSpec.AdaGrad(lr, v.get("eps"), wd);
            case "rmsprop" -> new OptimizerSpec.RmsProp(lr, v.get("alpha"), v.get("eps"), v.get("momentum"), wd);
            case "adam" -> new OptimizerSpec.Adam(lr, v.get("beta1"), v.get("beta2"), v.get("eps"), wd);
            case "adamw" -> new OptimizerSpec.AdamW(lr, v.get("beta1"), v.get("beta2"), v.get("eps"), wd);
            default -> throw new IllegalArgumentException("optimizer '" + type + "' is not one of " + OptimizerSpec.NAMES);
        };
    }

    /** {@code spec} with learning rate {@code lr}: its JSON values with {@code lr} replaced. */
    static OptimizerSpec withLr(OptimizerSpec spec, double lr) {
        Map<String, Double> values = new LinkedHashMap<>();
        toMap(spec).forEach((k, v) -> {
            if (v instanceof Double d) values.put(k, d);
        });
        values.put("lr", lr);
        return fromValues(name(spec), values);
    }
}
