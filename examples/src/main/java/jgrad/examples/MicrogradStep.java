package jgrad.examples;

import java.io.IOException;
import java.io.PrintStream;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.concurrent.Callable;
import jgrad.scalar.Dot;
import jgrad.scalar.Mlp;
import jgrad.scalar.Value;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * micrograd's first network step: {@code MLP(3, [4, 4, 1])} (ReLU hidden layers, linear output)
 * on {@code x = [1, 2, 3]}: forward, {@code backward()} from the output, one update
 * {@code p -= 0.01 * grad} of every parameter, and the output before and after. A step against
 * the gradient lowers the output by about {@code lr * Σ grad²}, which the example prints next to
 * the measured change. Draws the graph of the output with its values and gradients
 * ({@code micrograd-step.svg}).
 */
@Command(name = "micrograd-step", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
        description = "micrograd's MLP(3, [4, 4, 1]) on x = [1, 2, 3]: forward, backward, one update p -= 0.01 * grad, output before and after, graph",
        footerHeading = "%nExample:%n", footer = "  ./jgrad example micrograd-step --seed 2 --lr 0.05")
public final class MicrogradStep implements Callable<Integer> {
    /** The input of the step. */
    static final double[] X = {1, 2, 3};

    @Spec
    CommandSpec spec;

    @Mixin
    Output output;

    @Option(names = "--lr", defaultValue = "0.01", description = "step size of the update p -= lr * grad (default: ${DEFAULT-VALUE})")
    double lr;

    @Option(names = "--seed", defaultValue = "1", description = "seed of the initial weights, uniform in [-1, 1) (default: ${DEFAULT-VALUE})")
    long seed;

    /**
     * What the step did.
     *
     * @param before the output before the update
     * @param after the output after the update
     * @param graph the DOT text of the output's graph after backward, before the update (values and gradients)
     * @param sumOfSquaredGrads {@code Σ grad²} over the parameters
     * @param parameters the number of parameters
     */
    record Step(double before, double after, double sumOfSquaredGrads, int parameters, String graph) {
        /** The first-order prediction of the change of the output: {@code -lr Σ grad²}. */
        double predictedChange(double lr) {
            return -lr * sumOfSquaredGrads;
        }
    }

    /** Runs the step, printing to {@code out}. */
    Step run(PrintStream out) {
        Checks.require(spec, lr > 0 && Double.isFinite(lr), "--lr must be a positive number, got " + lr);
        var model = new Mlp(new SplittableRandom(seed), 3, 4, 4, 1);
        List<Value> params = model.parameters();
        out.printf(Locale.ROOT, "MLP(3, [4, 4, 1]): ReLU hidden layers, linear output, %d parameters, seed %d; x = [1, 2, 3]%n",
                params.size(), seed);
        labelParameters(model);
        List<Value> x = List.of(Value.of(X[0]).label("x1"), Value.of(X[1]).label("x2"), Value.of(X[2]).label("x3"));
        Value y = model.forward(x).get(0).label("out");
        out.printf(Locale.ROOT, "forward:  out = %.6f%n", y.data());
        model.zeroGrad();
        y.backward();
        double sum = 0;
        for (Value p : params) sum += p.grad() * p.grad();
        var first = model.layers().get(0).neurons().get(0);
        out.printf(Locale.ROOT, "backward: d out / d (first weight of the first neuron) = %.6f, Σ grad² = %.6f%n",
                first.weights().get(0).grad(), sum);
        String graph = Dot.graph(y); // before the update changes the leaves' data
        for (Value p : params) p.setData(p.data() - lr * p.grad());
        double after = model.forward(X).get(0).data();
        out.printf(Locale.ROOT, "update:   p -= %s * grad for all %d parameters%n", lr, params.size());
        out.printf(Locale.ROOT, "forward:  out = %.6f  (change %.6f; first-order prediction -lr Σ grad² = %.6f)%n",
                after, after - y.data(), -lr * sum);
        return new Step(y.data(), after, sum, params.size(), graph);
    }

    /** Names every weight {@code w<layer>.<neuron>.<input>} and bias {@code b<layer>.<neuron>}, for the graph. */
    private static void labelParameters(Mlp model) {
        for (int l = 0; l < model.layers().size(); l++) {
            var neurons = model.layers().get(l).neurons();
            for (int n = 0; n < neurons.size(); n++) {
                var w = neurons.get(n).weights();
                for (int i = 0; i < w.size(); i++) w.get(i).label("w" + (l + 1) + "." + (n + 1) + "." + (i + 1));
                neurons.get(n).bias().label("b" + (l + 1) + "." + (n + 1));
            }
        }
    }

    @Override
    public Integer call() throws IOException {
        PrintStream out = output.stream();
        Step step = run(out);
        out.println(output.graph(step.graph(), "micrograd-step"));
        return 0;
    }
}
