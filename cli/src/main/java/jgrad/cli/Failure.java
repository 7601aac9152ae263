package jgrad.cli;

/**
 * A problem the user can fix that is not a wrong option: bad data, a file in the way, a run
 * folder that cannot be resumed. The message is the whole line shown to the user (exit code 1),
 * so it names the file or option and says what to do. Public for commands outside this module
 * ({@code spark-train}) that run with {@link Main#execute}.
 */
public final class Failure extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /**
     * A failure shown as {@code message}.
     *
     * @param message the line the user sees: the file or option, what is wrong, what to do
     */
    public Failure(String message) {
        super(message);
    }

    /**
     * A failure shown as {@code message}, caused by {@code cause} (whose trace {@code --debug} shows).
     *
     * @param message the line the user sees: the file or option, what is wrong, what to do
     * @param cause the exception behind it
     */
    public Failure(String message, Throwable cause) {
        super(message, cause);
    }
}
