package jgrad.examples;

import java.util.random.RandomGenerator;

/** A seeded shuffle of the indices {@code 0 .. n-1} (NumPy's {@code np.random.shuffle(np.arange(n))}). */
final class Permutation {
    private Permutation() {}

    /** {@code 0 .. n-1} in a Fisher-Yates order drawn from {@code rng}. */
    static int[] of(int n, RandomGenerator rng) {
        int[] p = new int[n];
        for (int i = 0; i < n; i++) p[i] = i;
        for (int i = n - 1; i > 0; i--) {
            int j = rng.nextInt(i + 1);
            int tmp = p[i];
            p[i] = p[j];
            p[j] = tmp;
        }
        return p;
    }
}
