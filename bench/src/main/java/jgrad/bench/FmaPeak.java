package jgrad.bench;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * Calibration for the GEMM table: float32 FMA throughput of one core with operands in registers
 * (12 independent accumulator chains), i.e. the ceiling any GEMM can reach on this machine.
 */
final class FmaPeak {
    private FmaPeak() {}

    private static final VectorSpecies<Float> S = FloatVector.SPECIES_PREFERRED;

    /** Runs {@code iterations} x 12 vector FMAs; returns a value that depends on all of them. */
    static float run(long iterations) {
        FloatVector a = FloatVector.broadcast(S, 1.0000001f), b = FloatVector.broadcast(S, 0.9999999f);
        FloatVector c0 = FloatVector.zero(S), c1 = c0, c2 = c0, c3 = c0, c4 = c0, c5 = c0;
        FloatVector c6 = c0, c7 = c0, c8 = c0, c9 = c0, c10 = c0, c11 = c0;
        for (long i = 0; i < iterations; i++) {
            c0 = a.fma(c0, b); c1 = a.fma(c1, b); c2 = a.fma(c2, b); c3 = a.fma(c3, b);
            c4 = a.fma(c4, b); c5 = a.fma(c5, b); c6 = a.fma(c6, b); c7 = a.fma(c7, b);
            c8 = a.fma(c8, b); c9 = a.fma(c9, b); c10 = a.fma(c10, b); c11 = a.fma(c11, b);
        }
        return c0.add(c1).add(c2).add(c3).add(c4).add(c5).add(c6).add(c7).add(c8).add(c9).add(c10).add(c11)
                .reduceLanes(VectorOperators.ADD);
    }

    /** GFLOP/s of {@link #run}: best of 5 rounds of about 0.3 s after a warm-up. */
    static double gflops() {
        run(20_000_000L);
        long iterations = 40_000_000L;
        double best = 0;
        float sink = 0;
        for (int r = 0; r < 5; r++) {
            long t0 = System.nanoTime();
            sink += run(iterations);
            best = Math.max(best, iterations * 12 * 2.0 * S.length() / (System.nanoTime() - t0));
        }
        return sink == Float.MIN_VALUE ? -best : best; // keeps sink alive
    }
}
