package jgrad.data;

import java.util.random.RandomGenerator;

/**
 * Small seeded datasets for first experiments: moons, circles, spirals, XOR and points above or
 * below a sine for classification, a noisy sine curve for regression.
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

        /** {@return the number of points} */
        public int size() {
            return x.length;
        }

        /** {@return these points as a classification dataset (features of shape {@code [2]})} */
        public ArrayDataset toDataset() {
            return ArrayDataset.labeled(x, y);
        }
    }

    /**
     * Samples of a function of one variable, for regression: {@code y[i]} is the (noisy) value
     * at {@code x[i]}.
     *
     * @param x the inputs
     * @param y the targets
     */
    public record Curve(double[] x, double[] y) {
        /** Checks that there is one target per input. */
        public Curve {
            if (x.length != y.length) {
                throw new IllegalArgumentException("Curve: " + x.length + " inputs but " + y.length + " targets");
            }
        }

        /** {@return the number of samples} */
        public int size() {
            return x.length;
        }

        /** {@return these samples as a regression dataset (features and targets of shape {@code [1]})} */
        public ArrayDataset toDataset() {
            double[][] xs = new double[x.length][];
            double[][] ys = new double[x.length][];
            for (int i = 0; i < x.length; i++) {
                xs[i] = new double[] {x[i]};
                ys[i] = new double[] {y[i]};
            }
            return ArrayDataset.withTargets(xs, ys);
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
        return twoGroups(n, noise, rng, (i, count) -> {
            double t = angle(i, count);
            return new double[] {Math.cos(t), Math.sin(t)};
        }, (i, count) -> {
            double t = angle(i, count);
            return new double[] {1 - Math.cos(t), 1 - Math.sin(t) - 0.5};
        });
    }

    /**
     * Two concentric circles, the algorithm of scikit-learn's {@code make_circles}: {@code n / 2}
     * points on the unit circle (label 0) and {@code n - n / 2} on a circle of radius
     * {@code factor} (label 1), at evenly spaced angles in {@code [0, 2π)}, shuffled, then with
     * Gaussian noise of standard deviation {@code noise}.
     *
     * @param n the number of points
     * @param noise the standard deviation of the Gaussian noise added to each coordinate, {@code >= 0}
     * @param factor radius of the inner circle, in {@code [0, 1)}
     * @param rng the source of the points (seed it for a repeatable set)
     * @return the points with their labels
     */
    public static Points circles(int n, double noise, double factor, RandomGenerator rng) {
        requireCount("circles", n);
        requireNoise("circles", noise);
        if (!(factor >= 0 && factor < 1)) {
            throw new IllegalArgumentException("circles: factor must be in [0, 1), got " + factor);
        }
        return twoGroups(n, noise, rng, (i, count) -> {
            double t = 2 * Math.PI * i / count;
            return new double[] {Math.cos(t), Math.sin(t)};
        }, (i, count) -> {
            double t = 2 * Math.PI * i / count;
            return new double[] {factor * Math.cos(t), factor * Math.sin(t)};
        });
    }

    /**
     * Interleaved spiral arms, one per class (the classic CS231n toy problem): arm {@code c} has
     * {@code pointsPerClass} points at radius {@code r} evenly spaced in {@code [0, 1]} and angle
     * {@code 4c + 4r} radians plus Gaussian noise of standard deviation {@code noise}, at
     * {@code (r sin t, r cos t)}. Points come arm after arm, not shuffled.
     *
     * @param pointsPerClass points on each arm
     * @param classes arms, one per class
     * @param noise the standard deviation of the Gaussian noise added to each angle, {@code >= 0}
     * @param rng the source of the points (seed it for a repeatable set)
     * @return the points with their labels
     */
    public static Points spirals(int pointsPerClass, int classes, double noise, RandomGenerator rng) {
        requireCount("spirals", pointsPerClass);
        requireNoise("spirals", noise);
        if (classes < 1) throw new IllegalArgumentException("spirals: classes must be >= 1, got " + classes);
        int n = Math.multiplyExact(pointsPerClass, classes);
        double[][] x = new double[n][];
        int[] y = new int[n];
        for (int c = 0; c < classes; c++) {
            for (int i = 0; i < pointsPerClass; i++) {
                double r = pointsPerClass == 1 ? 0 : (double) i / (pointsPerClass - 1);
                double t = 4 * c + 4 * r + noise * rng.nextGaussian();
                int k = c * pointsPerClass + i;
                x[k] = new double[] {r * Math.sin(t), r * Math.cos(t)};
                y[k] = c;
            }
        }
        return new Points(x, y);
    }

    /**
     * The XOR problem: points uniform in the square {@code [-1, 1]²}, label 1 where exactly one
     * coordinate is negative (the signs differ), 0 otherwise; then Gaussian noise of standard
     * deviation {@code noise} is added (labels keep the clean position).
     *
     * @param n the number of points
     * @param noise the standard deviation of the Gaussian noise added to each coordinate, {@code >= 0}
     * @param rng the source of the points (seed it for a repeatable set)
     * @return the points with their labels
     */
    public static Points xor(int n, double noise, RandomGenerator rng) {
        requireCount("xor", n);
        requireNoise("xor", noise);
        double[][] x = new double[n][];
        int[] y = new int[n];
        for (int i = 0; i < n; i++) {
            double a = rng.nextDouble(-1, 1);
            double b = rng.nextDouble(-1, 1);
            x[i] = new double[] {a, b};
            y[i] = (a < 0) != (b < 0) ? 1 : 0;
        }
        addNoise(x, noise, rng);
        return new Points(x, y);
    }

    /**
     * Points above (label 1) or below (label 0) the curve {@code y = sin(x)}: uniform in
     * {@code [-π, π] x [-1.5, 1.5]}, labelled by their clean position, then moved by Gaussian
     * noise of standard deviation {@code noise}.
     *
     * @param n the number of points
     * @param noise the standard deviation of the Gaussian noise added to each coordinate, {@code >= 0}
     * @param rng the source of the points (seed it for a repeatable set)
     * @return the points with their labels
     */
    public static Points sineBoundary(int n, double noise, RandomGenerator rng) {
        requireCount("sineBoundary", n);
        requireNoise("sineBoundary", noise);
        double[][] x = new double[n][];
        int[] y = new int[n];
        for (int i = 0; i < n; i++) {
            double a = rng.nextDouble(-Math.PI, Math.PI);
            double b = rng.nextDouble(-1.5, 1.5);
            x[i] = new double[] {a, b};
            y[i] = b > Math.sin(a) ? 1 : 0;
        }
        addNoise(x, noise, rng);
        return new Points(x, y);
    }

    /**
     * Samples of {@code sin(x)} for regression: {@code n} inputs evenly spaced over
     * {@code [-π, π]}, targets {@code sin(x)} plus Gaussian noise of standard deviation
     * {@code noise}.
     *
     * @param n the number of points
     * @param noise the standard deviation of the Gaussian noise added to each target, {@code >= 0}
     * @param rng the source of the points (seed it for a repeatable set)
     * @return the inputs and their targets
     */
    public static Curve sine(int n, double noise, RandomGenerator rng) {
        requireCount("sine", n);
        requireNoise("sine", noise);
        double[] x = new double[n];
        double[] y = new double[n];
        for (int i = 0; i < n; i++) {
            x[i] = n == 1 ? 0 : -Math.PI + 2 * Math.PI * i / (n - 1);
            y[i] = Math.sin(x[i]) + (noise == 0 ? 0 : noise * rng.nextGaussian());
        }
        return new Curve(x, y);
    }

    /** Point {@code i} of {@code count} on a curve. */
    private interface Arc {
        double[] at(int i, int count);
    }

    /**
     * {@code n / 2} points of label 0 along {@code first}, {@code n - n / 2} of label 1 along
     * {@code second}, shuffled, then with Gaussian noise (the scheme of moons and circles).
     */
    private static Points twoGroups(int n, double noise, RandomGenerator rng, Arc first, Arc second) {
        int nFirst = n / 2;
        int nSecond = n - nFirst;
        double[][] x = new double[n][];
        int[] y = new int[n];
        for (int i = 0; i < nFirst; i++) x[i] = first.at(i, nFirst);
        for (int i = 0; i < nSecond; i++) {
            x[nFirst + i] = second.at(i, nSecond);
            y[nFirst + i] = 1;
        }
        shuffle(x, y, rng);
        addNoise(x, noise, rng);
        return new Points(x, y);
    }

    /** The i-th of {@code count} evenly spaced angles from 0 to π inclusive (NumPy linspace). */
    private static double angle(int i, int count) {
        return count == 1 ? 0 : Math.PI * i / (count - 1);
    }

    /** Shuffles points and labels together with {@link Shuffle#permutation}. */
    static void shuffle(double[][] x, int[] y, RandomGenerator rng) {
        int[] p = Shuffle.permutation(x.length, rng);
        double[][] x0 = x.clone();
        int[] y0 = y.clone();
        for (int i = 0; i < p.length; i++) {
            x[i] = x0[p[i]];
            y[i] = y0[p[i]];
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
