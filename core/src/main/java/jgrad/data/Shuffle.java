package jgrad.data;

import java.util.random.RandomGenerator;

/**
 * jgrad's one shuffle: a seeded Fisher-Yates permutation (Knuth, TAOCP vol. 2, Algorithm P),
 * used by {@link DataLoader} for each epoch's order, by {@link ToyData} and by
 * {@link TrainTestSplit}. The same generator state gives the same permutation.
 */
public final class Shuffle {
    private Shuffle() {}

    /**
     * A random permutation of {@code 0 .. n-1}: starting from the identity, for {@code i} from
     * {@code n - 1} down to 1 it swaps position {@code i} with {@code rng.nextInt(i + 1)}.
     *
     * @param n the number of elements, {@code >= 0}
     * @param rng the source of the swaps
     * @return a new array
     * @throws IllegalArgumentException if {@code n} is negative
     */
    public static int[] permutation(int n, RandomGenerator rng) {
        if (n < 0) throw new IllegalArgumentException("Shuffle.permutation: n must be >= 0, got " + n);
        int[] p = new int[n];
        for (int i = 0; i < n; i++) p[i] = i;
        for (int i = n - 1; i > 0; i--) {
            int j = rng.nextInt(i + 1);
            int t = p[i];
            p[i] = p[j];
            p[j] = t;
        }
        return p;
    }
}
