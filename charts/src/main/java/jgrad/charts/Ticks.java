package jgrad.charts;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;

/**
 * The labelled values along one axis: round numbers (1, 2 or 5 times a power of ten, so 0, 500,
 * 1000 and not 0, 38, 76), written with a leading zero ({@code 0.02}, not {@code .02}) and as
 * many decimals as the step needs, all alike ({@code 0.0, 0.5, 1.0}). On a log axis: 1, 2 and 5
 * times the powers of ten ({@code 0.001, 0.002, 0.005, 0.01, ...}), or only the decades when that
 * is too many, with the other multiples as unlabelled {@code minor} lines.
 *
 * @param values the labelled values, ascending, inside the axis range
 * @param labels one label per value
 * @param minor unlabelled grid values (log axes), ascending
 */
record Ticks(double[] values, List<String> labels, double[] minor) {
    private static final int[] MANTISSAS = {1, 2, 5};

    /**
     * At most {@code maxCount} round values in {@code [lo, hi]}, with the smallest step that keeps
     * to that count; whole numbers only when {@code integers} (epochs, iterations).
     *
     * @throws IllegalArgumentException if the range is empty or not finite, or {@code maxCount < 1}
     */
    static Ticks linear(double lo, double hi, int maxCount, boolean integers) {
        check(lo, hi, maxCount);
        double raw = (hi - lo) / Math.max(1, maxCount - 1);
        int exponent = (int) Math.floor(Math.log10(raw));
        while (true) {
            for (int m : MANTISSAS) {
                if (integers && exponent < 0) continue;
                BigDecimal step = BigDecimal.valueOf(m).scaleByPowerOfTen(exponent);
                long first = (long) Math.ceil(lo / step.doubleValue() - 1e-9);
                long last = (long) Math.floor(hi / step.doubleValue() + 1e-9);
                if (last - first + 1 <= maxCount) return at(step, exponent, first, last);
            }
            exponent++;
        }
    }

    /**
     * Values for a log axis over {@code [lo, hi]} (both positive): 1, 2 and 5 times the powers of
     * ten when at most {@code maxCount} of them are in view, else every decade (every second or
     * third when that is too many), else (no 1, 2 or 5 in view) round values as on a linear axis.
     *
     * @throws IllegalArgumentException if {@code lo <= 0}, the range is empty or {@code maxCount < 1}
     */
    static Ticks log(double lo, double hi, int maxCount) {
        check(lo, hi, maxCount);
        if (!(lo > 0)) throw new IllegalArgumentException("Ticks.log: the range " + lo + ".." + hi + " is not positive");
        int e0 = (int) Math.ceil(Math.log10(lo) - 1e-9), e1 = (int) Math.floor(Math.log10(hi) + 1e-9);
        List<BigDecimal> decades = new ArrayList<>(), oneTwoFive = new ArrayList<>();
        int every = 1;
        while ((e1 - e0) / every + 1 > maxCount) every++;
        for (int e = e0; e <= e1; e++) if (Math.floorMod(e, every) == 0) decades.add(BigDecimal.ONE.scaleByPowerOfTen(e));
        for (int e = e0 - 1; e <= e1; e++) {
            for (int m : MANTISSAS) {
                BigDecimal v = BigDecimal.valueOf(m).scaleByPowerOfTen(e);
                if (v.doubleValue() >= lo * (1 - 1e-9) && v.doubleValue() <= hi * (1 + 1e-9)) oneTwoFive.add(v);
            }
        }
        boolean fineFits = oneTwoFive.size() >= 2 && oneTwoFive.size() <= maxCount;
        List<BigDecimal> major;
        if (fineFits) major = oneTwoFive;
        else if (decades.size() >= 2) major = decades;
        else return linear(lo, hi, maxCount, false);
        List<Double> minor = new ArrayList<>();
        for (int e = e0 - 1; e <= e1; e++) {
            for (int m = 1; m <= 9; m++) {
                BigDecimal v = BigDecimal.valueOf(m).scaleByPowerOfTen(e);
                double d = v.doubleValue();
                if (d >= lo && d <= hi && major.stream().noneMatch(x -> x.compareTo(v) == 0)) minor.add(d);
            }
        }
        // 0.00001 to 100000 as they are; wider ranges write the far ends as 1e-6, keeping 0.001 to 1000
        int plainUpTo = major.stream().allMatch(v -> Math.abs(exponentOf(v)) <= 5) ? 5 : 3;
        double[] values = new double[major.size()];
        List<String> labels = new ArrayList<>();
        for (int i = 0; i < values.length; i++) {
            values[i] = major.get(i).doubleValue();
            BigDecimal v = major.get(i);
            labels.add(minus(Math.abs(exponentOf(v)) <= plainUpTo ? v.stripTrailingZeros().toPlainString() : scientific(v)));
        }
        return new Ticks(values, List.copyOf(labels), minor.stream().mapToDouble(Double::doubleValue).toArray());
    }

    /** {@code first * step ... last * step}, labelled with the step's decimals (scientific when huge or tiny). */
    private static Ticks at(BigDecimal step, int exponent, long first, long last) {
        int n = (int) Math.max(0, last - first + 1);
        double[] values = new double[n];
        List<String> labels = new ArrayList<>();
        boolean plain = exponent >= -6 && exponent <= 6;
        for (int i = 0; i < n; i++) {
            BigDecimal v = step.multiply(BigDecimal.valueOf(first + i));
            values[i] = v.doubleValue();
            labels.add(minus(plain ? v.setScale(Math.max(0, -exponent)).toPlainString() : scientific(v)));
        }
        return new Ticks(values, List.copyOf(labels), new double[0]);
    }

    /** {@code text} with its hyphen-minus signs as typographic minus signs (U+2212), as in print. */
    private static String minus(String text) {
        return text.replace('-', '\u2212');
    }

    /** {@code 1.5e-7}, {@code 2e6}, {@code 0}. */
    static String scientific(BigDecimal v) {
        if (v.signum() == 0) return "0";
        BigDecimal s = v.stripTrailingZeros();
        String digits = s.unscaledValue().abs().toString();
        int exponent = digits.length() - 1 - s.scale();
        String mantissa = digits.length() == 1 ? digits : digits.charAt(0) + "." + digits.substring(1);
        return (s.signum() < 0 ? "-" : "") + mantissa + "e" + exponent;
    }

    private static int exponentOf(BigDecimal v) {
        BigDecimal s = v.stripTrailingZeros();
        return s.precision() - 1 - s.scale();
    }

    private static void check(double lo, double hi, int maxCount) {
        if (!(lo < hi) || !Double.isFinite(hi - lo) || maxCount < 1) {
            throw new IllegalArgumentException("Ticks: needs a finite range lo < hi and maxCount >= 1, got " + lo + ".."
                    + hi + ", " + maxCount);
        }
    }
}
