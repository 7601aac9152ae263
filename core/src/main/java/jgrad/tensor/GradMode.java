package jgrad.tensor;

import java.util.function.Supplier;

/**
 * Whether ops record the graph for backpropagation, per thread. Recording is on by default;
 * turn it off for evaluation, optimizer updates and inside backward passes.
 *
 * <pre>{@code
 * try (var ignored = GradMode.off()) {
 *     accuracy = evaluate(model, testSet);   // no graph is built here
 * }
 * }</pre>
 */
public final class GradMode {
    /** Depth of nested "off" scopes on this thread; recording is on when it is 0. */
    private static final ThreadLocal<int[]> OFF_DEPTH = ThreadLocal.withInitial(() -> new int[1]);

    private GradMode() {}

    /** A scope that restores grad recording when closed; it throws no checked exception. */
    public interface Scope extends AutoCloseable {
        /** Ends the scope. */
        @Override
        void close();
    }

    /** {@return true when ops on this thread record the graph} */
    public static boolean isEnabled() {
        return OFF_DEPTH.get()[0] == 0;
    }

    /**
     * Turns recording off on this thread until the returned scope is closed (scopes nest).
     *
     * @return the scope, for try-with-resources
     */
    public static Scope off() {
        int[] depth = OFF_DEPTH.get();
        depth[0]++;
        return new Scope() {
            private boolean closed;

            @Override
            public void close() {
                if (!closed) {
                    closed = true;
                    depth[0]--;
                }
            }
        };
    }

    /**
     * Runs {@code body} with recording off and returns its result.
     *
     * @param <T> what {@code body} returns
     * @param body the code to run
     * @return what {@code body} returned
     */
    public static <T> T without(Supplier<T> body) {
        int[] depth = OFF_DEPTH.get();
        depth[0]++;
        try {
            return body.get();
        } finally {
            depth[0]--;
        }
    }
}
