package jgrad.optim;

/**
 * A learning rate as a pure function of the epoch (or step) number {@code t = 0, 1, 2, ...}.
 * Being stateless, a schedule needs no checkpoint of its own: resume by calling
 * {@link #apply} with the saved epoch.
 *
 * <pre>{@code
 * var schedule = LrSchedule.warmup(5, 0.1, LrSchedule.cosine(0.1, 95, 0.0));
 * for (int epoch = 0; epoch < 100; epoch++) {
 *     schedule.apply(optimizer, epoch);
 *     // ... one epoch of training
 * }
 * }</pre>
 */
@FunctionalInterface
public interface LrSchedule {
    /**
     * {@return the learning rate for epoch or step {@code t}}
     *
     * @param t the epoch or step, counted from 0
     */
    double lr(int t);

    /**
     * Sets {@code optimizer}'s learning rate to {@code lr(t)}.
     *
     * @param optimizer the optimizer to change
     * @param t the epoch or step, counted from 0
     */
    default void apply(Optimizer optimizer, int t) {
        optimizer.setLr(lr(t));
    }

    /**
     * {@return a schedule that always gives {@code lr}}
     *
     * @param lr the learning rate
     */
    static LrSchedule constant(double lr) {
        return t -> lr;
    }

    /**
     * Step decay, as PyTorch's {@code StepLR}: {@code baseLr * gamma^floor(t / stepSize)}.
     *
     * @param baseLr the rate at {@code t = 0}
     * @param stepSize epochs or steps between decays
     * @param gamma the factor of each decay, e.g. 0.1
     * @return the schedule
     * @throws IllegalArgumentException if {@code stepSize < 1}
     */
    static LrSchedule step(double baseLr, int stepSize, double gamma) {
        if (stepSize < 1) throw new IllegalArgumentException("LrSchedule.step: stepSize must be >= 1, got " + stepSize);
        return t -> baseLr * Math.pow(gamma, Math.floorDiv(t, stepSize));
    }

    /**
     * Cosine annealing from {@code baseLr} at {@code t = 0} to {@code minLr} at {@code t = tMax}
     * (Loshchilov &amp; Hutter 2017, eq. 5, one cycle, no restarts):
     * {@code minLr + (baseLr - minLr) (1 + cos(pi t / tMax)) / 2}. Deviation from PyTorch's
     * {@code CosineAnnealingLR}: after {@code tMax} it stays at {@code minLr} instead of rising again.
     *
     * @param baseLr the rate at {@code t = 0}
     * @param tMax where the rate reaches {@code minLr}
     * @param minLr the final rate
     * @return the schedule
     * @throws IllegalArgumentException if {@code tMax < 1}
     */
    static LrSchedule cosine(double baseLr, int tMax, double minLr) {
        if (tMax < 1) throw new IllegalArgumentException("LrSchedule.cosine: tMax must be >= 1, got " + tMax);
        return t -> t >= tMax ? minLr : minLr + (baseLr - minLr) * (1 + Math.cos(Math.PI * t / tMax)) / 2;
    }

    /**
     * Linear warm-up (Goyal et al. 2017, section 2.2): for {@code t < warmupSteps} the rate rises
     * linearly from {@code startFactor * then.lr(0)} towards {@code then.lr(0)}, as PyTorch's
     * {@code LinearLR}; afterwards it follows {@code then}, shifted to start at 0
     * ({@code then.lr(t - warmupSteps)}).
     *
     * @param warmupSteps how long the warm-up lasts, in the same units as {@code t}
     * @param startFactor the share of {@code then.lr(0)} to start from, in {@code (0, 1]}
     * @param then the schedule after the warm-up
     * @return the schedule
     * @throws IllegalArgumentException if {@code warmupSteps < 1} or {@code startFactor} is outside (0, 1]
     */
    static LrSchedule warmup(int warmupSteps, double startFactor, LrSchedule then) {
        if (warmupSteps < 1) throw new IllegalArgumentException("LrSchedule.warmup: warmupSteps must be >= 1, got " + warmupSteps);
        if (!(startFactor > 0 && startFactor <= 1)) {
            throw new IllegalArgumentException("LrSchedule.warmup: startFactor must be in (0, 1], got " + startFactor);
        }
        return t -> t < warmupSteps
                ? then.lr(0) * (startFactor + (1 - startFactor) * t / warmupSteps)
                : then.lr(t - warmupSteps);
    }
}
