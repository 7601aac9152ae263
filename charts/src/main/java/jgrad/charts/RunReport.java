package jgrad.charts;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.SequencedMap;
import java.util.function.Consumer;
import java.util.function.ToDoubleFunction;
import javax.imageio.ImageIO;
import jgrad.io.AtomicFile;
import jgrad.train.ConfusionMatrix;
import jgrad.train.TrainingEvent;

/**
 * The report of a training run: one self-contained {@code report.html} (settings, the metrics
 * table, loss and accuracy curves, the confusion matrix and sample predictions; charts inline as
 * SVG, images as data URIs, no script and no network) and the same pictures as separate files in
 * the run folder. Call {@link #write} at the end of a run, or let a {@link Listener} rewrite the
 * report after each epoch, so a run stopped early still has one.
 * <pre>{@code
 * var settings = new LinkedHashMap<String, Object>();
 * settings.put("model", "mlp:100");
 * settings.put("lr", 0.001);
 * var report = new RunReport.Listener(runDir, "mnist, mlp:100", settings);
 * trainer.listener(report).fit(trainBatches, testBatches, 5);
 * for (Path p : report.finish(confusion, classNames, samples)) System.out.println("wrote " + p);
 * }</pre>
 */
public final class RunReport {
    /** Images of at most this many samples go into the page and the misclassified grid. */
    public static final int MAX_SAMPLES = 64;

    private RunReport() {}

    /**
     * One prediction to show: for image data its {@code image}, otherwise {@code input} describes
     * the example (a row number, a file name or its feature values).
     *
     * @param input what the example is, e.g. {@code "test #17"} or {@code "5.1, 3.5, 1.4, 0.2"}
     * @param actual the true class
     * @param predicted the predicted class
     * @param probability the model's probability of {@code predicted}, in [0, 1] (NaN if unknown)
     * @param image the image, or null for tabular data
     */
    public record Sample(String input, int actual, int predicted, double probability, Pixels image) {
        /**
         * Checks the classes.
         *
         * @throws IllegalArgumentException if a class is negative or the input is null
         */
        public Sample {
            if (input == null || actual < 0 || predicted < 0) {
                throw new IllegalArgumentException("RunReport.Sample: needs an input and classes >= 0, got " + input + ", "
                        + actual + ", " + predicted);
            }
        }

        /**
         * {@return an image sample}
         *
         * @param input what the example is, e.g. {@code "test #17"}
         * @param image the image
         * @param actual the true class
         * @param predicted the predicted class
         * @param probability the model's probability of {@code predicted}, in [0, 1]
         */
        public static Sample ofImage(String input, Pixels image, int actual, int predicted, double probability) {
            return new Sample(input, actual, predicted, probability, image);
        }

        /**
         * {@return a tabular sample}
         *
         * @param input what the example is, e.g. {@code "5.1, 3.5, 1.4, 0.2"}
         * @param actual the true class
         * @param predicted the predicted class
         * @param probability the model's probability of {@code predicted}, in [0, 1]
         */
        public static Sample ofRow(String input, int actual, int predicted, double probability) {
            return new Sample(input, actual, predicted, probability, null);
        }

        /** {@return true when the prediction is right} */
        public boolean right() {
            return actual == predicted;
        }
    }

    /**
     * Everything the report shows. Build it with {@link #of} and add what is known at the end of the
     * run with {@link #withConfusion} and {@link #withSamples}.
     *
     * @param title the run's name, shown as the page heading
     * @param settings every setting of the run, in order (shown as a table)
     * @param epochs one row per finished epoch, as the trainer reported them
     * @param confusion the confusion matrix on the held-out data, or null before it is computed
     * @param classNames class {@code k}'s name at index {@code k} (empty: the numbers 0, 1, ...)
     * @param samples predictions to show (empty: none)
     * @param heldOut what the trainer's "test" columns measured: {@code "test"} or {@code "validation"}
     */
    public record Data(String title, SequencedMap<String, ?> settings, List<TrainingEvent.EpochEnded> epochs,
            ConfusionMatrix confusion, List<String> classNames, List<Sample> samples, String heldOut) {
        /**
         * Copies the collections.
         *
         * @throws IllegalArgumentException if a part other than {@code confusion} is null
         */
        public Data {
            if (title == null || settings == null || epochs == null || classNames == null || samples == null
                    || heldOut == null) {
                throw new IllegalArgumentException("RunReport.Data: only the confusion matrix may be null");
            }
            settings = Collections.unmodifiableSequencedMap(new LinkedHashMap<String, Object>(settings));
            epochs = List.copyOf(epochs);
            classNames = List.copyOf(classNames);
            samples = List.copyOf(samples);
        }

        /**
         * {@return the report of a run so far: its settings and finished epochs, measured on the test set}
         *
         * @param title the run's name, shown as the page heading
         * @param settings every setting of the run, in order
         * @param epochs one row per finished epoch
         */
        public static Data of(String title, SequencedMap<String, ?> settings, List<TrainingEvent.EpochEnded> epochs) {
            return new Data(title, settings, epochs, null, List.of(), List.of(), "test");
        }

        /**
         * {@return a copy with the confusion matrix and the class names}
         *
         * @param confusion the confusion matrix on the held-out data
         * @param classNames class {@code k}'s name at index {@code k}, or empty
         */
        public Data withConfusion(ConfusionMatrix confusion, List<String> classNames) {
            return new Data(title, settings, epochs, confusion, classNames, samples, heldOut);
        }

        /**
         * {@return a copy with sample predictions (the first {@link #MAX_SAMPLES} images are shown)}
         *
         * @param samples predictions to show
         */
        public Data withSamples(List<Sample> samples) {
            return new Data(title, settings, epochs, confusion, classNames, samples, heldOut);
        }

        /**
         * {@return a copy with the held-out columns named {@code heldOut}, e.g. {@code "validation"}}
         *
         * @param heldOut {@code "test"} or {@code "validation"}
         */
        public Data withHeldOut(String heldOut) {
            return new Data(title, settings, epochs, confusion, classNames, samples, heldOut);
        }

        String className(int k) {
            return k < classNames.size() ? classNames.get(k) : Integer.toString(k);
        }
    }

