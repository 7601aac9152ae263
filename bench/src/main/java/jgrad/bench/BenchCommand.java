package jgrad.bench;

import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Unmatched;

/**
 * {@code ./jgrad bench}: benchmark tables of the kernels and of whole training steps, and the JMH
 * suite. A picocli command, so that the {@code cli} module can mount it as its {@code bench}
 * subcommand ({@code root.addSubcommand(new CommandLine(new BenchCommand()))}, or
 * {@link #commandLine()} for the one-line error handling of a stand-alone run).
 *
 * <p>Every figure is the best of several timed rounds after a warm-up, all in one JVM; each table
 * prints the machine's load, since others' work on a shared machine slows it.
 */
@Command(name = "bench", mixinStandardHelpOptions = true,
        description = "Benchmarks of jgrad's kernels and training steps (see docs/benchmarks.md).",
        subcommands = {BenchCommand.Gemm.class, BenchCommand.MlpShapes.class, BenchCommand.ElementwiseMaps.class,
                BenchCommand.Peak.class, TrainBench.class, BenchCommand.Jmh.class})
public final class BenchCommand implements Runnable {
    @Spec
    private CommandSpec spec;

    /** Without a subcommand: prints the usage (with the list of subcommands) to standard output. */
    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    /**
     * The command line with jgrad's error style: a bad option or number prints one line naming it
     * and exits with 2; a failure while running prints one line and exits with 1.
     */
    public static CommandLine commandLine() {
        CommandLine cmd = new CommandLine(new BenchCommand());
        cmd.setCaseInsensitiveEnumValuesAllowed(true);
        cmd.setParameterExceptionHandler((e, args) -> {
            CommandLine c = e.getCommandLine();
            c.getErr().println("jgrad " + c.getCommandSpec().qualifiedName() + ": " + e.getMessage()
                    + " (see ./jgrad " + c.getCommandSpec().qualifiedName() + " --help)");
            return c.getCommandSpec().exitCodeOnInvalidInput();
        });
        cmd.setExecutionExceptionHandler((e, c, parsed) -> {
            c.getErr().println("jgrad " + c.getCommandSpec().qualifiedName() + ": " + e.getMessage());
            return c.getCommandSpec().exitCodeOnExecutionException();
        });
        return cmd;
    }

    /** Entry point of {@code ./jgrad bench ...}; exits with the command's exit code. */
    public static void main(String[] args) {
        System.exit(commandLine().execute(args));
    }

    /** Throws a usage error naming {@code option} unless every value is at least {@code min}. */
    static void requireAtLeast(CommandSpec spec, String option, double min, double... values) {
        for (double v : values) {
            if (!(v >= min)) {
                throw new ParameterException(spec.commandLine(), String.format(Locale.ROOT,
                        "%s must be >= %s, got %s", option, fmt(min), fmt(v)));
            }
        }
    }

    static void requireAtLeast(CommandSpec spec, String option, int min, int... values) {
        for (int v : values) requireAtLeast(spec, option, min, (double) v);
    }

    private static String fmt(double v) {
        return v == Math.rint(v) && Math.abs(v) < 1e15 ? String.valueOf((long) v) : String.valueOf(v);
    }

    /** {@code ./jgrad bench gemm}: square float32 GEMM, GFLOP/s per size and thread count. */
    @Command(name = "gemm", mixinStandardHelpOptions = true,
            description = "sgemm C = A B, float32, square n x n: GFLOP/s for 1 and 2 threads.")
    static final class Gemm implements Callable<Integer> {
        @Spec
        private CommandSpec spec;
        @Option(names = "--sizes", split = ",", defaultValue = "64,128,256,512,1024",
                description = "matrix sizes n (default: ${DEFAULT-VALUE})")
        private int[] sizes;
        @Option(names = "--threads", split = ",", defaultValue = "1,2", description = "thread counts (default: ${DEFAULT-VALUE})")
        private int[] threads;
        // 5 s, not 2: with the 12-row kernels there is more to compile, and on a loaded machine the JIT threads
        // get little CPU; after 2 s, n = 64 still ran at 59-92 GFLOP/s instead of 104-108 (docs/benchmarks.md).
        @Option(names = "--warmup-seconds", defaultValue = "5", description = "warm-up before timing (default: ${DEFAULT-VALUE})")
        private double warmup;
        @Option(names = "--clock", defaultValue = "wall",
                description = "wall: elapsed time; cpu: CPU time of the calling thread, which leaves out the time other "
                        + "processes hold the core (needs --threads 1) (default: ${DEFAULT-VALUE})")
        private KernelTables.Clock clock;

