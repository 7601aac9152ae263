package jgrad.tensor.kernel;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.LockSupport;

/**
 * The worker pool: a fixed number of threads set by {@code jgrad.threads} (system property) or
 * {@code JGRAD_THREADS} (environment), default the available processors.
 *
 * <p>Work is cut into chunks whose bounds depend only on the problem size and the grain, never on
 * the thread count, so a kernel that writes disjoint outputs per chunk is deterministic.
 * The calling thread works on chunks too. A worker whose chunks are done looks for the next
 * invitation on the CPU for up to {@code jgrad.spin} microseconds (default 1000; it does not poll
 * while there are as many workers as processors), then blocks on a queue; a caller whose own chunks are done while
 * others still run a chunk waits up to 50 microseconds on the CPU for them, then blocks; when no
 * chunk is left running it returns at once.
 * A call made from inside a chunk (nested) runs inline on the current thread.
 *
 * <p>Lifecycle, for long-lived JVMs that run many jobs (a Spark executor):
 * <ul>
 *   <li>Several threads may call {@link #forRange} at once; each call claims its own chunks, the
 *       workers help whichever call invited them, and results stay the same as alone.
 *   <li>Interrupts: a call on an interrupted thread, or whose thread is interrupted while it runs,
 *       starts no further chunk, waits (blocked, not spinning) for the chunks other threads are
 *       running, and throws {@link CancellationException} with the interrupt status still set.
 *       Outputs are then partly written.
 *   <li>{@link #shutdown()} stops the workers and waits for them to end. The pool stays usable:
 *       the next parallel call starts fresh workers.
 * </ul>
 */
public final class Parallel {
    private Parallel() {}

    /** A task over the half-open index range {@code [from, to)}. */
    @FunctionalInterface
    public interface RangeTask {
        /**
         * Processes indices {@code from} (inclusive) to {@code to} (exclusive); may run on any thread.
         *
         * @param from first index of the chunk
         * @param to one past the last index of the chunk
         */
        void run(int from, int to);
    }

    private static final int CONFIGURED = configuredThreads();
    /** How long a caller busy-waits for chunks still running elsewhere before parking. */
    private static final long JOIN_SPIN_NANOS = 50_000;
    /**
     * How long an idle worker polls for the next invitation before it blocks. A blocked worker took a
     * median 57-60 microseconds to start on an invitation (p99 0.5-1.3 ms, 2-core VM), and the ConvNet
     * step opens 6 parallel regions with little serial work between them: polling for 1 ms brought the
     * median to 1 microsecond and the 2-thread step from 3.51-3.89 to 3.40-3.52 ms in four alternated
     * pairs (docs/benchmarks.md, "seventh round"). Polling costs CPU while the caller works alone, so a
     * worker does not poll while the workers and one caller outnumber the processors, where it would
     * take a core from another thread (several callers at once, as in a Spark executor, can still).
     */
    private static final long WORKER_SPIN_NANOS = TimeUnit.MICROSECONDS.toNanos(spinMicros());
    private static final int PROCESSORS = Runtime.getRuntime().availableProcessors();
    /** Live workers, as {@link #WORKERS} holds them, readable without the lock. */
    private static volatile int live;
    /** Per-thread override set by {@link #withThreads}; null means {@link #CONFIGURED}. */
    private static final ThreadLocal<Integer> OVERRIDE = new ThreadLocal<>();
    /** True while the current thread is running chunks of some job (worker or caller). */
    private static final ThreadLocal<Boolean> BUSY = ThreadLocal.withInitial(() -> Boolean.FALSE);
    /** Each entry invites one idle worker to help with a job. */
    private static final LinkedBlockingQueue<Job> INVITES = new LinkedBlockingQueue<>();
    /** Live workers; guarded by the class lock. */
    private static final List<Worker> WORKERS = new ArrayList<>();
    private static int started;

    private static int configuredThreads() {
        String s = System.getProperty("jgrad.threads");
        if (s == null || s.isBlank()) s = System.getenv("JGRAD_THREADS");
        long t = setting(s, 1, Integer.MAX_VALUE, "thread count", "an integer >= 1");
        return t > 0 ? (int) t : Math.max(1, Runtime.getRuntime().availableProcessors());
    }

    private static long spinMicros() {
        long us = setting(System.getProperty("jgrad.spin"), 0, Long.MAX_VALUE, "jgrad.spin", "microseconds >= 0");
        return us >= 0 ? us : 1000;
    }