    /**
     * Writes into {@code runDir}: {@code loss.png}/{@code .svg}, {@code accuracy.png}/{@code .svg}
     * (classification), {@code confusion.png}/{@code .svg} (when known), {@code misclassified.png}
     * (image samples with mistakes) and {@code report.html}, each atomically; returns the paths
     * written, the page last. The loss axis is named after the setting {@code "loss"} when there is
     * one (e.g. {@code "cross entropy"}), and is logarithmic when the loss falls by two orders of
     * magnitude or more ({@link Scale#suggested}).
     *
     * @param runDir the run folder, created if needed
     * @param data what to show
     * @return the files written, {@code report.html} last
     * @throws IOException if a file cannot be written
     */
    public static List<Path> write(Path runDir, Data data) throws IOException {
        List<Path> written = new ArrayList<>();
        var page = new ReportPage(data);
        Chart loss = lossChart(data);
        if (loss != null) {
            written.addAll(loss.write(runDir, "loss"));
            page.chart("loss-chart", "Loss per epoch", loss);
        }
        Chart accuracy = accuracyChart(data);
        if (accuracy != null) {
            written.addAll(accuracy.write(runDir, "accuracy"));
            page.chart("accuracy-chart", "Accuracy per epoch", accuracy);
        }
        if (data.confusion() != null) {
            List<String> names = new ArrayList<>();
            for (int k = 0; k < data.confusion().classes(); k++) names.add(data.className(k));
            Chart cm = Charts.confusionMatrix(String.format(Locale.ROOT, "Confusion matrix (%s), accuracy %.2f%%",
                    data.heldOut(), 100 * data.confusion().accuracy()), data.confusion(), names);
            written.addAll(cm.write(runDir, "confusion"));
            page.confusion(cm);
        }
        List<Tile> wrong = new ArrayList<>();
        for (Sample s : data.samples()) {
            if (s.image() != null && !s.right() && wrong.size() < MAX_SAMPLES) {
                wrong.add(Tile.prediction(s.image(), data.className(s.predicted()), data.className(s.actual())));
            }
        }
        if (!wrong.isEmpty()) {
            Chart grid = Charts.imageGrid("Misclassified: predicted (true)", wrong, 10);
            written.add(grid.writePng(runDir.resolve("misclassified.png")));
            page.misclassified("misclassified.png");
        }
        Path html = runDir.resolve("report.html");
        AtomicFile.write(html, page.html(ZonedDateTime.now().truncatedTo(ChronoUnit.SECONDS).format(DateTimeFormatter.ISO_OFFSET_DATE_TIME))
                .getBytes(StandardCharsets.UTF_8));
        written.add(html);
        return written;
    }

    private static Chart lossChart(Data data) {
        if (data.epochs().isEmpty()) return null;
        List<Series> series = List.of(series("train", data, TrainingEvent.EpochEnded::trainLoss, 1),
                series(data.heldOut(), data, TrainingEvent.EpochEnded::testLoss, 1));
        if (series.stream().allMatch(Series::empty)) return null;
        Object loss = data.settings().get("loss");
        return Charts.line("Loss per epoch", "epoch", loss == null ? "loss (mean per example)" : "loss (" + loss + ")", series,
                Scale.suggested(series));
    }

