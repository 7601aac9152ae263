package jgrad.train;

/**
 * Training produced a NaN or infinite loss or gradient; the message names the step and the
 * loss or parameter. Usually a learning rate that is too high, or a log of zero.
 */
public final class NonFiniteException extends ArithmeticException {
    /** Version of the serialized form (exceptions are Serializable by inheritance). */
    private static final long serialVersionUID = 1L;
    /** The step at which training stopped. */
    private final long step;
    /** The loss or the parameter whose gradient was not finite. */
    private final String where;

    /**
     * Reports a non-finite value.
     *
     * @param step the step (counted from 1) at which the value appeared
     * @param epoch the epoch of that step
     * @param where {@code "loss"} or {@code "gradient of <parameter name>"}
     * @param detail what was found, e.g. {@code "NaN at index 17"}
     */
    public NonFiniteException(long step, int epoch, String where, String detail) {
        super("training stopped at step " + step + " (epoch " + epoch + "): " + where + " is not finite (" + detail
                + "); try a lower learning rate or check the inputs");
        this.step = step;
        this.where = where;
    }

    /** {@return the step at which training stopped} */
    public long step() {
        return step;
    }

    /** {@return {@code "loss"} or {@code "gradient of <parameter name>"}} */
    public String where() {
        return where;
    }
}
