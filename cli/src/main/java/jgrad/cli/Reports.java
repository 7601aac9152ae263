package jgrad.cli;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SequencedMap;
import jgrad.charts.Pixels;
import jgrad.charts.RunReport;
import jgrad.data.Batch;
import jgrad.data.DataLoader;
import jgrad.data.Dataset;
import jgrad.model.Model;
import jgrad.model.Preprocessing;
import jgrad.tensor.Tensor;
import jgrad.train.Metrics;
import jgrad.train.TrainingEvent;

/**
 * The run report of {@code ./jgrad train} (issue 9, module {@code charts}): loss and accuracy
 * curves rewritten after every epoch, and at the end the confusion matrix and the misclassified
 * held-out examples, with {@code report.html} in the run folder.
 */
final class Reports {
    private Reports() {}

    /**
     * A listener that rewrites the report after each epoch; for a resumed run it starts from the
     * logged epochs. {@code extra} settings (e.g. spark-train's master) follow train's in the report.
     */
    static RunReport.Listener listener(Path dir, TrainCommand.Settings s, RunData data, Map<String, Object> extra)
            throws IOException {
        SequencedMap<String, Object> settings = new LinkedHashMap<>();
        settings.put("data", data.describe());
        settings.put("model", s.model());
        settings.put("optimizer", s.optimizer());
        settings.put("lr", s.lr());
        settings.put("epochs", s.epochs());
        settings.put("batch size", s.batchSize());
        settings.put("seed", s.seed());
        settings.put("loss", "cross entropy"); // also names the report's loss axis
        settings.putAll(extra);
        String title = s.data() + ", " + s.model();
        return new RunReport.Listener(dir, title, settings, loggedEpochs(dir.resolve(RunFolder.METRICS)))
                .heldOut(data.heldOutName().equals("none") ? "held-out" : data.heldOutName());
    }

    /**
     * The epochs a metrics CSV of {@code MetricsLog} holds (an empty cell is NaN), so the report of
     * a resumed run shows the whole run.
     */
    static List<TrainingEvent.EpochEnded> loggedEpochs(Path metrics) throws IOException {
        List<TrainingEvent.EpochEnded> epochs = new ArrayList<>();
        if (!Files.isRegularFile(metrics)) return epochs;
        List<String> lines = Files.readAllLines(metrics, StandardCharsets.UTF_8);
        for (String line : lines.subList(Math.min(1, lines.size()), lines.size())) {
            String[] f = line.split(",", -1);
            if (f.length < 8) continue;
            try {
                epochs.add(new TrainingEvent.EpochEnded(Integer.parseInt(f[0]), Long.parseLong(f[1]), number(f[2]), number(f[3]),
                        number(f[4]), number(f[5]), number(f[6]), number(f[7])));
            } catch (NumberFormatException e) {
                // not a row MetricsLog wrote: leave it out of the report
            }
        }
        return epochs;
    }

    private static double number(String s) {
        return s.isBlank() ? Double.NaN : Double.parseDouble(s);
    }

    /**
     * Writes the final report: the confusion matrix on the held-out examples (the training examples
     * when there are none) and the first {@link RunReport#MAX_SAMPLES} of them the model gets wrong.
     */
    static List<Path> finish(RunReport.Listener report, Model model, RunData data) throws IOException {
        Dataset raw = data.heldOut() != null ? data.heldOut() : data.train();
        EvalCommand.Result r = EvalCommand.evaluate(model, raw, 1000);
        List<RunReport.Sample> wrong = new ArrayList<>();
        int index = 0;
        for (Batch b : DataLoader.inOrder(raw, 1000)) {
            Tensor p = model.predict(b.x());
            int[] predicted = Metrics.predictions(p);
            float[] probs = p.floatData();
            float[] x = b.x().toFloatArray();
            int width = x.length / b.size();
            for (int i = 0; i < b.size() && wrong.size() < RunReport.MAX_SAMPLES; i++) {
                if (predicted[i] == b.labels()[i]) continue;
                double probability = probs[i * model.classes() + predicted[i]];
                float[] values = java.util.Arrays.copyOfRange(x, i * width, (i + 1) * width);
                String name = data.heldOutName() + " example " + (index + i + 1);
                if (model.preprocessing() instanceof Preprocessing.Image img) {
                    Pixels image = Pixels.of(Tensor.of(values, img.channels(), img.height(), img.width()));
                    wrong.add(RunReport.Sample.ofImage(name, image, b.labels()[i], predicted[i], probability));
                } else {
                    StringBuilder row = new StringBuilder(name).append(':');
                    for (float v : values) row.append(String.format(Locale.ROOT, " %.4g", v));
                    wrong.add(RunReport.Sample.ofRow(row.toString(), b.labels()[i], predicted[i], probability));
                }
            }
            index += b.size();
            if (wrong.size() >= RunReport.MAX_SAMPLES) break;
        }
        return report.finish(r.confusion(), model.classNames(), wrong);
    }
}
