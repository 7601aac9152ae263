package jgrad.data;

import java.util.random.RandomGenerator;

/**
 * Small seeded 2-D datasets for first experiments: two interleaving half moons, and more.
 *
 * <p>Every generator takes a {@link RandomGenerator}, so the same seed gives the same points.
 * Coordinates are {@code double}; labels are class indices starting at 0.
 */
public final class ToyData {
    private ToyData() {}

    /**
     * Points with their labels: {@code x[i]} is the i-th point (its coordinates), {@code y[i]}
     * its class index.
     *
     * @param x one row per point
     * @param y one class index per point, in {@code 0 .. classes-1}
     */
    public record Points(double[][] x, int[] y) {
        /** Checks that there is one label per point. */
        public Points {
            if (x.length != y.length) {
                throw new IllegalArgumentException(
                        "Points: " + x.length + " points but " + y.length + " labels");
            }
        }

        /** Number of points. */
        public int size() {
            return x.length;
        }
    }

    /**
     * Two interleaving half circles, the algorithm of scikit-learn's {@code make_moons}.
     *
     * <p>The first {@code n / 2} points lie on the upper half of the unit circle (label 0), the
     * other {@code n - n / 2} on a lower half circle shifted by {@code (1, 0.5)} (label 1), both
     * at evenly spaced angles from 0 to π. The points are then shuffled, and Gaussian noise with
     * standard deviation {@code noise} is added to every coordinate.
     *
     * @param n number of points, at least 0
     * @param noise standard deviation of the added noise, 0 for none
     * @param rng source of the shuffle and the noise
     * @return {@code n} points with labels 0 and 1
     */
    public static Points moons(int n, double noise, RandomGenerator rng) {
        requireCount("moons", n);
        requireNoise("moons", noise);
        int nOut = n / 2;
        int nIn = n - nOut;
        double[][] x = new double[n][];
        int[] y = new int[n];
        for (int i = 0; i < nOut; i++) {
            double t = angle(i, nOut);
            x[i] = new double[] {Math.cos(t), Math.sin(t)};
        }
        for (int i = 0; i < nIn; i++) {
            double t = angle(i, nIn);
            x[nOut + i] = new double[] {1 - Math.cos(t), 1 - Math.sin(t) - 0.5};
            y[nOut + i] = 1;
        }
        shuffle(x, y, rng);
        addNoise(x, noise, rng);
        return new Points(x, y);
    }

    /** The i-th of {@code count} evenly spaced angles from 0 to π inclusive (NumPy linspace). */
    private static double angle(int i, int count) {
        return count == 1 ? 0 : Math.PI * i / (count - 1);
    }

    /** Fisher-Yates shuffle of points and labels together. */
    static void shuffle(double[][] x, int[] y, RandomGenerator rng) {
        for (int i = x.length - 1; i > 0; i--) {
            int j = rng.nextInt(i + 1);
            double[] tx = x[i];
            x[i] = x[j];
            x[j] = tx;
            int ty = y[i];
            y[i] = y[j];
            y[j] = ty;
        }
    }

    /** Adds Gaussian noise with the given standard deviation to every coordinate, row by row. */
    static void addNoise(double[][] x, double noise, RandomGenerator rng) {
        if (noise == 0) {
            return;
        }
        for (double[] row : x) {
            for (int j = 0; j < row.length; j++) {
                row[j] += noise * rng.nextGaussian();
            }
        }
    }

    private static void requireCount(String generator, int n) {
        if (n < 0) {
            throw new IllegalArgumentException(generator + ": n must be >= 0, got " + n);
        }
    }

    private static void requireNoise(String generator, double noise) {
        if (!(noise >= 0) || Double.isInfinite(noise)) {
            throw new IllegalArgumentException(
                    generator + ": noise must be a finite number >= 0, got " + noise);
        }
    }
}