    /**
     * A whole-number setting in {@code [min, max]}, or -1 when it is not set; a value that is not such
     * a number is ignored (-1) with one line on stderr naming the setting and what it wants.
     */
    private static long setting(String s, long min, long max, String name, String want) {
        if (s == null || s.isBlank()) return -1;
        try {
            long v = Long.parseLong(s.trim());
            if (v >= min && v <= max) return v;
        } catch (NumberFormatException ignored) {
            // fall through to the warning, as for a value out of range
        }
        System.err.println("jgrad: ignoring " + name + " '" + s + "' (want " + want + ")");
        return -1;
    }

    /** {@return the number of worker threads kernels may use (at least 1), counting the calling thread} */
    public static int threads() {
        Integer o = OVERRIDE.get();
        return o != null ? o : CONFIGURED;
    }

    /**
     * Runs {@code body} on the current thread with kernels limited to (or widened to) {@code n}
     * threads, then restores the previous setting. Meant for tests and benchmarks that compare
     * thread counts within one JVM; results do not depend on {@code n}.
     *
     * @param n the thread count for the duration of {@code body}, at least 1
     * @param body the code to run, on the current thread
     * @throws IllegalArgumentException if {@code n < 1}
     */
    public static void withThreads(int n, Runnable body) {
        if (n < 1) throw new IllegalArgumentException("withThreads: n must be >= 1, got " + n);
        Integer previous = OVERRIDE.get();
        OVERRIDE.set(n);
        try {
            body.run();
        } finally {
            if (previous == null) OVERRIDE.remove(); else OVERRIDE.set(previous);
        }
    }

    /**
     * Number of chunks {@link #forRange} cuts {@code [0, n)} into.
     *
     * @param n number of indices
     * @param grain indices per chunk (values below 1 count as 1)
     * @return {@code ceil(n / grain)}, or 0 when {@code n <= 0}
     */
    public static int chunks(int n, int grain) {
        if (n <= 0) return 0;
        int g = Math.max(1, grain);
        return (int) (((long) n + g - 1) / g);
    }

    /**
     * A grain for {@link #forRange} over {@code n} indices that gives chunks of at most {@code grain}
     * indices, {@code ceil(n / grain)} rounded up to a multiple of 4 of them (exactly so when a chunk
     * holds more indices than there are chunks; the last may be shorter), so that 1, 2 or 4 threads
     * get equal shares: 14 chunks of {@code 1 << 15}, 13 full and a short one (Adam on the ConvNet's
     * 432,000 weights), left one of 2 threads idle for most of a chunk at the end. Depends only on
     * {@code n} and {@code grain}, never on the thread count.
     *
     * @param n number of indices
     * @param grain most indices per chunk (values below 1 count as 1)
     * @return the grain to pass to {@link #forRange}, at least 1
     */
    public static int balancedGrain(int n, int grain) {
        long g = Math.max(1, grain), chunks = (chunks(n, (int) g) + 3L) / 4 * 4;
        return n <= g ? Math.max(1, n) : (int) ((n + chunks - 1) / chunks);
    }

    /**
     * Runs {@code task} over {@code [0, n)} in chunks of {@code grain} indices (the last may be
     * shorter), possibly in parallel; returns when every chunk is done. An exception thrown by a
     * chunk is rethrown here after the other chunks finish.
     *
     * @param n number of indices; nothing runs when {@code n <= 0}
     * @param grain indices per chunk (values below 1 count as 1); the chunks do not depend on the
     *     thread count, only the order they run in does
     * @param task the work for one chunk {@code [from, to)}
     */
    public static void forRange(int n, int grain, RangeTask task) {
        if (n <= 0) return;
        int g = Math.max(1, grain);
        int chunks = chunks(n, g);
        int helpers = Math.min(threads(), chunks) - 1;
        Thread me = Thread.currentThread();
        if (me.isInterrupted()) throw cancelled();
        if (helpers <= 0 || BUSY.get()) {
            for (long from = 0; from < n; from += g) {
                if (me.isInterrupted()) throw cancelled();
                task.run((int) from, (int) Math.min(n, from + g));
            }
            return;
        }
        ensureWorkers(helpers);
        Job job = new Job(n, g, chunks, task, me);
        for (int i = 0; i < helpers; i++) INVITES.add(job);
        BUSY.set(Boolean.TRUE);
        try {
            job.work();
        } finally {
            BUSY.set(Boolean.FALSE);
        }
        // Withdraw invitations nobody took (all chunks are claimed by now).
        while (INVITES.remove(job)) {
            // keep removing
        }
        // Chunks still running elsewhere finish soon: wait briefly on the CPU (waking a parked
        // thread costs tens of microseconds on a VM), then block. An interrupt cancels the chunks
        // not yet started; park() returns at once while the flag is set, so it is cleared for
        // the wait and set again afterwards.
        boolean interrupted = false;
        long spinUntil = System.nanoTime() + JOIN_SPIN_NANOS;
        while (job.done.get() < chunks) {
            if (Thread.interrupted()) {
                interrupted = true;
                job.cancelled = true;
            }
            if (!interrupted && System.nanoTime() < spinUntil) Thread.onSpinWait();
            else LockSupport.park(job);
        }
        if (interrupted) me.interrupt();
        if (job.cancelled) throw cancelled();
        Throwable t = job.error.get();
        if (t instanceof RuntimeException e) throw e;
        if (t instanceof Error e) throw e;
        if (t != null) throw new IllegalStateException(t);
    }

