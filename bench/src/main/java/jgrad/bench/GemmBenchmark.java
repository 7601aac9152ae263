package jgrad.bench;

import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import jgrad.tensor.kernel.Gemm;
import jgrad.tensor.kernel.Parallel;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/** JMH: square float32 GEMM, 1 or 2 threads; GFLOP/s = 2 n^3 / (microseconds per op * 1000). */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = {"--add-modules=jdk.incubator.vector"})
public class GemmBenchmark {
    @Param({"64", "256", "1024"})
    public int n;

    @Param({"1", "2"})
    public int threads;

    private float[] a;
    private float[] b;
    private float[] c;

    /** Fills A and B with seeded random values. */
    @Setup
    public void setUp() {
        SplittableRandom rng = new SplittableRandom(1);
        a = new float[n * n];
        b = new float[n * n];
        c = new float[n * n];
        for (int i = 0; i < n * n; i++) {
            a[i] = (float) rng.nextDouble(-1, 1);
            b[i] = (float) rng.nextDouble(-1, 1);
        }
    }

    /** One C = A B. */
    @Benchmark
    public float[] sgemm() {
        Parallel.withThreads(threads, () -> Gemm.sgemm(false, false, n, n, n, a, 0, b, 0, c, 0, false));
        return c;
    }
}
