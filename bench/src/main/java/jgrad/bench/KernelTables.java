package jgrad.bench;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.function.IntConsumer;
import jgrad.tensor.kernel.Elementwise;
import jgrad.tensor.kernel.Gemm;
import jgrad.tensor.kernel.Parallel;

/**
 * The kernel tables of {@code ./jgrad bench gemm|mlp|elementwise}: each figure is the best of
 * several timed rounds after a warm-up, all in one JVM. The machine may be shared: compare figures
 * from the same run, and repeat a run when they look noisy.
 */
final class KernelTables {
    private KernelTables() {}

    static float[] random(SplittableRandom rng, int n, double lo, double hi) {
        float[] x = new float[n];
        for (int i = 0; i < n; i++) x[i] = (float) (lo + (hi - lo) * rng.nextDouble());
        return x;
    }

    /** Best and median seconds per call over {@code rounds} rounds of about {@code roundSeconds} each. */
    static double[] time(Runnable call, int rounds, double roundSeconds) {
        return time(call, rounds, roundSeconds, Clock.WALL);
    }

    /** {@link #time(Runnable, int, double)} read on {@code clock}. */
    static double[] time(Runnable call, int rounds, double roundSeconds, Clock clock) {
        double[] perCall = new double[rounds];
        long t0 = clock.nanos();
        call.run();
        double once = Math.max(1e-7, (clock.nanos() - t0) / 1e9);
        int reps = (int) Math.max(1, Math.min(1_000_000, roundSeconds / once));
        for (int r = 0; r < rounds; r++) {
            long start = clock.nanos();
            for (int i = 0; i < reps; i++) call.run();
            perCall[r] = (clock.nanos() - start) / 1e9 / reps;
        }
        Arrays.sort(perCall);
        return new double[] {perCall[0], perCall[rounds / 2]};
    }

    /**
     * What a table's times are read from. {@code CPU} is the CPU time of the calling thread: on a shared
     * machine it leaves out the time other processes hold the core (not their cache traffic), so only
     * work that runs on the calling thread (1 thread) may be timed with it.
     */
    enum Clock {
        WALL, CPU;

        private static final java.lang.management.ThreadMXBean THREADS = java.lang.management.ManagementFactory.getThreadMXBean();

        long nanos() {
            return this == WALL ? System.nanoTime() : THREADS.getCurrentThreadCpuTime();
        }
    }

    /** The square sgemm table for the given sizes and thread counts, timed on {@code clock}. */
    static void gemm(int[] sizes, int[] threads, double warmup, Clock clock) {
        SplittableRandom rng = new SplittableRandom(42);
        List<float[][]> data = new ArrayList<>();
        for (int n : sizes) data.add(new float[][] {random(rng, n * n, -1, 1), random(rng, n * n, -1, 1), new float[n * n]});
        IntConsumer[] calls = new IntConsumer[sizes.length];
        for (int s = 0; s < sizes.length; s++) {
            int n = sizes[s];
            float[][] d = data.get(s);
            calls[s] = t -> Parallel.withThreads(t, () -> Gemm.sgemm(false, false, n, n, n, d[0], 0, d[1], 0, d[2], 0, false));
        }
        header("sgemm C = A B, float32, row-major, square n x n; GFLOP/s = 2 n^3 / time"
                + (clock == Clock.CPU ? " (time: CPU time of the calling thread)" : ""));
        // Warm-up: every size and thread count, so that C2 has seen all paths before timing.
        long until = System.nanoTime() + (long) (warmup * 1e9);
        while (System.nanoTime() < until) {
            for (int s = 0; s < sizes.length; s++) for (int t : threads) calls[s].accept(t);
        }
        StringBuilder head = new StringBuilder(String.format("%6s", "n"));
        for (int t : threads) head.append(String.format("  %22s", t + (t == 1 ? " thread" : " threads") + " best (median)"));
        if (threads.length > 1) head.append(String.format("  %9s", "speed-up"));
        System.out.println(head);
        for (int s = 0; s < sizes.length; s++) {
            double flop = 2.0 * sizes[s] * sizes[s] * sizes[s];
            StringBuilder row = new StringBuilder(String.format("%6d", sizes[s]));
            double first = 0, last = 0;
            for (int t : threads) {
                int s0 = s;
                double[] sec = time(() -> calls[s0].accept(t), 7, 0.15, clock);
                double best = flop / sec[0] / 1e9, median = flop / sec[1] / 1e9;
                if (t == threads[0]) first = best;
                last = best;
                row.append(String.format("  %14.1f (%5.1f)", best, median));
            }
            if (threads.length > 1) row.append(String.format("  %8.2fx", last / first));
            System.out.println(row);
        }
    }

    /** exp / sigmoid / tanh throughput on {@code n} floats. */
    static void elementwise(int n, int[] threads) {
        SplittableRandom rng = new SplittableRandom(7);
        float[] x = random(rng, n, -10, 10), y = new float[n];
        record Case(String name, Runnable body) {}
        List<Case> cases = List.of(
                new Case("exp", () -> Elementwise.exp(x, 0, y, 0, n)),
                new Case("sigmoid", () -> Elementwise.sigmoid(x, 0, y, 0, n)),
                new Case("tanh", () -> Elementwise.tanh(x, 0, y, 0, n)),
                new Case("Math.exp loop (reference)", () -> {
                    for (int i = 0; i < n; i++) y[i] = (float) Math.exp(x[i]);
                }));
        header("elementwise maps on " + n + " floats; Gelem/s = elements / time");
        long until = System.nanoTime() + 2_000_000_000L;
        while (System.nanoTime() < until) for (Case c : cases) for (int t : threads) Parallel.withThreads(t, c.body());
        StringBuilder head = new StringBuilder(String.format("%-26s", "op"));
        for (int t : threads) head.append(String.format("  %22s", t + (t == 1 ? " thread" : " threads") + " best (median)"));
        System.out.println(head);
        for (Case c : cases) {
            StringBuilder row = new StringBuilder(String.format("%-26s", c.name()));
            for (int t : threads) {
                double[] sec = time(() -> Parallel.withThreads(t, c.body()), 7, 0.1);
                row.append(String.format("  %14.2f (%5.2f)", n / sec[0] / 1e9, n / sec[1] / 1e9));
            }
            System.out.println(row);
        }
    }

