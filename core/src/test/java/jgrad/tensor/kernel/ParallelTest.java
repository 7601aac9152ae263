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
}
