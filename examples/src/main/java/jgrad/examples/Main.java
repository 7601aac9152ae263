package jgrad.examples;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Entry point of {@code ./jgrad}: dispatches {@code example NAME [--key value ...]} to the example programs. */
public final class Main {
    private Main() {}

    /** One runnable example: a one-line description and its program. */
    private record Example(String description, Program program) {}

    @FunctionalInterface
    private interface Program {
        void run(String[] args) throws Exception;
    }

    private static final Map<String, Example> EXAMPLES = new LinkedHashMap<>();

    static {
        EXAMPLES.put("backprop-basics", new Example(
                "one small expression: forward, backward, each value's gradient, and its graph picture",
                BackpropBasics::main));
        EXAMPLES.put("toy-regression", new Example(
                "tiny MLPs (2-4-4-1, 2-5-5-3-1) fit two four-point data sets with squared error",
                ToyRegression::main));
        EXAMPLES.put("moons", new Example(
                "micrograd's two-moons demo: MLP 2-16-16-1, SVM loss, 100 SGD steps, reaches 100%",
                Moons::main));
        EXAMPLES.put("xor", new Example(
                "a 2-4-1 net learns XOR with the tensor engine: loss, then the four predictions",
                Xor::main));
        EXAMPLES.put("iris", new Example(
                "softmax + cross entropy on data/iris.csv: seeded split, standardised, accuracy per epoch, confusion matrix",
                Iris::main));
        EXAMPLES.put("two-layer-net", new Example(
                "hand-written backprop TwoLayerNet on MNIST: gradient check, then mini-batch SGD (train/test accuracy)",
                TwoLayerNetMnist::main));
        EXAMPLES.put("mnist", new Example(
                "MLP 784-100-10 on MNIST with jgrad.nn + Trainer (--optimizer, --init, --batch-norm, --dropout, --save)",
                MnistMlp::main));
        EXAMPLES.put("mnist-conv", new Example(
                "SimpleConvNet (conv 30x5x5, pool, 100, 10) on MNIST with Adam, 1 epoch to about 98%",
                MnistConv::main));
    }

    /** Runs {@code ./jgrad example NAME ...}; without a name, lists the examples. */
    public static void main(String[] args) throws Exception {
        if (args.length == 0 || !args[0].equals("example")) {
            boolean unknown = args.length > 0 && !List.of("help", "--help", "-h").contains(args[0]);
            if (unknown) System.err.println("jgrad: unknown command '" + args[0] + "'");
            (unknown ? System.err : System.out).println("""
                    usage: ./jgrad example [NAME [--option value ...]]   (without NAME: list the examples)
                           ./jgrad bench [gemm | mlp | elementwise | peak | train | jmh ...]   (without a name: its usage)
                           ./jgrad test [maven args] | test-slow | build | java-home""");
            if (unknown) System.exit(2);
            return;
        }
        if (args.length == 1) {
            System.out.println("examples (run one with ./jgrad example NAME):");
            EXAMPLES.forEach((name, e) -> System.out.printf("  %-16s %s%n", name, e.description()));
            return;
        }
        Example example = EXAMPLES.get(args[1]);
        if (example == null) {
            System.err.println("jgrad: no example '" + args[1] + "'; known: " + String.join(", ", EXAMPLES.keySet()));
            System.exit(2);
        }
        String[] rest = java.util.Arrays.copyOfRange(args, 2, args.length);
        try {
            example.program().run(rest);
        } catch (IllegalArgumentException e) {
            System.err.println("jgrad: " + e.getMessage());
            System.exit(2);
        }
    }
}
