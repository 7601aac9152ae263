package jgrad.train;

import java.util.random.RandomGenerator;

/**
 * A random generator whose whole state is one {@code long}, so a checkpoint can save it and a
 * resumed run continues the exact same sequence (SplitMix64, Steele, Lea and Flood 2014). Give it
 * to layers that draw random numbers during training (e.g. {@code Dropout}) and to
 * {@link Trainer#random(ResumableRandom)}.
 */
public final class ResumableRandom implements RandomGenerator {
    private static final long GOLDEN_GAMMA = 0x9E3779B97F4A7C15L;
    private long state;

    /**
     * A generator starting from {@code seed}.
     *
     * @param seed the seed: the same seed gives the same numbers
     */
    public ResumableRandom(long seed) {
        this.state = seed;
    }

    @Override
    public long nextLong() {
        return mix(state += GOLDEN_GAMMA);
    }

    /**
     * The generator for one partition at one step of a data-parallel run (e.g. the dropout masks
     * of the examples a Spark task holds). Its seed is a hash of this generator's state,
     * {@code step} and {@code partition}, so it depends on nothing else: whichever executor runs
     * the task, and however often it is retried, it draws the same numbers. Different partitions
     * of a step always get different seeds. This generator is not advanced.
     *
     * @param step the optimizer step, {@code >= 0}
     * @param partition the partition, {@code >= 0}
     * @return a new generator
     * @throws IllegalArgumentException if {@code step} or {@code partition} is negative
     */
    public ResumableRandom split(long step, int partition) {
        if (step < 0 || partition < 0) {
            throw new IllegalArgumentException("ResumableRandom.split: step and partition must be >= 0, got "
                    + step + " and " + partition);
        }
        // mix is a bijection: for one (state, step), distinct partitions give distinct seeds
        return new ResumableRandom(mix(mix(state + (step + 1) * GOLDEN_GAMMA) + (partition + 1L) * 0xD1B54A32D192ED03L));
    }

    /** SplitMix64's finaliser: a bijection of the 64-bit values that scatters nearby inputs. */
    private static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }

    /** {@return the current state; {@link #setState} with it makes the generator repeat what follows} */
    public long state() {
        return state;
    }

    /**
     * Restores a state returned by {@link #state()}.
     *
     * @param state the saved state
     */
    public void setState(long state) {
        this.state = state;
    }
}
