package jgrad.examples;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.function.DoubleUnaryOperator;
import jgrad.charts.Graphviz;
import jgrad.scalar.Dot;
import jgrad.scalar.Value;

/**
 * The first expression of the curriculum, {@code L = (a*b + c) * f}: build it, call
 * {@code backward()}, print every value with its gradient, check the leaves' gradients against a
 * small nudge, and draw the graph ({@code --out FILE.svg|png}, default {@code backprop-basics.svg}).
 */
public final class BackpropBasics {
    private BackpropBasics() {}

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

    /** Runs the example. */
    public static void main(String[] args) throws IOException {
        var options = new Options("backprop-basics", args, List.of("out"));
        Path out = Path.of(options.string("out", "backprop-basics.svg"));
        if (!out.toString().matches("(?i).*\\.(svg|png)")) {
            throw new IllegalArgumentException("backprop-basics: --out must end in .svg or .png, got " + out);
        }

        Expression x = build();
        x.loss().backward();
        System.out.println("L = (a*b + c) * f, then L.backward():");
        for (Value v : x.all()) {
            System.out.printf("  %-2s data %8.4f   dL/d%s = %8.4f%n", v.label(), v.data(), v.label(), v.grad());
        }

        // dL/dleaf really is the slope: nudge one leaf by h and watch L move.
        double h = 1e-6;
        System.out.println("check against a nudge of each leaf by h = 1e-6, (L(x+h) - L(x-h)) / 2h:");
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
            System.out.printf("  dL/d%s: backward %8.4f   nudge %8.4f%n", names[i], grads[i], slope);
        }

        Graphviz.Result picture = Graphviz.render(Dot.graph(x.loss()), out);
        System.out.println("graph picture: " + picture.message());
    }
}
