package jgrad.train;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Locale;
import java.util.function.Consumer;

/**
 * Appends one record per epoch to a metrics file, as CSV (with a header line when the file is
 * new) or as JSON Lines (one object per line). Values are written when each epoch ends, so the
 * log is complete up to the last finished epoch even if the run is interrupted; a resumed run
 * keeps appending. Missing values (no test set, regression accuracy) are empty in CSV and
 * {@code null} in JSON.
 */
public final class MetricsLog implements Consumer<TrainingEvent> {
    private static final String[] COLUMNS = {
        "epoch", "step", "train_loss", "train_accuracy", "test_loss", "test_accuracy", "lr", "seconds"};

    private final Path file;
    private final boolean json;

    private MetricsLog(Path file, boolean json) {
        this.file = file;
        this.json = json;
    }

    /** A CSV log at {@code file}. */
    public static MetricsLog csv(Path file) {
        return new MetricsLog(file, false);
    }

    /** A JSON Lines log at {@code file}. */
    public static MetricsLog jsonLines(Path file) {
        return new MetricsLog(file, true);
    }

    /**
     * Appends a record on {@link TrainingEvent.EpochEnded}; ignores other events.
     *
     * @throws UncheckedIOException if the file cannot be written
     */
    @Override
    public void accept(TrainingEvent event) {
        if (!(event instanceof TrainingEvent.EpochEnded e)) return;
        Object[] values = {e.epoch(), e.step(), e.trainLoss(), e.trainAccuracy(), e.testLoss(), e.testAccuracy(),
            e.lr(), e.seconds()};
        StringBuilder line = new StringBuilder();
        if (json) line.append('{');
        for (int i = 0; i < values.length; i++) {
            if (i > 0) line.append(',');
            if (json) line.append('"').append(COLUMNS[i]).append("\":");
            line.append(format(values[i]));
        }
        line.append(json ? "}\n" : "\n");
        try {
            if (file.toAbsolutePath().getParent() != null) Files.createDirectories(file.toAbsolutePath().getParent());
            boolean fresh = !Files.exists(file) || Files.size(file) == 0;
            try (Writer w = Files.newBufferedWriter(file, StandardCharsets.UTF_8, StandardOpenOption.CREATE,
                    StandardOpenOption.APPEND)) {
                if (fresh && !json) w.write(String.join(",", COLUMNS) + "\n");
                w.write(line.toString());
            }
        } catch (IOException ex) {
            throw new UncheckedIOException(file + ": cannot write the metrics log", ex);
        }
    }

    private String format(Object v) {
        if (v instanceof Double d) {
            if (!Double.isFinite(d)) return json ? "null" : "";
            return String.format(Locale.ROOT, "%s", d);
        }
        return v.toString();
    }
}
