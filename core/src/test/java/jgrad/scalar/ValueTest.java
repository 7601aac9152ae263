package jgrad.scalar;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.Callable;
import java.util.concurrent.Executors;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.Test;

class ValueTest {

    /** One row per op (and per overload): a function of its inputs, and the range to sample them from. */
    static Stream<Arguments> ops() {
        return Stream.of(
                row("add(Value)", 2, xs -> xs.get(0).add(xs.get(1)), -3, 3),
                row("add(double)", 1, xs -> xs.get(0).add(1.7), -3, 3),
                row("sub(Value)", 2, xs -> xs.get(0).sub(xs.get(1)), -3, 3),
                row("sub(double)", 1, xs -> xs.get(0).sub(-0.4), -3, 3),
                row("mul(Value)", 2, xs -> xs.get(0).mul(xs.get(1)), -3, 3),
                row("mul(double)", 1, xs -> xs.get(0).mul(-2.5), -3, 3),
                row("div(Value)", 2, xs -> xs.get(0).div(xs.get(1)), 0.5, 3),
                row("div(double)", 1, xs -> xs.get(0).div(0.3), -3, 3),
                row("pow(2)", 1, xs -> xs.get(0).pow(2), -3, 3),
                row("pow(3)", 1, xs -> xs.get(0).pow(3), -3, 3),
                row("pow(-1)", 1, xs -> xs.get(0).pow(-1), 0.5, 3),
                row("pow(0.5)", 1, xs -> xs.get(0).pow(0.5), 0.5, 3),
                row("pow(-2.5)", 1, xs -> xs.get(0).pow(-2.5), 0.5, 3),
                row("neg", 1, xs -> xs.get(0).neg(), -3, 3),
                row("relu(x > 0)", 1, xs -> xs.get(0).relu(), 0.1, 3),
                row("relu(x < 0)", 1, xs -> xs.get(0).relu(), -3, -0.1),
                row("tanh", 1, xs -> xs.get(0).tanh(), -3, 3),
                row("exp", 1, xs -> xs.get(0).exp(), -3, 3),
                row("log", 1, xs -> xs.get(0).log(), 0.2, 5),
                row("sigmoid", 1, xs -> xs.get(0).sigmoid(), -5, 5));
    }

