package jgrad.tensor.kernel;

/**
 * The worker pool: a fixed number of threads set by {@code jgrad.threads} (system property) or
 * {@code JGRAD_THREADS} (environment), default the available processors.
 *
 * <p>Work is cut into chunks whose bounds depend only on the problem size and the grain, never on
 * the thread count, so a kernel that writes disjoint outputs per chunk is deterministic.
 */
public final class Parallel {
    private Parallel() {}

    /** A task over the half-open index range {@code [from, to)}. */
    @FunctionalInterface
    public interface RangeTask {
        void run(int from, int to);
    }

    /** Number of worker threads kernels may use (at least 1). */
    public static int threads() {
        return 1;
    }

    /**
     * Runs {@code task} over {@code [0, n)} in chunks of {@code grain} indices (the last may be
     * shorter), possibly in parallel; returns when every chunk is done.
     */
    public static void forRange(int n, int grain, RangeTask task) {
        for (int from = 0; from < n; from += grain) task.run(from, Math.min(n, from + grain));
    }
}
