package jgrad.cli;

import java.io.PrintStream;
import java.util.Locale;
import java.util.function.Consumer;
import jgrad.train.TrainingEvent;

/**
 * Progress for runs of many short epochs (small tables): one line every {@code every}-th epoch
 * and for the last one, instead of a bar per epoch.
 */
final class EpochLines implements Consumer<TrainingEvent> {
    private final PrintStream out;
    private final int every;
    private final String heldOut;
    private int last;

    EpochLines(PrintStream out, int epochs, String heldOut) {
        this.out = out;
        this.every = Math.max(1, (epochs + 19) / 20);
        this.heldOut = heldOut;
    }

    @Override
    public void accept(TrainingEvent event) {
        switch (event) {
            case TrainingEvent.Started s -> last = s.epochs();
            case TrainingEvent.EpochEnded e when e.epoch() % every == 0 || e.epoch() == last || e.epoch() == 1 -> {
                StringBuilder s = new StringBuilder(String.format(Locale.ROOT, "epoch %3d  train loss %.4f acc %6.2f%%",
                        e.epoch(), e.trainLoss(), 100 * e.trainAccuracy()));
                if (!Double.isNaN(e.testLoss())) {
                    s.append(String.format(Locale.ROOT, "  %s loss %.4f acc %6.2f%%", heldOut, e.testLoss(), 100 * e.testAccuracy()));
                }
                out.println(s);
            }
            default -> { }
        }
    }
}
