package jgrad.cli;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import jgrad.io.AtomicFile;
import jgrad.io.Json;
import jgrad.model.Preprocessing;

/**
 * A run folder's {@code config.json} read back: the settings to resume with, and what the data
 * looked like when the run started, to check it has not changed.
 *
 * @param settings the run's settings
 * @param values everything the file holds
 */
record RunConfig(TrainCommand.Settings settings, Map<?, ?> values) {
    /**
     * Reads {@code file}.
     *
     * @throws IOException if it cannot be read or lacks a setting (the message names the file)
     */
    static RunConfig read(Path file) throws IOException {
        Map<?, ?> c;
        try {
            if (!(Json.parse(Files.readString(file, StandardCharsets.UTF_8)) instanceof Map<?, ?> m)) {
                throw new IOException(file + ": not a JSON object");
            }
            c = m;
        } catch (Json.SyntaxException e) {
            throw new IOException(file + ": not valid JSON: " + e.getMessage(), e);
        }
        try {
            List<?> size = (List<?>) c.get("image_size");
            Object dataDir = c.get("data_dir");
            Object label = c.get("label");
            Object valSplit = c.get("val_split");
            var s = new TrainCommand.Settings((String) require(c, "data", file), dataDir == null ? null : Path.of((String) dataDir),
                    (String) label, number(size.get(0)).intValue(), number(size.get(1)).intValue(),
                    number(require(c, "channels", file)).intValue(), (String) require(c, "model", file),
                    (String) require(c, "optimizer", file), number(require(c, "lr", file)).doubleValue(),
                    number(require(c, "epochs", file)).intValue(), number(require(c, "batch_size", file)).intValue(),
                    number(require(c, "seed", file)).longValue(), valSplit == null ? Double.NaN : number(valSplit).doubleValue());
            return new RunConfig(s, c);
        } catch (ClassCastException | NullPointerException | IndexOutOfBoundsException e) {
            throw new IOException(file + ": a setting has the wrong type or is missing (" + e.getMessage()
                    + "); it was not written by ./jgrad train", e);
        }
    }

    private static Object require(Map<?, ?> c, String key, Path file) throws IOException {
        Object v = c.get(key);
        if (v == null) throw new IOException(file + ": no \"" + key + "\" setting; it was not written by ./jgrad train");
        return v;
    }

    private static Number number(Object v) {
        return (Number) v;
    }

    /**
     * Checks that the data read now is what the run started with: the same classes, features
     * and fitted preprocessing.
     *
     * @throws Failure naming what changed
     */
    void requireSameData(RunData data, Path file) {
        String now = data.preprocessing().toJson();
        Preprocessing then;
        try {
            then = Preprocessing.fromJson(Json.write(values.get("preprocessing")));
        } catch (IllegalArgumentException e) {
            throw new Failure(file + ": preprocessing: " + e.getMessage());
        }
        if (!data.classNames().equals(values.get("class_names")) || !data.featureNames().equals(values.get("feature_names"))
                || !then.toJson().equals(now)) {
            throw new Failure("--resume: " + settings.data() + " is not the data the run started with (its classes, columns or"
                    + " statistics differ from " + file + "); restore it, or start a new run");
        }
    }

    /**
     * Drops rows of a metrics CSV after epoch {@code epoch} (from a run stopped after logging an
     * epoch but before its checkpoint), so a resumed run does not log an epoch twice.
     */
    static void keepMetricsUpTo(Path metrics, int epoch) throws IOException {
        if (!Files.isRegularFile(metrics)) return;
        List<String> lines = Files.readAllLines(metrics, StandardCharsets.UTF_8);
        List<String> kept = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i);
            if (i == 0 || line.isBlank()) {
                kept.add(line);
                continue;
            }
            try {
                if (Integer.parseInt(line.substring(0, line.indexOf(','))) <= epoch) kept.add(line);
            } catch (NumberFormatException | StringIndexOutOfBoundsException e) {
                kept.add(line); // not a row jgrad wrote: leave it
            }
        }
        if (kept.size() != lines.size()) {
            AtomicFile.write(metrics, (String.join("\n", kept) + "\n").getBytes(StandardCharsets.UTF_8));
        }
    }
}
