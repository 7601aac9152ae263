package jgrad.tensor.kernel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class ParallelTest {
    @Test
    void chunksCoverTheRangeOnceWithBoundsFixedByGrain() {
        for (int threads : new int[] {1, 2, 3}) {
            List<int[]> seen = Collections.synchronizedList(new ArrayList<>());
            Parallel.withThreads(threads, () -> Parallel.forRange(103, 10, (from, to) -> seen.add(new int[] {from, to})));
            seen.sort((x, y) -> Integer.compare(x[0], y[0]));
            assertThat(seen).hasSize(11);
            for (int c = 0; c < 11; c++) {
                assertThat(seen.get(c)).containsExactly(c * 10, Math.min(103, c * 10 + 10));
            }
        }
        assertThat(Parallel.chunks(103, 10)).isEqualTo(11);
        assertThat(Parallel.chunks(0, 10)).isZero();
    }

    @Test
    void balancedGrainsGiveAMultipleOfFourChunksNoLargerThanTheGrain() {
        assertThat(Parallel.chunks(432_000, Parallel.balancedGrain(432_000, 1 << 14))).isEqualTo(28);
        assertThat(Parallel.balancedGrain(5000, 1 << 14)).as("small ranges stay one chunk").isEqualTo(5000);
        assertThat(Parallel.balancedGrain(0, 16)).isEqualTo(1);
        for (int n : new int[] {17, 100, 1000, 32_769, 65_536, 432_000, 1_000_003}) {
            for (int grain : new int[] {1, 3, 16, 1 << 14}) {
                int g = Parallel.balancedGrain(n, grain), chunks = Parallel.chunks(n, g);
                assertThat(g).as("n=%d grain=%d", n, grain).isBetween(1, grain);
                assertThat(chunks).as("n=%d grain=%d", n, grain).isGreaterThanOrEqualTo(Parallel.chunks(n, grain));
                if (n > grain && g > chunks) assertThat(chunks % 4).as("n=%d grain=%d: %d chunks", n, grain, chunks).isZero();
            }
        }
    }

    @Test
    void twoThreadsRunChunksConcurrently() throws InterruptedException {
        CountDownLatch both = new CountDownLatch(2);
        AtomicInteger met = new AtomicInteger();
        Parallel.withThreads(2, () -> Parallel.forRange(2, 1, (from, to) -> {
            both.countDown();
            try {
                if (both.await(10, TimeUnit.SECONDS)) met.incrementAndGet();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }));
        assertThat(met.get()).as("both chunks were running at the same time").isEqualTo(2);
    }

    @Test
    void nestedCallsRunInlineWithoutDeadlock() {
        AtomicInteger count = new AtomicInteger();
        Parallel.withThreads(2, () -> Parallel.forRange(8, 1, (from, to) ->
                Parallel.forRange(100, 7, (f, t) -> count.addAndGet(t - f))));
        assertThat(count.get()).isEqualTo(800);
    }

    @Test
    void exceptionInAChunkReachesTheCaller() {
        assertThatThrownBy(() -> Parallel.withThreads(2, () -> Parallel.forRange(10, 1, (from, to) -> {
            if (from == 7) throw new IllegalStateException("chunk 7 failed");
        }))).isInstanceOf(IllegalStateException.class).hasMessage("chunk 7 failed");
        // the pool still works afterwards
        AtomicInteger count = new AtomicInteger();
        Parallel.withThreads(2, () -> Parallel.forRange(10, 1, (from, to) -> count.incrementAndGet()));
        assertThat(count.get()).isEqualTo(10);
    }

    @Test
    void withThreadsRestoresTheSettingAndRejectsZero() {
        int before = Parallel.threads();
        Parallel.withThreads(1, () -> assertThat(Parallel.threads()).isEqualTo(1));
        assertThat(Parallel.threads()).isEqualTo(before).isPositive();
        assertThatThrownBy(() -> Parallel.withThreads(0, () -> {})).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void severalCallersAtOnceGetTheResultsTheyGetAlone() throws Exception {
        var rng = new java.util.SplittableRandom(3);
        int n = 96;
        float[] a = new float[n * n], b = new float[n * n];
        for (int i = 0; i < a.length; i++) {
            a[i] = (float) rng.nextDouble(-1, 1);
            b[i] = (float) rng.nextDouble(-1, 1);
        }
        float[] alone = new float[n * n];
        Parallel.withThreads(1, () -> Gemm.sgemm(false, false, n, n, n, a, 0, b, 0, alone, 0, false));
        int callers = 4;
        var pool = java.util.concurrent.Executors.newFixedThreadPool(callers);
        try {
            List<java.util.concurrent.Future<Boolean>> results = new ArrayList<>();
            CountDownLatch start = new CountDownLatch(1);
            for (int c = 0; c < callers; c++) {
                results.add(pool.submit(() -> {
                    start.await();
                    boolean same = true;
                    for (int rep = 0; rep < 50; rep++) {
                        float[] out = new float[n * n];
                        Parallel.withThreads(2, () -> Gemm.sgemm(false, false, n, n, n, a, 0, b, 0, out, 0, false));
                        same &= java.util.Arrays.equals(out, alone);
                        double[] s = new double[1];
                        Parallel.withThreads(2, () -> s[0] = Elementwise.sum(out, 0, out.length));
                        same &= Double.doubleToLongBits(s[0]) == Double.doubleToLongBits(Elementwise.sum(alone, 0, alone.length));
                    }
                    return same;
                }));
            }
            start.countDown();
            for (var r : results) assertThat(r.get(60, TimeUnit.SECONDS)).as("bit-identical under concurrent callers").isTrue();
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void anInterruptedCallerStopsStartingChunksAndWaitsWithoutSpinning() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        CountDownLatch workerInChunk = new CountDownLatch(1);
        AtomicInteger ran = new AtomicInteger();
        java.util.concurrent.atomic.AtomicReference<Throwable> thrown = new java.util.concurrent.atomic.AtomicReference<>();
        java.util.concurrent.atomic.AtomicBoolean flagKept = new java.util.concurrent.atomic.AtomicBoolean();
        Thread caller = new Thread(() -> {
            Thread me = Thread.currentThread();
            try {
                Parallel.withThreads(2, () -> Parallel.forRange(1000, 1, (from, to) -> {
                    ran.incrementAndGet();
                    if (Thread.currentThread() != me) { // the worker's first chunk blocks until released
                        workerInChunk.countDown();
                        try {
                            release.await();
                        } catch (InterruptedException e) {
                            Thread.currentThread().interrupt();
                        }
                    } else {
                        try {
                            Thread.sleep(1);
                        } catch (InterruptedException e) {
                            Thread.currentThread().interrupt(); // keep the flag for Parallel to see
                        }
                    }
                }));
            } catch (Throwable t) {
                thrown.set(t);
            }
            flagKept.set(Thread.currentThread().isInterrupted());
        });
        caller.start();
        assertThat(workerInChunk.await(10, TimeUnit.SECONDS)).isTrue();
        caller.interrupt();
        // While the worker's chunk is still blocked, the caller must be parked (WAITING), not spinning (RUNNABLE).
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (caller.getState() != Thread.State.WAITING && System.nanoTime() < deadline) Thread.sleep(5);
        for (int i = 0; i < 10; i++) {
            assertThat(caller.getState()).as("caller waits blocked for the running chunk").isEqualTo(Thread.State.WAITING);
            Thread.sleep(5);
        }
        release.countDown();
        caller.join(10_000);
        assertThat(caller.isAlive()).isFalse();
        assertThat(thrown.get()).isInstanceOf(java.util.concurrent.CancellationException.class);
        assertThat(flagKept.get()).as("the interrupt status is kept").isTrue();
        assertThat(ran.get()).as("no chunk started after the interrupt").isLessThan(1000);
    }

    @Test
    void aCallOnAnInterruptedThreadThrowsForAnyThreadCount() {
        for (int threads : new int[] {1, 2}) {
            AtomicInteger ran = new AtomicInteger();
            Thread.currentThread().interrupt();
            try {
                assertThatThrownBy(() -> Parallel.withThreads(threads, () -> Parallel.forRange(10, 1, (f, t) -> ran.incrementAndGet())))
                        .isInstanceOf(java.util.concurrent.CancellationException.class);
                assertThat(Thread.currentThread().isInterrupted()).isTrue();
            } finally {
                Thread.interrupted();
            }
            assertThat(ran.get()).isZero();
        }
    }

    @Test
    void shutdownEndsTheWorkersAndTheNextCallStartsNewOnes() {
        AtomicInteger count = new AtomicInteger();
        Parallel.withThreads(2, () -> Parallel.forRange(10, 1, (from, to) -> count.incrementAndGet()));
        assertThat(Parallel.workers()).isPositive();
        List<Thread> before = Thread.getAllStackTraces().keySet().stream()
                .filter(t -> t.getName().startsWith("jgrad-worker-")).toList();
        Parallel.shutdown();
        assertThat(Parallel.workers()).isZero();
        assertThat(before).allSatisfy(t -> assertThat(t.isAlive()).isFalse());
        Parallel.withThreads(2, () -> Parallel.forRange(10, 1, (from, to) -> count.incrementAndGet()));
        assertThat(count.get()).isEqualTo(20);
        assertThat(Parallel.workers()).isPositive();
    }

    @Test
    void idleWorkersPollOnlyBrieflyThenBlock() throws InterruptedException {
        Parallel.withThreads(2, () -> Parallel.forRange(10, 1, (from, to) -> { }));
        List<Thread> workers = Thread.getAllStackTraces().keySet().stream()
                .filter(t -> t.getName().startsWith("jgrad-worker-")).toList();
        assertThat(workers).isNotEmpty();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10); // the poll lasts 1 ms; a loaded machine may delay it
        while (System.nanoTime() < deadline && !workers.stream().allMatch(t -> t.getState() == Thread.State.WAITING)) {
            Thread.sleep(5);
        }
        assertThat(workers).as("workers blocked on the queue, not polling").allSatisfy(t -> assertThat(t.getState()).isEqualTo(Thread.State.WAITING));
    }
}
