package jgrad.examples;

import java.io.PrintStream;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import jgrad.scalar.Mlp;
import jgrad.scalar.Neuron;
import jgrad.scalar.Value;

/**
 * Tiny MLPs on two four-point data sets, trained with squared error and plain gradient descent.
 *
 * <p>Options: {@code --data 1|2} (default: both, set 1 with 2-4-4-1 and set 2 with 2-5-5-3-1),
 * {@code --sizes 4,4,1} (layer sizes after the 2 inputs), {@code --activation relu|tanh} (hidden
 * layers; the output is linear), {@code --lr 0.01}, {@code --epochs 1000}, {@code --seed 1}.
 */
public final class ToyRegression {
    private ToyRegression() {}

    /** Four points and their targets. */
    record DataSet(String name, double[][] x, double[] y, int[] defaultSizes) {}

    static final List<DataSet> DATA = List.of(
            new DataSet("1", new double[][] {{2, 3}, {1, 2}, {2.5, 3.5}, {1.5, 1.5}}, new double[] {1, 0, 1, 0},
                    new int[] {4, 4, 1}),
            new DataSet("2", new double[][] {{3, 5}, {1, 1}, {4, 6}, {1, 0.5}}, new double[] {1, 0, 1, 0},
                    new int[] {5, 5, 3, 1}));

    /** Loss before the first step and after every epoch, and the final predictions. */
    record Fit(double[] losses, double[] predictions) {
        double initialLoss() { return losses[0]; }
        double finalLoss() { return losses[losses.length - 1]; }
    }

    /**
     * Trains a fresh {@code 2-sizes...} MLP on {@code data} for {@code epochs} full-batch steps of
     * squared error, printing the loss every 100 epochs to {@code log}.
     */
    static Fit train(DataSet data, int[] sizes, Neuron.Activation hidden, double lr, int epochs, long seed,
                     PrintStream log) {
        var model = new Mlp(new SplittableRandom(seed), hidden, Neuron.Activation.LINEAR, 2, sizes);
        double[] losses = new double[epochs + 1];
        for (int epoch = 0; epoch <= epochs; epoch++) {
            Value loss = Value.of(0);
            for (int i = 0; i < data.x().length; i++) {
                Value prediction = model.forward(data.x()[i]).get(0);
                loss = loss.add(prediction.sub(data.y()[i]).pow(2));
            }
            losses[epoch] = loss.data();
            if (epoch % 100 == 0) log.printf(Locale.ROOT, "  epoch %4d  loss %.6f%n", epoch, loss.data());
            if (epoch == epochs) break;     // the last pass only measures
            model.zeroGrad();
            loss.backward();                // the LOSS, not a prediction
            for (Value p : model.parameters()) p.setData(p.data() - lr * p.grad());
        }
        double[] predictions = new double[data.x().length];
        for (int i = 0; i < predictions.length; i++) predictions[i] = model.forward(data.x()[i]).get(0).data();
        return new Fit(losses, predictions);
    }

    /** Runs the example. */
    public static void main(String[] args) {
        var options = new Options("toy-regression", args,
                List.of("data", "sizes", "activation", "lr", "epochs", "seed"));
        String which = options.string("data", "both");
        List<DataSet> sets = DATA.stream().filter(d -> which.equals("both") || which.equals(d.name())).toList();
        if (sets.isEmpty()) throw new IllegalArgumentException("toy-regression: --data must be 1, 2 or both, got " + which);
        if (options.has("sizes") && sets.size() > 1) {
            throw new IllegalArgumentException("toy-regression: --sizes needs --data 1 or --data 2");
        }
        Neuron.Activation hidden = switch (options.string("activation", "relu")) {
            case "relu" -> Neuron.Activation.RELU;
            case "tanh" -> Neuron.Activation.TANH;
            default -> throw new IllegalArgumentException("toy-regression: --activation must be relu or tanh");
        };
        double lr = options.number("lr", 0.01);
        int epochs = options.integer("epochs", 1000);
        long seed = options.longInteger("seed", 1);
        for (DataSet data : sets) {
            int[] sizes = options.integers("sizes", data.defaultSizes());
            if (sizes.length == 0 || sizes[sizes.length - 1] != 1) {
                throw new IllegalArgumentException("toy-regression: --sizes must end with 1 output, got "
                        + Arrays.toString(sizes));
            }
            String net = "2-" + String.join("-", Arrays.stream(sizes).mapToObj(Integer::toString).toList());
            System.out.printf(Locale.ROOT, "data set %s, MLP %s (%s hidden, linear output), lr %s, %d epochs, seed %d%n",
                    data.name(), net, hidden.name().toLowerCase(Locale.ROOT), lr, epochs, seed);
            Fit fit = train(data, sizes, hidden, lr, epochs, seed, System.out);
            System.out.println("  input        truth  prediction");
            for (int i = 0; i < data.x().length; i++) {
                System.out.printf(Locale.ROOT, "  %-12s %5.1f  %10.4f%n",
                        Arrays.toString(data.x()[i]), data.y()[i], fit.predictions()[i]);
            }
        }
    }
}
