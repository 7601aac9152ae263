package jgrad.cli;

import jgrad.tensor.kernel.Parallel;

/** Runs work with a chosen number of kernel threads ({@code --threads}). */
final class Threads {
    private Threads() {}

    /** Work that may throw. */
    @FunctionalInterface
    interface Work {
        void run() throws Exception;
    }

    /**
     * Runs {@code work} on this thread with kernels using {@code threads} threads (null: the
     * configured number), passing on what it throws.
     */
    static void run(Integer threads, Work work) throws Exception {
        if (threads == null) {
            work.run();
            return;
        }
        Exception[] thrown = new Exception[1];
        Parallel.withThreads(threads, () -> {
            try {
                work.run();
            } catch (Exception e) {
                thrown[0] = e;
            }
        });
        if (thrown[0] != null) throw thrown[0];
    }
}
