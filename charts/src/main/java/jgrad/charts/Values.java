package jgrad.charts;

/**
 * A named bag of numbers for one histogram panel ({@link Charts#histograms}), e.g. the
 * activations of one layer.
 *
 * @param name the panel title, e.g. {@code "layer 1"}
 * @param values the numbers; NaN and infinite values are not counted
 */
public record Values(String name, double[] values) {
    /**
     * Checks the name.
     *
     * @throws IllegalArgumentException if the name is null
     */
    public Values {
        if (name == null) throw new IllegalArgumentException("Values: name is null");
    }

    /**
     * Widens float values (a tensor's {@code toFloatArray()}).
     *
     * @param name the panel's title
     * @param values the values (copied)
     * @return the bag of values
     */
    public static Values of(String name, float[] values) {
        double[] v = new double[values.length];
        for (int i = 0; i < v.length; i++) v[i] = values[i];
        return new Values(name, v);
    }
}