    private static CancellationException cancelled() {
        return new CancellationException("jgrad kernel: the calling thread was interrupted; the call stopped early");
    }

    /**
     * Stops the worker threads and waits until they have ended (each finishes the chunk it is
     * running first). Calls still in progress complete on their own threads. The pool remains
     * usable: the next parallel call starts new workers.
     *
     * @throws IllegalStateException when called from inside a parallel chunk
     */
    public static void shutdown() {
        if (BUSY.get()) throw new IllegalStateException("Parallel.shutdown: called from inside a parallel chunk");
        List<Worker> stopping;
        synchronized (Parallel.class) {
            stopping = new ArrayList<>(WORKERS);
            WORKERS.clear();
            live = 0;
        }
        for (Worker w : stopping) {
            w.retired = true;
            w.interrupt();
        }
        boolean interrupted = false;
        for (Worker w : stopping) {
            while (w.isAlive()) {
                try {
                    w.join();
                } catch (InterruptedException e) {
                    interrupted = true; // keep waiting: a half-stopped pool would be worse
                }
            }
        }
        if (interrupted) Thread.currentThread().interrupt();
    }

    /** {@return the number of live worker threads (0 before the first parallel call and after {@link #shutdown})} */
    public static synchronized int workers() {
        return WORKERS.size();
    }

    private static synchronized void ensureWorkers(int count) {
        while (WORKERS.size() < count) {
            Worker w = new Worker("jgrad-worker-" + (++started));
            WORKERS.add(w);
            w.start();
        }
        live = WORKERS.size();
    }

    /** A daemon thread that takes invitations until it is retired by {@link #shutdown}. */
    private static final class Worker extends Thread {
        volatile boolean retired;

        Worker(String name) {
            super(name);
            setDaemon(true);
        }

        @Override
        public void run() {
            BUSY.set(Boolean.TRUE); // anything a worker calls runs inline
            while (!retired) {
                Job job;
                try {
                    job = next();
                } catch (InterruptedException e) {
                    continue; // retired, or a stray interrupt: the loop condition decides
                }
                job.work();
            }
        }

        /** The next invitation: polled for {@link #WORKER_SPIN_NANOS} (an empty queue answers without a lock), then waited for. */
        private Job next() throws InterruptedException {
            long start = System.nanoTime();
            boolean poll = WORKER_SPIN_NANOS > 0 && live < PROCESSORS; // the workers and a caller fit the processors
            for (Job job; poll && !retired && System.nanoTime() - start < WORKER_SPIN_NANOS; Thread.onSpinWait()) {
                if ((job = INVITES.poll()) != null) return job;
            }
            return INVITES.take(); // blocks while idle
        }
    }

    /** One forRange call: chunks are claimed from a shared counter by every participant. */
    private static final class Job {
        final int n;
        final int grain;
        final int chunks;
        final RangeTask task;
        final Thread caller;
        final AtomicInteger next = new AtomicInteger();
        final AtomicInteger done = new AtomicInteger();
        final AtomicReference<Throwable> error = new AtomicReference<>();
        /** Set when the caller was interrupted: chunks not yet started are skipped. */
        volatile boolean cancelled;

        Job(int n, int grain, int chunks, RangeTask task, Thread caller) {
            this.n = n;
            this.grain = grain;
            this.chunks = chunks;
            this.task = task;
            this.caller = caller;
        }

        void work() {
            int c;
            while ((c = next.getAndIncrement()) < chunks) {
                long from = (long) c * grain;
                try {
                    if (error.get() == null && !cancelled) {
                        if (Thread.currentThread() == caller && caller.isInterrupted()) cancelled = true;
                        else task.run((int) from, (int) Math.min(n, from + grain));
                    }
                } catch (Throwable t) {
                    error.compareAndSet(null, t);
                } finally {
                    if (done.incrementAndGet() == chunks && Thread.currentThread() != caller) {
                        LockSupport.unpark(caller);
                    }
                }
            }
        }
    }
}
