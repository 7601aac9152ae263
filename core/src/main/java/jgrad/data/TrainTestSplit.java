package jgrad.data;

import java.util.Arrays;
import java.util.random.RandomGenerator;

/**
 * A dataset cut at random into a training part and a held-out test (or validation) part, as
 * views (nothing is copied). The cut is a {@link Shuffle#permutation} of all examples: its first
 * {@code testSize} entries are the test part and the rest, in permutation order, the training
 * part, so the same generator state gives the same split.
 *
 * <pre>{@code
 * var split = TrainTestSplit.of(Csv.load(file, "species"), 30, new SplittableRandom(1));
 * Normalization norm = Normalization.fit(split.train());   // statistics of the training part only
 * }</pre>
 *
 * @param train the examples to train on
 * @param test the held-out examples
 */
public record TrainTestSplit(Dataset train, Dataset test) {
    /**
     * Holds out {@code testSize} examples of {@code data} drawn with {@code rng}.
     *
     * @param data the examples to split
     * @param testSize how many to hold out
     * @param rng where the held-out examples are drawn from (seed it for a repeatable split)
     * @return the two views
     * @throws IllegalArgumentException unless {@code 1 <= testSize < data.size()}
     */
    public static TrainTestSplit of(Dataset data, int testSize, RandomGenerator rng) {
        int n = data.size();
        if (testSize < 1 || testSize >= n) {
            throw new IllegalArgumentException("TrainTestSplit: the test part must hold 1.." + (n - 1) + " of the " + n
                    + " examples, got " + testSize);
        }
        int[] order = Shuffle.permutation(n, rng);
        return new TrainTestSplit(Views.Picked.of(data, Arrays.copyOfRange(order, testSize, n)),
                Views.Picked.of(data, Arrays.copyOfRange(order, 0, testSize)));
    }

    /**
     * Holds out the fraction {@code testFraction} of {@code data} (rounded to the nearest number of
     * examples), drawn with {@code rng}; see {@link #of(Dataset, int, RandomGenerator)}.
     *
     * @param data the examples to split
     * @param testFraction the share to hold out, in {@code (0, 1)}
     * @param rng where the held-out examples are drawn from (seed it for a repeatable split)
     * @return the two views
     * @throws IllegalArgumentException unless the fraction is in {@code (0, 1)} and leaves at least
     *     one example on each side
     */
    public static TrainTestSplit ofFraction(Dataset data, double testFraction, RandomGenerator rng) {
        int n = data.size();
        long testSize = Math.round(testFraction * n);
        if (!(testFraction > 0 && testFraction < 1) || testSize < 1 || testSize >= n) {
            throw new IllegalArgumentException("TrainTestSplit: a test fraction of " + testFraction + " of " + n
                    + " examples leaves no example on one side; use a fraction in (0, 1) with 1 <= fraction * " + n + " < " + n);
        }
        return of(data, (int) testSize, rng);
    }
}
