package jgrad.tensor;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.stream.Stream;
import jgrad.nn.Functional;
import jgrad.testing.GradCheck;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The op table: one row per op and case, each checked against float64 finite differences with a
 * random upstream gradient ({@link GradCheck}). Adding an op means adding a row here (one line);
 * {@link #everyOpHasARow()} fails otherwise.
 */
class OpGradTest {
    /** How a row's inputs are sampled. */
    enum Gen {
        /** Standard normal. */
        NORMAL,
        /** Uniform in [0.5, 2): for log, sqrt, fractional powers, denominators. */
        POSITIVE,
        /** |x| in [0.1, 0.4) or [0.6, 2), random sign: away from kinks at 0 and ±0.5 (relu, abs, clamp). */
        OFF_KINK
    }

    /** One case: the op it covers, a label, input generator, the function and the input shapes. */
    record Row(Class<? extends Op> op, String label, Gen gen, Function<List<Tensor>, Tensor> f, int[][] shapes,
               double eps, double rtol, double atol) {
        Row tol(double eps, double rtol, double atol) {
            return new Row(op, label, gen, f, shapes, eps, rtol, atol);
        }

        @Override
        public String toString() {
            return op.getSimpleName() + ": " + label;
        }
    }

    static Row row(Class<? extends Op> op, String label, Function<List<Tensor>, Tensor> f, int[]... shapes) {
        return row(op, label, Gen.NORMAL, f, shapes);
    }

    static Row row(Class<? extends Op> op, String label, Gen gen, Function<List<Tensor>, Tensor> f, int[]... shapes) {
        return new Row(op, label, gen, f, shapes, GradCheck.EPS, GradCheck.RTOL, GradCheck.ATOL);
    }

    static int[] s(int... dims) {
        return dims;
    }

    static Stream<Row> rows() {
        return Stream.of(
                // ---- neural-network ops ----
                row(Softmax.class, "last dim", x -> x.get(0).softmax(-1), s(3, 4)),
                row(Softmax.class, "middle dim of 3-d", x -> x.get(0).softmax(1), s(2, 3, 4)),
                row(Softmax.class, "dim 0, size-1 and size-0 dims", x -> x.get(0).softmax(0).add(x.get(1).softmax(1)).sum()
                        .add(x.get(2).softmax(0).sum()), s(3, 2), s(3, 1), s(0, 2)),
                row(LogSoftmax.class, "last dim", x -> x.get(0).logSoftmax(1), s(3, 5)),
                row(LogSoftmax.class, "dim 0 of 3-d", x -> x.get(0).logSoftmax(-3), s(3, 2, 4)),
                row(LogSoftmax.class, "crossEntropy with probability targets (composite)",
                        x -> Functional.crossEntropy(x.get(0), x.get(1).softmax(1)), s(3, 4), s(3, 4)),
                row(SoftmaxCrossEntropy.class, "class targets", x -> x.get(0).crossEntropy(new int[] {1, 0, 4, 2}), s(4, 5)),
                row(SoftmaxCrossEntropy.class, "one class, one row", x -> x.get(0).crossEntropy(new int[] {0}), s(1, 1)),
                row(Conv2d.class, "stride 2, padding 1, bias", x -> Functional.conv2d(x.get(0), x.get(1), x.get(2), 2, 1),
                        s(2, 2, 5, 5), s(3, 2, 3, 3), s(3)),
                row(Conv2d.class, "non-square kernel, no bias", x -> Functional.conv2d(x.get(0), x.get(1), null, 1, 0),
                        s(1, 2, 4, 6), s(2, 2, 2, 3)),
                row(Conv2d.class, "1x1 pointwise", x -> Functional.conv2d(x.get(0), x.get(1), x.get(2), 1, 0),
                        s(2, 3, 3, 3), s(4, 3, 1, 1), s(4)),
                row(Conv2d.class, "stride 3 above the kernel, padding 2", x -> Functional.conv2d(x.get(0), x.get(1), null, 3, 2),
                        s(1, 1, 6, 7), s(2, 1, 2, 2)),
                row(Conv2dReluMaxPool.class, "3x3 conv, bias, relu, pool 2x2",
                        x -> x.get(0).conv2dReluMaxPool(x.get(1), x.get(2), 1, 0, 2, 2), s(2, 2, 6, 6), s(3, 2, 3, 3), s(3)),
                row(Conv2dReluMaxPool.class, "padding 1, no bias, overlapping pool 3 stride 2",
                        x -> x.get(0).conv2dReluMaxPool(x.get(1), null, 1, 1, 3, 2), s(1, 2, 7, 7), s(2, 2, 3, 3)),
                row(MaxPool2d.class, "2x2 stride 2", x -> Functional.maxPool2d(x.get(0), 2, 2), s(2, 2, 4, 4)),
                row(MaxPool2d.class, "3x3 stride 2, overlapping", x -> Functional.maxPool2d(x.get(0), 3, 2), s(1, 2, 7, 7)),
                row(MaxPool2d.class, "odd size, last row dropped", x -> Functional.maxPool2d(x.get(0), 2), s(1, 1, 5, 5)),
                row(AvgPool2d.class, "2x2 stride 2", x -> Functional.avgPool2d(x.get(0), 2, 2), s(2, 2, 4, 4)),
                row(AvgPool2d.class, "3x3 stride 2, overlapping", x -> Functional.avgPool2d(x.get(0), 3, 2), s(1, 2, 7, 7)),
                row(Dropout.class, "p = 0.4, fixed seed", x -> x.get(0).dropout(0.4, new SplittableRandom(5)), s(4, 5)),
                row(Mul.class, "mseLoss (composite)", x -> Functional.mseLoss(x.get(0), x.get(1)), s(3, 4), s(3, 4)),
                row(FusedLinear.class, "Functional.linear with bias", x -> Functional.linear(x.get(0), x.get(1), x.get(2)),
                        s(5, 3), s(2, 3), s(2)),
                row(FusedLinear.class, "relu, bias", Gen.OFF_KINK, x -> x.get(0).linear(x.get(1), x.get(2), Activation.RELU),
                        s(4, 3), s(5, 3), s(5)),
                row(FusedLinear.class, "sigmoid, no bias", x -> x.get(0).linear(x.get(1), null, Activation.SIGMOID), s(3, 4), s(2, 4)),
                row(FusedLinear.class, "tanh, bias", x -> x.get(0).linear(x.get(1), x.get(2), Activation.TANH), s(2, 3), s(4, 3), s(4)),
                // ---- end of neural-network ops ----
                row(Add.class, "same shape", x -> x.get(0).add(x.get(1)), s(2, 3), s(2, 3)),
                row(Add.class, "broadcast (3,1)+(4)", x -> x.get(0).add(x.get(1)), s(3, 1), s(4)),
                row(Add.class, "broadcast (2,3,4)+(3,1)", x -> x.get(0).add(x.get(1)), s(2, 3, 4), s(3, 1)),
                row(Add.class, "0-d operand", x -> x.get(0).add(x.get(1)), s(2, 3), s()),
                row(Add.class, "size-1 dims", x -> x.get(0).add(x.get(1)), s(1, 1), s(1)),
                row(Add.class, "size-0", x -> x.get(0).add(x.get(1)), s(0, 3), s(3)),
                row(Add.class, "add(double), sub(double)", x -> x.get(0).add(2.5).sub(1), s(3)),
                row(Add.class, "sub broadcast (composite)", x -> x.get(0).sub(x.get(1)), s(4, 1), s(1, 3)),
                row(Mul.class, "same shape", x -> x.get(0).mul(x.get(1)), s(2, 3), s(2, 3)),
                row(Mul.class, "broadcast (4,1)*(1,5)", x -> x.get(0).mul(x.get(1)), s(4, 1), s(1, 5)),
                row(Mul.class, "0-d operand first", x -> x.get(0).mul(x.get(1)), s(), s(2, 3)),
                row(Mul.class, "size-0", x -> x.get(0).mul(x.get(1)), s(0, 2), s(2)),
                row(Mul.class, "x*x accumulates", x -> x.get(0).mul(x.get(0)), s(5)),
                row(Mul.class, "mul(double), neg (composite)", x -> x.get(0).mul(-3).neg(), s(2, 2)),
                row(Div.class, "same shape", Gen.POSITIVE, x -> x.get(0).div(x.get(1)), s(2, 3), s(2, 3)),
                row(Div.class, "broadcast (3,1)/(1,4)", Gen.POSITIVE, x -> x.get(0).div(x.get(1)), s(3, 1), s(1, 4)),
                row(Mul.class, "div(double) (composite)", x -> x.get(0).div(4), s(3)),
                row(Pow.class, "cube", x -> x.get(0).pow(3), s(2, 3)),
                row(Pow.class, "square (fast path)", x -> x.get(0).pow(2), s(2, 3)),
                row(Pow.class, "square root power", Gen.POSITIVE, x -> x.get(0).pow(0.5), s(4)),
                row(Pow.class, "negative fractional power", Gen.POSITIVE, x -> x.get(0).pow(-1.5), s(2, 2)),
                row(Pow.class, "p = 0 and p = 1", x -> x.get(0).pow(0).add(x.get(0).pow(1)), s(3)),
                row(Pow.class, "size-0", x -> x.get(0).pow(2), s(0)),
                row(Exp.class, "matrix", x -> x.get(0).exp(), s(2, 3)),
                row(Exp.class, "0-d", x -> x.get(0).exp(), s()),
                row(Log.class, "positive", Gen.POSITIVE, x -> x.get(0).log(), s(2, 3)),
                row(Sqrt.class, "positive", Gen.POSITIVE, x -> x.get(0).sqrt(), s(3, 1)),
                row(Tanh.class, "matrix", x -> x.get(0).tanh(), s(2, 3)),
                row(Tanh.class, "size-0", x -> x.get(0).tanh(), s(2, 0)),
                row(Sigmoid.class, "matrix", x -> x.get(0).sigmoid(), s(3, 2)),
                row(Relu.class, "off the kink", Gen.OFF_KINK, x -> x.get(0).relu(), s(3, 4)),
                row(Abs.class, "off the kink", Gen.OFF_KINK, x -> x.get(0).abs(), s(3, 4)),
                row(Maximum.class, "same shape", x -> x.get(0).maximum(x.get(1)), s(3, 4), s(3, 4)),
                row(Maximum.class, "broadcast (3,1) vs (4)", x -> x.get(0).maximum(x.get(1)), s(3, 1), s(4)),
                row(Clamp.class, "[-0.5, 0.5]", Gen.OFF_KINK, x -> x.get(0).clamp(-0.5, 0.5), s(4, 3)),
                row(Sum.class, "all", x -> x.get(0).sum(), s(2, 3)),
                row(Sum.class, "dim 0 keepDim", x -> x.get(0).sum(0, true), s(2, 3, 2)),
                row(Sum.class, "dim -1", x -> x.get(0).sum(-1, false), s(2, 3, 2)),
                row(Sum.class, "empty dim", x -> x.get(0).sum(0, false), s(0, 3)),
                row(Sum.class, "mean all and mean(dim) (composites)", x -> x.get(0).mean().add(x.get(0).mean(1, true)), s(2, 3)),
                row(SumTo.class, "(2,3,4) to (3,1)", x -> x.get(0).sumTo(3, 1), s(2, 3, 4)),
                row(SumTo.class, "to 0-d", x -> x.get(0).sumTo(), s(2, 2)),
                row(BroadcastTo.class, "(3,1) to (2,3,4)", x -> x.get(0).broadcastTo(2, 3, 4), s(3, 1)),
                row(BroadcastTo.class, "0-d to (2,2)", x -> x.get(0).broadcastTo(2, 2), s()),
                row(BroadcastTo.class, "(1) to (0)", x -> x.get(0).broadcastTo(0), s(1)),
                row(Max.class, "dim 1 keepDim", x -> x.get(0).max(1, true), s(3, 4)),
                row(Max.class, "dim 0", x -> x.get(0).max(0, false), s(3, 2, 2)),
                row(Max.class, "dim -1 of size 1", x -> x.get(0).max(-1, false), s(3, 1)),
                row(Reshape.class, "with -1", x -> x.get(0).reshape(4, -1), s(2, 3, 4)),
                row(Reshape.class, "flatten (composite)", x -> x.get(0).flatten(1), s(2, 3, 2)),
                row(Reshape.class, "size-0", x -> x.get(0).reshape(3, 0), s(0, 3)),
                row(Reshape.class, "unsqueeze, squeeze (composites)", x -> x.get(0).unsqueeze(-1).squeeze(0), s(1, 3)),
                row(Permute.class, "3-d", x -> x.get(0).permute(2, 0, 1), s(2, 3, 4)),
                row(Permute.class, "last dim kept", x -> x.get(0).permute(1, 0, 2), s(2, 3, 4)),
                row(Permute.class, "0-d", x -> x.get(0).permute(), s()),
                row(Permute.class, "size-0", x -> x.get(0).permute(1, 0), s(0, 3)),
                row(Permute.class, "transpose() (composite)", x -> x.get(0).transpose(), s(3, 5)),
                row(Permute.class, "transpose(-1, 0)", x -> x.get(0).transpose(-1, 0), s(2, 3, 4)),
                row(Narrow.class, "middle", x -> x.get(0).narrow(1, 1, 3), s(4, 5)),
                row(Narrow.class, "slice at the start, negative dim", x -> x.get(0).slice(-2, 0, 2), s(3, 2, 2)),
                row(Narrow.class, "empty slice", x -> Tensor.cat(List.of(x.get(0).slice(0, 1, 1), x.get(0).narrow(0, 0, 3)), 0), s(3, 2)),
                row(Cat.class, "dim 0", x -> Tensor.cat(x, 0), s(2, 3), s(4, 3)),
                row(Cat.class, "dim -1 with an empty part", x -> Tensor.cat(x, -1), s(2, 1), s(2, 3), s(2, 0)),
                row(Cat.class, "stack (composite)", x -> Tensor.stack(x, 1), s(2, 3), s(2, 3)),
                row(MatMul.class, "2-d", x -> x.get(0).matmul(x.get(1)), s(3, 4), s(4, 2)),
                row(MatMul.class, "batched 3-d", x -> x.get(0).matmul(x.get(1)), s(2, 3, 4), s(2, 4, 5)),
                row(MatMul.class, "1x1", x -> x.get(0).matmul(x.get(1)), s(1, 1), s(1, 1)),
                row(MatMul.class, "empty rows", x -> x.get(0).matmul(x.get(1)), s(0, 3), s(3, 2)),
                row(MatMul.class, "empty inner dim", x -> x.get(0).matmul(x.get(1)), s(3, 0), s(0, 2)),
                row(MatMul.class, "a bT (matmulTransposed)", x -> x.get(0).matmulTransposed(x.get(1)), s(3, 4), s(2, 4)),
                row(MatMul.class, "a bT batched", x -> x.get(0).matmulTransposed(x.get(1)), s(2, 3, 4), s(2, 5, 4)),
                row(MatMul.class, "aT b", x -> new MatMul(true, false).apply(x.get(0), x.get(1)), s(4, 3), s(4, 2)),
                row(MatMul.class, "aT bT batched", x -> new MatMul(true, true).apply(x.get(0), x.get(1)), s(2, 4, 3), s(2, 5, 4)),
                row(Cat.class, "stack at dim -1 (composite)", x -> Tensor.stack(x, -1), s(2, 3), s(2, 3), s(2, 3)),
                row(Cat.class, "dim -2 of 3-d", x -> Tensor.cat(x, -2), s(2, 1, 3), s(2, 2, 3)),
                row(Narrow.class, "negative dim of 3-d", x -> x.get(0).narrow(-1, 1, 2), s(2, 2, 4)),
                // ---- size-0 edges: the gradient of an empty input is empty, of its shape ----
                row(Exp.class, "size-0", x -> x.get(0).exp(), s(0, 3)),
                row(Log.class, "size-0", x -> x.get(0).log(), s(3, 0)),
                row(Sqrt.class, "size-0", x -> x.get(0).sqrt(), s(0)),
                row(Sigmoid.class, "size-0", x -> x.get(0).sigmoid(), s(0, 2)),
                row(Relu.class, "size-0", x -> x.get(0).relu(), s(2, 0)),
                row(Abs.class, "size-0", x -> x.get(0).abs(), s(0, 2)),
                row(Clamp.class, "size-0", x -> x.get(0).clamp(-1, 1), s(0)),
                row(Maximum.class, "size-0 broadcast", x -> x.get(0).maximum(x.get(1)), s(0, 3), s(3)),
                row(Div.class, "size-0 broadcast", Gen.POSITIVE, x -> x.get(0).div(x.get(1)), s(0, 2), s(2)),
                row(Max.class, "size-0 outer dim", x -> x.get(0).max(-1, true), s(0, 3)),
                row(LogSoftmax.class, "size-0", x -> x.get(0).logSoftmax(-1), s(0, 4)),
                row(SoftmaxCrossEntropy.class, "no rows", x -> x.get(0).crossEntropy(new int[0]), s(0, 3)),
                row(SumTo.class, "size-0 to (1, 3)", x -> x.get(0).sumTo(1, 3), s(0, 3)),
                row(Conv2d.class, "empty batch", x -> Functional.conv2d(x.get(0), x.get(1), x.get(2), 1, 1), s(0, 1, 3, 3), s(2, 1, 2, 2), s(2)),
                row(MaxPool2d.class, "empty batch", x -> Functional.maxPool2d(x.get(0), 2), s(0, 2, 4, 4)),
                row(AvgPool2d.class, "empty batch", x -> Functional.avgPool2d(x.get(0), 2), s(0, 2, 4, 4)),
                row(Dropout.class, "size-0", x -> x.get(0).dropout(0.5, new SplittableRandom(1)), s(0, 3)),
                row(Cast.class, "size-0", x -> x.get(0).to(DType.FLOAT32).to(DType.FLOAT64), s(0, 2)),
                row(Cast.class, "through float32", x -> x.get(0).to(DType.FLOAT32).mul(2).to(DType.FLOAT64), s(2, 3))
                        .tol(1e-3, 1e-3, 1e-4)
        );
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("rows")
    void backwardMatchesFiniteDifferences(Row row) {
        SplittableRandom rng = new SplittableRandom(row.toString().hashCode());
        Tensor[] inputs = new Tensor[row.shapes().length];
        for (int i = 0; i < inputs.length; i++) inputs[i] = sample(rng, row.gen(), row.shapes()[i]);
        // the row must really exercise its op
        Tensor y = row.f().apply(Arrays.stream(inputs).map(t -> t.copy().requiresGrad(true)).toList());
        assertThat(opsIn(y)).as("ops in the graph of " + row).contains(row.op().getSimpleName());
        GradCheck.check(row.f(), row.eps(), row.rtol(), row.atol(), inputs);
    }

    @Test
    void everyOpHasARow() throws IOException, URISyntaxException {
        Path dir = Path.of(Op.class.getResource("Op.class").toURI()).getParent();
        Set<String> ops = new TreeSet<>();
        try (Stream<Path> files = Files.list(dir)) {
            for (Path p : files.toList()) {
                String file = p.getFileName().toString();
                if (!file.endsWith(".class")) continue;
                try {
                    Class<?> c = Class.forName("jgrad.tensor." + file.substring(0, file.length() - 6));
                    if (Op.class.isAssignableFrom(c) && c != Op.class && !c.isAnonymousClass()) ops.add(c.getSimpleName());
                } catch (ClassNotFoundException e) {
                    throw new AssertionError(e);
                }
            }
        }
        Set<String> covered = new TreeSet<>();
        rows().forEach(r -> covered.add(r.op().getSimpleName()));
        assertThat(ops).as("Op classes found in " + dir).isNotEmpty();
        assertThat(covered).as("op classes with a row in OpGradTest.rows()").containsAll(ops);
    }

    static Tensor sample(SplittableRandom rng, Gen gen, int[] shape) {
        Tensor t = Tensor.zeros(DType.FLOAT64, shape);
        double[] v = t.doubleData();
        for (int i = 0; i < v.length; i++) {
            v[i] = switch (gen) {
                case NORMAL -> rng.nextGaussian();
                case POSITIVE -> rng.nextDouble(0.5, 2);
                case OFF_KINK -> (rng.nextBoolean() ? 1 : -1) * (rng.nextBoolean() ? rng.nextDouble(0.1, 0.4) : rng.nextDouble(0.6, 2));
            };
        }
        return t;
    }

    /** Simple names of the op classes in {@code y}'s graph. */
    static Set<String> opsIn(Tensor y) {
        Set<String> names = new TreeSet<>();
        Set<Tensor> seen = Collections.newSetFromMap(new IdentityHashMap<>());
        var stack = new ArrayDeque<Tensor>(List.of(y));
        while (!stack.isEmpty()) {
            Tensor t = stack.pop();
            if (!seen.add(t)) continue;
            t.creator().ifPresent(op -> {
                names.add(op.getClass().getSimpleName());
                stack.addAll(new ArrayList<>(op.inputs()));
            });
        }
        return names;
    }
}