    private static Arguments row(String name, int arity, Function<List<Value>, Value> f, double lo, double hi) {
        return Arguments.of(name, arity, f, lo, hi);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("ops")
    void backwardMatchesFiniteDifferences(String name, int arity, Function<List<Value>, Value> f, double lo, double hi) {
        var rng = new Random(name.hashCode());
        for (int trial = 0; trial < 5; trial++) {
            double[] x = new double[arity];
            for (int i = 0; i < arity; i++) x[i] = rng.nextDouble(lo, hi);
            double r = rng.nextDouble(-2, 2); // a random upstream gradient: differentiate r * f(x)
            List<Value> leaves = leaves(x);
            f.apply(leaves).mul(r).backward();
            for (int i = 0; i < arity; i++) {
                double eps = 1e-6;
                double[] plus = x.clone(), minus = x.clone();
                plus[i] += eps;
                minus[i] -= eps;
                double numeric = r * (f.apply(leaves(plus)).data() - f.apply(leaves(minus)).data()) / (2 * eps);
                assertThat(leaves.get(i).grad()).as("%s d/dx%d at %s", name, i, java.util.Arrays.toString(x))
                        .isCloseTo(numeric, within(1e-7 + 1e-5 * Math.abs(numeric)));
            }
        }
    }

    private static List<Value> leaves(double[] x) {
        List<Value> list = new ArrayList<>();
        for (double xi : x) list.add(Value.of(xi));
        return list;
    }

    @Test
    void forwardValuesFollowTheMath() {
        Value x = Value.of(1.5);
        assertThat(x.add(2).data()).isEqualTo(3.5);
        assertThat(x.sub(Value.of(2)).data()).isEqualTo(-0.5);
        assertThat(x.mul(4).data()).isEqualTo(6.0);
        assertThat(x.div(Value.of(0.5)).data()).isEqualTo(3.0);
        assertThat(x.pow(2).data()).isEqualTo(2.25);
        assertThat(x.neg().data()).isEqualTo(-1.5);
        assertThat(x.relu().data()).isEqualTo(1.5);
        assertThat(x.neg().relu().data()).isEqualTo(0.0);
        assertThat(x.tanh().data()).isEqualTo(Math.tanh(1.5));
        assertThat(x.exp().data()).isEqualTo(Math.exp(1.5));
        assertThat(x.log().data()).isEqualTo(Math.log(1.5));
        assertThat(x.sigmoid().data()).isCloseTo(1 / (1 + Math.exp(-1.5)), within(1e-16));
    }

    @Test
    void reluHasGradientZeroAtItsKink() {
        Value x = Value.of(0.0);
        Value y = x.relu();
        y.backward();
        assertThat(y.data()).isEqualTo(0.0);
        assertThat(x.grad()).isEqualTo(0.0);
    }

    @Test
    void powOfZeroHasTheExactGradient() {
        Value x = Value.of(0.0);
        x.pow(2).backward();
        assertThat(x.grad()).isEqualTo(0.0);
        Value y = Value.of(0.0);
        y.pow(1).backward();
        assertThat(y.grad()).isEqualTo(1.0);
        Value z = Value.of(0.0);
        z.pow(0).mul(3).backward(); // torch.pow(x, 0) at x = 0: value 1, gradient 0 (tensor Pow: gy * 0)
        assertThat(z.grad()).isEqualTo(0.0);
    }

    @Test
    void followsIeeeSemanticsLikePyTorch() {
        Value zero = Value.of(0.0);
        Value log0 = zero.log();
        log0.backward();
        assertThat(log0.data()).isEqualTo(Double.NEGATIVE_INFINITY);
        assertThat(zero.grad()).isEqualTo(Double.POSITIVE_INFINITY);
        assertThat(Value.of(-1).log().data()).isNaN();
        assertThat(Value.of(1).div(0).data()).isEqualTo(Double.POSITIVE_INFINITY);
        assertThat(Value.of(-1).div(Value.of(0)).data()).isEqualTo(Double.NEGATIVE_INFINITY);
        assertThat(Value.of(1000).exp().data()).isEqualTo(Double.POSITIVE_INFINITY);
        Value big = Value.of(-1000);
        Value s = big.sigmoid();
        s.backward();
        assertThat(s.data()).isEqualTo(0.0);
        assertThat(big.grad()).isEqualTo(0.0);
        assertThat(Value.of(1000).sigmoid().data()).isEqualTo(1.0);
        assertThat(Value.of(Double.NaN).relu().data()).isNaN();
    }

    @Test
    void logDividesTheGradientByXAsPyTorchDoes() {
        // torch: log's backward is grad / x; (1 / x) * grad overflows for a subnormal x
        Value x = Value.of(1e-310);
        x.log().mul(1e-10).backward();
        assertThat(x.grad()).isEqualTo(1e-10 / 1e-310).isFinite();
        Value y = Value.of(1e-310);
        y.log().relu().backward(); // log is negative: relu passes 0, and 0 / x is 0, not inf * 0 = NaN
        assertThat(y.grad()).isEqualTo(0.0);
        Value z = Value.of(3.0);
        z.log().mul(0.7).backward();
        assertThat(z.grad()).isEqualTo(0.7 / 3.0); // the same bits as grad / x
    }

    @Test
    void aValueUsedTwiceCollectsBothGradients() {
        Value x = Value.of(3.0);
        x.mul(x).backward();
        assertThat(x.grad()).isEqualTo(6.0);

        Value y = Value.of(-2.0);
        y.add(y).add(y).backward();
        assertThat(y.grad()).isEqualTo(3.0);
    }

    @Test
    void backwardTwiceAccumulatesInLeavesAsInPyTorch() {
        Value x = Value.of(3.0);
        Value a = x.mul(2);          // intermediate
        Value out = a.mul(a);        // 4 x^2, d/dx = 8x = 24
        out.backward();
        assertThat(x.grad()).isEqualTo(24.0);
        assertThat(a.grad()).isEqualTo(12.0);
        out.backward();
        assertThat(x.grad()).isEqualTo(48.0);   // leaves accumulate
        assertThat(a.grad()).isEqualTo(12.0);   // intermediates hold this call's gradient only
        assertThat(out.grad()).isEqualTo(1.0);
        x.zeroGrad();
        out.backward();
        assertThat(x.grad()).isEqualTo(24.0);
    }

    @Test
    void backwardOnALeafAccumulatesOne() {
        Value x = Value.of(5.0);
        x.backward();
        x.backward();
        assertThat(x.grad()).isEqualTo(2.0);
    }

    @Test
    void aMillionValueChainDoesNotOverflowTheStack() {
        Value x = Value.of(0.5);
        Value y = x;
        for (int i = 0; i < 1_000_000; i++) y = y.mul(1.0).add(0.0);
        y.backward();
        assertThat(y.data()).isEqualTo(0.5);
        assertThat(x.grad()).isEqualTo(1.0);
    }

    @Test
    void threadsAndInterleavedGraphsKeepTheirWalksApart() throws Exception {
        // backward walks in this thread's reused arrays: two threads at once must not see each other's
        Callable<double[]> job = () -> {
            double[] grads = new double[100];
            for (int r = 0; r < grads.length; r++) {
                Value x = Value.of(0.5 + r * 1e-3);
                Value y = x;
                for (int i = 0; i < 300; i++) y = y.mul(x).tanh().add(x);
                y.backward();
                grads[r] = x.grad();
            }
            return grads;
        };
        double[] alone = job.call();
        try (var pool = Executors.newFixedThreadPool(2)) {
            var a = pool.submit(job);
            var b = pool.submit(job);
            assertThat(a.get()).containsExactly(alone);
            assertThat(b.get()).containsExactly(alone);
        }
        // two graphs on one thread, differentiated in turns: leaves accumulate, nothing leaks across
        Value u = Value.of(2), v = Value.of(3);
        Value f = u.mul(u);
        Value g = v.mul(v).mul(v);
        f.backward();
        g.backward();
        f.backward();
        assertThat(u.grad()).isEqualTo(8.0);
        assertThat(v.grad()).isEqualTo(27.0);
    }

    @Test
    void topologicalOrderOfALargeGraphHasNoGaps() {
        Value y = Value.of(1);
        for (int i = 0; i < 100; i++) y = y.mul(Value.of(1.01)).tanh();
        List<Value> order = y.topologicalOrder();
        assertThat(order).hasSize(301).doesNotContainNull();
        assertThat(order.getLast()).isSameAs(y);
    }

    @Test
    void topologicalOrderPutsInputsFirstAndEachValueOnce() {
        Value a = Value.of(1), b = Value.of(2);
        Value c = a.mul(b);
        Value d = c.add(a);              // a diamond: a reaches d twice
        Value e = d.mul(c);
        List<Value> order = e.topologicalOrder();
        assertThat(order).hasSize(new java.util.HashSet<>(order).size());
        assertThat(order.getLast()).isSameAs(e);
        for (Value v : order) {
            for (Value in : v.inputs()) assertThat(order.indexOf(in)).isLessThan(order.indexOf(v));
        }
        // leaves a, b; computed c, d; e; plus the hidden graph of nothing else
        assertThat(order).containsExactly(a, b, c, d, e);
        assertThat(e.topologicalOrder()).containsExactlyElementsOf(order); // a second walk gives the same
    }

    @Test
    void walksLeaveNoValueFlaggedForTheNext() {
        // each walk flags the values it reaches and clears them at the end: a later walk over a graph
        // that shares them (a larger one, or the same one again) must reach them again
        Value x = Value.of(3), w = Value.of(-2);
        Value y = x.mul(w);
        assertThat(y.topologicalOrder()).containsExactly(x, w, y);
        y.backward();
        Value z = y.add(x).mul(y);       // z = (xw + x) xw: dz/dx = (w + 1) xw + (xw + x) w = 6 + 6 = 12
        assertThat(z.topologicalOrder()).hasSize(5);
        x.zeroGrad();
        w.zeroGrad();
        z.backward();
        assertThat(x.grad()).isEqualTo(12.0);
        assertThat(w.grad()).isEqualTo(-27.0);  // dz/dw = x xw + (xw + x) x = -18 - 9
        assertThat(y.topologicalOrder()).containsExactly(x, w, y);
    }

    @Test
    void compositesHaveNoBackwardOfTheirOwn() {
        Value a = Value.of(6), b = Value.of(3);
        assertThat(a.sub(b).op()).isEqualTo("+");
        assertThat(a.neg().op()).isEqualTo("*");
        assertThat(a.div(b).op()).isEqualTo("*");
        assertThat(a.div(b).inputs().get(1).op()).isEqualTo("^-1");
        assertThat(a.inputs()).isEmpty();
        assertThat(a.op()).isEmpty();
        assertThat(a.label("a").label()).isEqualTo("a");
    }

    @Test
    void setDataChangesOnlyThisValue() {
        Value p = Value.of(1.0);
        p.mul(4).backward();
        p.setData(p.data() - 0.5 * p.grad());
        assertThat(p.data()).isEqualTo(-1.0);
        assertThat(p.grad()).isEqualTo(4.0);
        p.zeroGrad();
        assertThat(p.grad()).isEqualTo(0.0);
    }

    // Golden values: tools/golden/scalar_golden.py, run once with /usr/bin/python3 and torch 1.13.0a0
    // (float64). Each row is {output, d output / d each leaf}.

    @Test
    void matchesPyTorchOnMicrogradsSanityCheck() {
        Value x = Value.of(-4.0);
        Value z = x.mul(2).add(2).add(x);
        Value q = z.relu().add(z.mul(x));
        Value h = z.mul(z).relu();
        Value y = h.add(q).add(q.mul(x));
        y.backward();
        assertGolden(y, List.of(x), new double[] {-20.0, 46.0});
    }

    @Test
    void matchesPyTorchOnMicrogradsMoreOps() {
        Value a = Value.of(-4.0), b = Value.of(2.0);
        Value c = a.add(b);
        Value d = a.mul(b).add(b.pow(3));
        c = c.add(c).add(1);
        c = c.add(1).add(c).add(a.neg());
        d = d.add(d.mul(2)).add(b.add(a).relu());
        d = d.add(d.mul(3)).add(b.sub(a).relu());
        Value e = c.sub(d);
        Value f = e.pow(2);
        Value g = f.div(2.0);
        g = g.add(Value.of(10.0).div(f));
        g.backward();
        assertGolden(g, List.of(a, b), new double[] {24.70408163265306, 138.83381924198252, 645.5772594752186});
    }

    @Test
    void matchesPyTorchOnTanhExpLogSigmoid() {
        Value u = Value.of(0.7), v = Value.of(-1.3);
        Value s = u.mul(v).tanh().add(u.sub(v).exp().div(u.mul(u).add(1).log()));
        Value t = v.mul(3.0).sigmoid().mul(u.neg()).add(s.pow(0.5)).sub(v.div(u));
        Value out = t.mul(t.mul(0.2).sigmoid()).sub(u.add(2.5).log().mul(v.exp()));
        out.backward();
        assertGolden(out, List.of(u, v), new double[] {4.356341957807086, -5.723717033632552, -3.8877381164022258});
    }

    @Test
    void matchesPyTorchOnATanhNeuron() {
        Value x1 = Value.of(2.0), x2 = Value.of(0.0), w1 = Value.of(-3.0), w2 = Value.of(1.0);
        Value b = Value.of(6.8813735870195432);
        Value o = x1.mul(w1).add(x2.mul(w2)).add(b).tanh();
        o.backward();
        assertGolden(o, List.of(x1, x2, w1, w2, b), new double[] {
                0.7071067811865476, -1.4999999999999998, 0.49999999999999994, 0.9999999999999999, 0.0,
                0.49999999999999994});
    }

    private static void assertGolden(Value out, List<Value> leaves, double[] golden) {
        assertThat(out.data()).isCloseTo(golden[0], within(1e-12 * Math.max(1, Math.abs(golden[0]))));
        for (int i = 0; i < leaves.size(); i++) {
            double expected = golden[i + 1];
            assertThat(leaves.get(i).grad()).as("gradient of leaf %d", i)
                    .isCloseTo(expected, within(1e-12 * Math.max(1, Math.abs(expected))));
        }
    }
}
