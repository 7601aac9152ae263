package jgrad.spark;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.random.RandomGenerator;
import jgrad.nn.BatchNorm1d;
import jgrad.nn.BatchNorm2d;
import jgrad.nn.Conv2d;
import jgrad.nn.Dropout;
import jgrad.nn.Flatten;
import jgrad.nn.Init;
import jgrad.nn.Layer;
import jgrad.nn.Linear;
import jgrad.nn.MaxPool2d;
import jgrad.nn.Relu;
import jgrad.nn.Sequential;

/**
 * The architectures a run can ship to its executors, as short text: {@code mlp:100,100} (hidden
 * sizes) or {@code convnet} (the curriculum's SimpleConvNet: conv 30x5x5, ReLU, max pool 2,
 * 100, ReLU, out), each optionally followed by {@code ;bn} (batch norm after each hidden layer)
 * and {@code ;dropout=P} (after each hidden ReLU). He-normal weights, zero biases. The text is
 * what travels; both sides build the same {@code Layer} from it.
 *
 * <p>Stands in for the model spec of {@code jgrad.model} until that is on main.
 */
public final class Nets {
    private Nets() {}

    /**
     * Builds {@code spec} for inputs of {@code featureShape} and {@code classes} outputs, drawing
     * weights and dropout masks from {@code rng}.
     *
     * @throws IllegalArgumentException naming the spec and what is wrong with it
     */
    public static Layer build(String spec, int[] featureShape, int classes, RandomGenerator rng) {
        String[] parts = spec.trim().toLowerCase(Locale.ROOT).split(";");
        boolean bn = false;
        double dropout = 0;
        for (int i = 1; i < parts.length; i++) {
            String o = parts[i].trim();
            if (o.equals("bn")) bn = true;
            else if (o.startsWith("dropout=")) dropout = number(spec, o.substring(8));
            else throw new IllegalArgumentException("model '" + spec + "': unknown option '" + o + "' (bn, dropout=P)");
        }
        String base = parts[0].trim();
        if (base.equals("convnet")) return convnet(featureShape, classes, bn, dropout, rng, spec);
        if (!base.startsWith("mlp:")) {
            throw new IllegalArgumentException("model '" + spec + "': expected mlp:H1,H2,... or convnet");
        }
        List<Layer> layers = new ArrayList<>();
        int in = numel(featureShape);
        if (featureShape.length != 1) layers.add(new Flatten());
        for (String h : base.substring(4).split(",")) {
            int out = (int) number(spec, h.trim());
            if (out < 1) throw new IllegalArgumentException("model '" + spec + "': hidden size " + h + " must be >= 1");
            hidden(layers, linear(rng, in, out), bn ? new BatchNorm1d(out) : null, dropout, rng);
            in = out;
        }
        layers.add(linear(rng, in, classes));
        return new Sequential(layers.toArray(Layer[]::new));
    }

    private static Layer convnet(int[] shape, int classes, boolean bn, double dropout, RandomGenerator rng, String spec) {
        if (shape.length != 3) {
            throw new IllegalArgumentException("model '" + spec + "': convnet needs image features [channels, height, width]");
        }
        int filters = 30;
        int kernel = 5;
        List<Layer> layers = new ArrayList<>();
        layers.add(new Conv2d(Init.heNormal(rng, filters, shape[0], kernel, kernel), Init.zeros(filters), 1, 0));
        if (bn) layers.add(new BatchNorm2d(filters));
        layers.add(new Relu());
        layers.add(new MaxPool2d(2, 2));
        layers.add(new Flatten());
        int pooled = filters * ((shape[1] - kernel + 1) / 2) * ((shape[2] - kernel + 1) / 2);
        hidden(layers, linear(rng, pooled, 100), bn ? new BatchNorm1d(100) : null, dropout, rng);
        layers.add(linear(rng, 100, classes));
        return new Sequential(layers.toArray(Layer[]::new));
    }

    private static void hidden(List<Layer> layers, Layer linear, Layer norm, double dropout, RandomGenerator rng) {
        layers.add(linear);
        if (norm != null) layers.add(norm);
        layers.add(new Relu());
        if (dropout > 0) layers.add(new Dropout(dropout, rng));
    }

    private static Linear linear(RandomGenerator rng, int in, int out) {
        return new Linear(Init.heNormal(rng, out, in), Init.zeros(out));
    }

    private static double number(String spec, String text) {
        try {
            return Double.parseDouble(text);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("model '" + spec + "': '" + text + "' is not a number");
        }
    }

    static int numel(int[] shape) {
        int n = 1;
        for (int d : shape) n = Math.multiplyExact(n, d);
        return n;
    }
}
