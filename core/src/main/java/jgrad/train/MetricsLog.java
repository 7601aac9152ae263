package jgrad.train;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Consumer;
import jgrad.io.Json;

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

    /**
     * {@return a CSV log at {@code file}}
     *
     * @param file the log, e.g. {@code metrics.csv}
     */
    public static MetricsLog csv(Path file) {
        return new MetricsLog(file, false);
    }

    /**
     * {@return a JSON Lines log at {@code file}}
     *
     * @param file the log, e.g. {@code metrics.jsonl}
     */
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
        if (json) {
            Map<String, Object> record = new LinkedHashMap<>();
            for (int i = 0; i < values.length; i++) record.put(COLUMNS[i], values[i]);
            Json.write(line, record); // NaN (no test set, regression accuracy) becomes null
        } else {
            for (int i = 0; i < values.length; i++) line.append(i > 0 ? "," : "").append(csv(values[i]));
        }
        line.append('\n');
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

    /** A CSV cell: empty for NaN or infinity, else the number as {@code Json} writes it. */
    private static String csv(Object v) {
        return v instanceof Double d && !Double.isFinite(d) ? "" : v.toString();
    }
}
