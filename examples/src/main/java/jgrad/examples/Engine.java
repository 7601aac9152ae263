package jgrad.examples;

/**
 * How an example computes its gradients: {@code MANUAL}, with hand-written backward passes as the
 * tutorial writes them, or {@code AUTOGRAD}, with the same network on {@code jgrad.tensor}'s
 * automatic differentiation.
 */
enum Engine {
    /** Layer classes with hand-derived backward passes (the tutorial's code). */
    MANUAL,
    /** {@code jgrad.tensor}: build the forward graph, call {@code backward()} on the loss. */
    AUTOGRAD;

    /** Converts {@code manual|autograd}. */
    static final class Names extends LowerCaseEnum<Engine> {
        Names() {
            super(Engine.class);
        }
    }
}
