package jgrad.train;

import java.io.Console;
import java.io.PrintStream;
import java.util.Locale;
import java.util.function.Consumer;
import java.util.function.LongSupplier;

/**
 * Prints training progress: on a terminal, one progress bar per epoch redrawn in place with
 * step, loss, throughput and ETA; otherwise (output to a file or a pipe) plain lines every few
 * steps, so logs stay readable. Both end each epoch with a summary line.
 */
public final class ConsoleProgress implements Consumer<TrainingEvent> {
    private static final int BAR_WIDTH = 24;

    private final PrintStream out;
    private final boolean bar;
    private final int every;
    private final LongSupplier clock;
    private long epochStartNanos;
    private long lastDrawNanos;
    private long examples;
    private double lossSum;
    private int lossCount;

    ConsoleProgress(PrintStream out, boolean bar, int every, LongSupplier clock) {
        this.out = out;
        this.bar = bar;
        this.every = every;
        this.clock = clock;
    }

    /** {@return progress on {@code System.out}: a bar if it is a terminal, else a line every 10 % of an epoch} */
    public static ConsoleProgress auto() {
        return isTerminal() ? bar(System.out) : lines(System.out, 0);
    }

    /**
     * {@return a progress bar redrawn in place (carriage returns) on {@code out}}
     *
     * @param out a terminal
     */
    public static ConsoleProgress bar(PrintStream out) {
        return new ConsoleProgress(out, true, 0, System::nanoTime);
    }

    /**
     * Plain lines on {@code out}, one every {@code everySteps} steps (0: ten per epoch).
     *
     * @param out where to print, e.g. a log file
     * @param everySteps steps between lines, or 0
     * @return the listener
     */
    public static ConsoleProgress lines(PrintStream out, int everySteps) {
        if (everySteps < 0) throw new IllegalArgumentException("ConsoleProgress: everySteps must be >= 0");
        return new ConsoleProgress(out, false, everySteps, System::nanoTime);
    }

    /** True when standard output is an interactive terminal. */
    static boolean isTerminal() {
        Console console = System.console();
        if (console == null) return false;
        try { // Java 22+: System.console() exists even when redirected; ask isTerminal()
            return (Boolean) Console.class.getMethod("isTerminal").invoke(console);
        } catch (ReflectiveOperationException e) {
            return true; // Java 21: a console exists only for a terminal
        }
    }

    @Override
    public void accept(TrainingEvent event) {
        switch (event) {
            case TrainingEvent.Started s -> out.printf(Locale.ROOT, "training epochs %d..%d, %d batches (%d examples) per epoch%n",
                    s.firstEpoch(), s.epochs(), s.batchesPerEpoch(), s.examplesPerEpoch());
            case TrainingEvent.EpochStarted e -> {
                epochStartNanos = clock.getAsLong();
                lastDrawNanos = 0;
                examples = 0;
                lossSum = 0;
                lossCount = 0;
            }
            case TrainingEvent.BatchEnded b -> batch(b);
            case TrainingEvent.EpochEnded e -> {
                if (bar) out.print('\r' + " ".repeat(100) + '\r');
                StringBuilder s = new StringBuilder(String.format(Locale.ROOT, "epoch %d  train loss %.4f", e.epoch(), e.trainLoss()));
                if (!Double.isNaN(e.trainAccuracy())) s.append(String.format(Locale.ROOT, " acc %.2f%%", 100 * e.trainAccuracy()));
                if (!Double.isNaN(e.testLoss())) s.append(String.format(Locale.ROOT, "  test loss %.4f", e.testLoss()));
                if (!Double.isNaN(e.testAccuracy())) s.append(String.format(Locale.ROOT, " acc %.2f%%", 100 * e.testAccuracy()));
                s.append(String.format(Locale.ROOT, "  (%.1f s)", e.seconds()));
                out.println(s);
            }
            case TrainingEvent.CheckpointSaved c -> { } // quiet: one line per epoch is enough
        }
        out.flush();
    }

    private void batch(TrainingEvent.BatchEnded b) {
        examples += b.batchSize();
        lossSum += b.loss();
        lossCount++;
        long now = clock.getAsLong();
        double elapsed = Math.max(1e-9, (now - epochStartNanos) / 1e9);
        double rate = examples / elapsed;
        boolean last = b.batch() == b.batchesPerEpoch();
        if (bar) {
            if (!last && now - lastDrawNanos < 100_000_000L) return; // redraw at most 10 times a second
            lastDrawNanos = now;
            int filled = (int) ((long) BAR_WIDTH * b.batch() / b.batchesPerEpoch());
            double eta = elapsed / b.batch() * (b.batchesPerEpoch() - b.batch());
            out.print(String.format(Locale.ROOT, "\repoch %d [%s%s] %d/%d  loss %.4f  %.0f ex/s  ETA %s ",
                    b.epoch(), "=".repeat(filled), " ".repeat(BAR_WIDTH - filled), b.batch(), b.batchesPerEpoch(),
                    lossSum / lossCount, rate, duration(eta)));
        } else {
            int period = every > 0 ? every : Math.max(1, b.batchesPerEpoch() / 10);
            if (b.batch() % period != 0 && !last) return;
            out.printf(Locale.ROOT, "epoch %d  step %d/%d  loss %.4f  %.0f ex/s%n", b.epoch(), b.batch(),
                    b.batchesPerEpoch(), lossSum / lossCount, rate);
            lossSum = 0;
            lossCount = 0;
        }
    }

    /** Seconds as {@code m:ss} or {@code h:mm:ss}. */
    static String duration(double seconds) {
        long s = Math.round(seconds);
        return s >= 3600 ? String.format(Locale.ROOT, "%d:%02d:%02d", s / 3600, s / 60 % 60, s % 60)
                : String.format(Locale.ROOT, "%d:%02d", s / 60, s % 60);
    }
}