    private static Chart accuracyChart(Data data) {
        if (data.epochs().isEmpty()) return null;
        List<Series> series = List.of(series("train", data, TrainingEvent.EpochEnded::trainAccuracy, 100),
                series(data.heldOut(), data, TrainingEvent.EpochEnded::testAccuracy, 100));
        if (series.stream().allMatch(Series::empty)) return null;
        return Charts.line("Accuracy per epoch", "epoch", "accuracy (%)", series);
    }

    private static Series series(String name, Data data, ToDoubleFunction<TrainingEvent.EpochEnded> f,
            double scale) {
        double[] x = new double[data.epochs().size()], y = new double[x.length];
        for (int i = 0; i < x.length; i++) {
            x[i] = data.epochs().get(i).epoch();
            y[i] = scale * f.applyAsDouble(data.epochs().get(i));
        }
        return new Series(name, x, y);
    }

    /** A PNG data URI of an image sample, drawn at its own size. */
    static String dataUri(Pixels image) {
        var out = new ByteArrayOutputStream();
        try {
            ImageIO.write(image.toImage(), "png", out);
        } catch (IOException inMemory) {
            throw new UncheckedIOException(inMemory);
        }
        return "data:image/png;base64," + Base64.getEncoder().encodeToString(out.toByteArray());
    }

    /**
     * Collects the epochs of a training run and rewrites the report after each one, so that a run
     * stopped early (Ctrl-C) still has its report; {@link #finish} adds the confusion matrix and the
     * samples. To keep the run fast it skips an epoch's rewrite while the report would take more
     * than about a fifth of the run's time (tiny epochs); {@link #finish} always writes.
     */
    public static final class Listener implements Consumer<TrainingEvent> {
        private final Path runDir;
        private final String title;
        private final SequencedMap<String, ?> settings;
        private final List<TrainingEvent.EpochEnded> epochs = new ArrayList<>();
        private String heldOut = "test";
        private boolean written;
        private long lastStart;
        private long lastCost;

        /**
         * A listener writing into {@code runDir} for the run named {@code title} with these settings.
         *
         * @param runDir the run folder
         * @param title the run's name, shown as the page heading
         * @param settings every setting of the run, in order
         */
        public Listener(Path runDir, String title, SequencedMap<String, ?> settings) {
            this(runDir, title, settings, List.of());
        }

        /**
         * A listener for a resumed run: {@code earlierEpochs} (read back from the run's metrics) come
         * before the epochs the trainer reports now.
         *
         * @param runDir the run folder
         * @param title the run's name, shown as the page heading
         * @param settings every setting of the run, in order
         * @param earlierEpochs the epochs of the run before it was stopped
         */
        public Listener(Path runDir, String title, SequencedMap<String, ?> settings,
                List<TrainingEvent.EpochEnded> earlierEpochs) {
            this.runDir = runDir;
            this.title = title;
            this.settings = Collections.unmodifiableSequencedMap(new LinkedHashMap<String, Object>(settings));
            this.epochs.addAll(earlierEpochs);
        }

        /**
         * Names the trainer's "test" columns {@code heldOut} (e.g. {@code "validation"}).
         *
         * @param heldOut {@code "test"} or {@code "validation"}
         * @return this listener
         */
        public Listener heldOut(String heldOut) {
            this.heldOut = heldOut;
            return this;
        }

        /**
         * Keeps each {@link TrainingEvent.EpochEnded} and rewrites the report; ignores other events.
         *
         * @throws UncheckedIOException if the report cannot be written
         */
        @Override
        public void accept(TrainingEvent event) {
            if (!(event instanceof TrainingEvent.EpochEnded e)) return;
            epochs.add(e);
            long now = System.nanoTime();
            if (written && now - lastStart < 5 * lastCost) return;
            try {
                write(runDir, data());
            } catch (IOException ex) {
                throw new UncheckedIOException(runDir + ": cannot write the run report", ex);
            }
            written = true;
            lastStart = now;
            lastCost = System.nanoTime() - now;
        }

        /** {@return the epochs seen so far} */
        public List<TrainingEvent.EpochEnded> epochs() {
            return List.copyOf(epochs);
        }

        /** {@return the report data so far (settings and epochs)} */
        public Data data() {
            return Data.of(title, settings, epochs).withHeldOut(heldOut);
        }

        /**
         * Writes the final report with the confusion matrix (may be null), the class names and the
         * samples (may be empty); returns the paths written.
         *
         * @param confusion the confusion matrix on the held-out data, or null
         * @param classNames class {@code k}'s name at index {@code k}, or empty
         * @param samples predictions to show, or empty
         * @return the files written, {@code report.html} last
         * @throws IOException if a file cannot be written
         */
        public List<Path> finish(ConfusionMatrix confusion, List<String> classNames, List<Sample> samples)
                throws IOException {
            return write(runDir, data().withConfusion(confusion, classNames).withSamples(samples));
        }
    }
}
