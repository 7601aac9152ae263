package jgrad.bench;

import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import jgrad.tensor.kernel.Elementwise;
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

/** JMH: exp and sigmoid over 1M floats; Gelem/s = 1048576 / (microseconds per op * 1000). */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = {"--add-modules=jdk.incubator.vector"})
public class ElementwiseBenchmark {
    private static final int N = 1 << 20;

    @Param({"1", "2"})
    public int threads;

    private float[] x;
    private float[] y;

    /** Fills x with seeded values in [-10, 10). */
    @Setup
    public void setUp() {
        SplittableRandom rng = new SplittableRandom(2);
        x = new float[N];
        y = new float[N];
        for (int i = 0; i < N; i++) x[i] = (float) rng.nextDouble(-10, 10);
    }

    /** y = e^x. */
    @Benchmark
    public float[] exp() {
        Parallel.withThreads(threads, () -> Elementwise.exp(x, 0, y, 0, N));
        return y;
    }

    /** y = 1 / (1 + e^-x). */
    @Benchmark
    public float[] sigmoid() {
        Parallel.withThreads(threads, () -> Elementwise.sigmoid(x, 0, y, 0, N));
        return y;
    }
}