        @Override
        public Integer call() {
            requireAtLeast(spec, "--sizes", 1, sizes);
            requireAtLeast(spec, "--threads", 1, threads);
            requireAtLeast(spec, "--warmup-seconds", 0.0, warmup);
            if (clock == KernelTables.Clock.CPU && java.util.Arrays.stream(threads).anyMatch(t -> t != 1)) {
                throw new ParameterException(spec.commandLine(), "--clock cpu times the calling thread only, so it needs "
                        + "--threads 1, got --threads " + java.util.Arrays.toString(threads).replaceAll("[\\[\\] ]", ""));
            }
            KernelTables.gemm(sizes, threads, warmup, clock);
            return 0;
        }
    }

    /** {@code ./jgrad bench mlp}: the GEMM shapes of MNIST MLP steps. */
    @Command(name = "mlp", mixinStandardHelpOptions = true,
            description = "The GEMM shapes of MNIST MLP steps (batch 100) and few-row float64 passes.")
    static final class MlpShapes implements Callable<Integer> {
        @Spec
        private CommandSpec spec;
        @Option(names = "--threads", split = ",", defaultValue = "1,2", description = "thread counts (default: ${DEFAULT-VALUE})")
        private int[] threads;
        @Option(names = "--warmup-seconds", defaultValue = "2", description = "warm-up before timing (default: ${DEFAULT-VALUE})")
        private double warmup;

        @Override
        public Integer call() {
            requireAtLeast(spec, "--threads", 1, threads);
            requireAtLeast(spec, "--warmup-seconds", 0.0, warmup);
            KernelTables.mlpShapes(threads, warmup);
            return 0;
        }
    }

    /** {@code ./jgrad bench elementwise}: exp, sigmoid and tanh throughput. */
    @Command(name = "elementwise", mixinStandardHelpOptions = true,
            description = "exp / sigmoid / tanh on n floats: Gelem/s for 1 and 2 threads.")
    static final class ElementwiseMaps implements Callable<Integer> {
        @Spec
        private CommandSpec spec;
        @Option(names = "--n", defaultValue = "1048576", description = "elements (default: ${DEFAULT-VALUE})")
        private int n;
        @Option(names = "--threads", split = ",", defaultValue = "1,2", description = "thread counts (default: ${DEFAULT-VALUE})")
        private int[] threads;

        @Override
        public Integer call() {
            requireAtLeast(spec, "--n", 1, n);
            requireAtLeast(spec, "--threads", 1, threads);
            KernelTables.elementwise(n, threads);
            return 0;
        }
    }

    /** {@code ./jgrad bench peak}: one core's FMA ceiling. */
    @Command(name = "peak", mixinStandardHelpOptions = true,
            description = "float32 FMA throughput of one core with operands in registers: the ceiling for GEMM.")
    static final class Peak implements Callable<Integer> {
        @Override
        public Integer call() {
            System.out.printf(Locale.ROOT,
                    "float32 FMA peak of one core (%d-bit vectors, operands in registers): %.1f GFLOP/s%n",
                    jdk.incubator.vector.FloatVector.SPECIES_PREFERRED.vectorBitSize(), FmaPeak.gflops());
            return 0;
        }
    }

    /** {@code ./jgrad bench jmh [JMH options]}: hands every argument to JMH's own command line. */
    @Command(name = "jmh", description = {"The JMH suite; every argument goes to JMH (e.g. -f 1 -wi 3 -i 5 Gemm; -h for JMH's help).",
        "Benchmarks: GemmBenchmark, ElementwiseBenchmark, TrainStepBenchmark."})
    static final class Jmh implements Callable<Integer> {
        @Unmatched
        private List<String> args = List.of();

        @Override
        public Integer call() throws Exception {
            org.openjdk.jmh.Main.main(args.toArray(String[]::new));
            return 0;
        }
    }
}
