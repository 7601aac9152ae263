package jgrad.examples;

import java.io.IOException;
import java.io.PrintStream;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.function.DoubleUnaryOperator;
import jgrad.charts.Graphviz;
import jgrad.scalar.Dot;
import jgrad.scalar.Value;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/**
 * The first expression of the curriculum, {@code L = (a*b + c) * f}: build it, call
 * {@code backward()}, print every value with its gradient, check the leaves' gradients against a
 * small nudge, and draw the graph ({@code backprop-basics.svg} in {@code --out}).
 */
@Command(name = "backprop-basics", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
        description = "one small expression: forward, backward, each value's gradient, and its graph picture",
        footerHeading = "%nExample:%n", footer = "  ./jgrad example backprop-basics --out docs/img")
public final class BackpropBasics implements Callable<Integer> {
    @Mixin
    Output output;

    /** The expression's values, inputs first, the output {@code L} last. */
    record Expression(Value a, Value b, Value c, Value e, Value d, Value f, Value loss) {
        List<Value> all() { return List.of(a, b, c, e, d, f, loss); }
    }

    /** Builds {@code L = (a*b + c) * f} at {@code a=2, b=-3, c=10, f=-2}, without running backward. */
    static Expression build() {
        Value a = Value.of(2.0).label("a");
        Value b = Value.of(-3.0).label("b");
        Value c = Value.of(10.0).label("c");
        Value e = a.mul(b).label("e");
        Value d = e.add(c).label("d");
        Value f = Value.of(-2.0).label("f");
        Value loss = d.mul(f).label("L");
        return new Expression(a, b, c, e, d, f, loss);
    }

    /** Builds the expression, runs backward and prints the values, gradients and nudge checks to {@code out}. */
    static Expression run(PrintStream out) {
        Expression x = build();
        x.loss().backward();
        out.println("L = (a*b + c) * f, then L.backward():");
        for (Value v : x.all()) {
            out.printf(Locale.ROOT, "  %-2s data %8.4f   dL/d%s = %8.4f%n", v.label(), v.data(), v.label(), v.grad());
        }

        // dL/dleaf really is the slope: nudge one leaf by h and watch L move.
        double h = 1e-6;
        out.println("check against a nudge of each leaf by h = 1e-6, (L(x+h) - L(x-h)) / 2h:");
        String[] names = {"a", "b", "c", "f"};
        double[] leaves = {2.0, -3.0, 10.0, -2.0};
        double[] grads = {x.a().grad(), x.b().grad(), x.c().grad(), x.f().grad()};
        for (int i = 0; i < leaves.length; i++) {
            int which = i;
            DoubleUnaryOperator lossAt = t -> {
                double[] p = leaves.clone();
                p[which] = t;
                return (p[0] * p[1] + p[2]) * p[3];
            };
            double slope = (lossAt.applyAsDouble(leaves[i] + h) - lossAt.applyAsDouble(leaves[i] - h)) / (2 * h);
            out.printf(Locale.ROOT, "  dL/d%s: backward %8.4f   nudge %8.4f%n", names[i], grads[i], slope);
        }
        return x;
    }

    @Override
    public Integer call() throws IOException {
        PrintStream out = output.stream();
        Expression x = run(out);
        Graphviz.Result picture = Graphviz.render(Dot.graph(x.loss()), output.file("backprop-basics.svg"));
        out.println(picture.message());
        return 0;
    }
}