    /** One GEMM case of the MLP table: {@code C (m, n) = op(A) op(B)} with shared dimension k. */
    private record Shape(String what, boolean transA, boolean transB, int m, int n, int k, boolean f64) {}

    /**
     * The products of one training step of MNIST MLPs with batch 100 (784-100-10 with weights
     * stored (in, out) as in the curriculum, and (out, in) as in {@code nn.Linear}), and the
     * few-row float64 forward passes of a numerical gradient check (784-50-10).
     */
    static void mlpShapes(int[] threads, double warmup) {
        List<Shape> shapes = List.of(
                new Shape("x W1        fwd", false, false, 100, 100, 784, false),
                new Shape("h W2        fwd", false, false, 100, 10, 100, false),
                new Shape("h^T gy  dW2     ", true, false, 100, 10, 100, false),
                new Shape("gy W2^T dh      ", false, true, 100, 100, 10, false),
                new Shape("x^T gh  dW1     ", true, false, 784, 100, 100, false),
                new Shape("x w1^T      fwd", false, true, 100, 100, 784, false),
                new Shape("gh^T x  dw1     ", true, false, 100, 784, 100, false),
                new Shape("gh w1   dx      ", false, false, 100, 784, 100, false),
                new Shape("h w2^T      fwd", false, true, 100, 10, 100, false),
                new Shape("gy^T h  dw2     ", true, false, 10, 100, 100, false),
                new Shape("f64 x W1, m=1  ", false, false, 1, 50, 784, true),
                new Shape("f64 x W1, m=3  ", false, false, 3, 50, 784, true),
                new Shape("f64 h W2, m=3  ", false, false, 3, 10, 50, true),
                new Shape("f32 x W1, m=3  ", false, false, 3, 100, 784, false));
        SplittableRandom rng = new SplittableRandom(5);
        List<Runnable> calls = new ArrayList<>();
        for (Shape s : shapes) {
            float[] a = random(rng, s.m() * s.k(), -1, 1), b = random(rng, s.k() * s.n(), -1, 1), c = new float[s.m() * s.n()];
            double[] ad = new double[a.length], bd = new double[b.length], cd = new double[c.length];
            for (int i = 0; i < a.length; i++) ad[i] = a[i];
            for (int i = 0; i < b.length; i++) bd[i] = b[i];
            calls.add(s.f64()
                    ? () -> Gemm.dgemm(s.transA(), s.transB(), s.m(), s.n(), s.k(), ad, 0, bd, 0, cd, 0, false)
                    : () -> Gemm.sgemm(s.transA(), s.transB(), s.m(), s.n(), s.k(), a, 0, b, 0, c, 0, false));
        }
        header("GEMM shapes of MNIST MLPs, batch 100 (C (m, n) = op(A) op(B)); GFLOP/s = 2 m n k / time");
        long until = System.nanoTime() + (long) (warmup * 1e9);
        while (System.nanoTime() < until) {
            for (Runnable call : calls) for (int t : threads) Parallel.withThreads(t, call);
        }
        StringBuilder head = new StringBuilder(String.format("%-17s %5s %5s %5s %3s", "product", "m", "n", "k", "op"));
        for (int t : threads) head.append(String.format("  %24s", t + (t == 1 ? " thread" : " threads") + " GFLOP/s (us)"));
        System.out.println(head);
        for (int i = 0; i < shapes.size(); i++) {
            Shape s = shapes.get(i);
            Runnable call = calls.get(i);
            StringBuilder row = new StringBuilder(String.format("%-17s %5d %5d %5d %3s", s.what(), s.m(), s.n(), s.k(),
                    (s.transA() ? "T" : "N") + (s.transB() ? "T" : "N")));
            for (int t : threads) {
                double[] sec = time(() -> Parallel.withThreads(t, call), 7, 0.1);
                row.append(String.format("  %14.1f (%7.2f)", 2.0 * s.m() * s.n() * s.k() / sec[0] / 1e9, sec[0] * 1e6));
            }
            System.out.println(row);
        }
    }

    static void header(String what) {
        System.out.println(what);
        System.out.printf(Locale.ROOT, "JDK %s (%s), %d processors, jgrad.threads default %d%n",
                System.getProperty("java.version"), System.getProperty("java.vm.name"),
                Runtime.getRuntime().availableProcessors(), Parallel.threads());
        System.out.println("load: " + firstLine("/proc/loadavg") + "; CPU pressure: " + firstLine("/proc/pressure/cpu")
                + " (others' work competes for the cores when 'some' is high)");
    }

    private static String firstLine(String file) {
        try (var lines = java.nio.file.Files.lines(java.nio.file.Path.of(file))) {
            return lines.findFirst().orElse("?");
        } catch (java.io.IOException | RuntimeException e) {
            return "n/a";
        }
    }
}
