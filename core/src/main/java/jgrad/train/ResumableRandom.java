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

    /** A generator starting from {@code seed}. */
    public ResumableRandom(long seed) {
        this.state = seed;
    }

    @Override
    public long nextLong() {
        long z = (state += GOLDEN_GAMMA);
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }

    /** The current state; {@link #setState} with it makes the generator repeat what follows. */
    public long state() {
        return state;
    }

    /** Restores a state returned by {@link #state()}. */
    public void setState(long state) {
        this.state = state;
    }
}
