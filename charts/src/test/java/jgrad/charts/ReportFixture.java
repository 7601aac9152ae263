package jgrad.charts;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.SplittableRandom;
import jgrad.train.ConfusionMatrix;
import jgrad.train.TrainingEvent;

/** A synthetic 5-epoch image-classification run, as a trainer would report it. */
final class ReportFixture {
    private ReportFixture() {}

    static LinkedHashMap<String, Object> settings() {
        var s = new LinkedHashMap<String, Object>();
        s.put("data", "mnist (synthetic stand-in)");
        s.put("model", "mlp:100");
        s.put("optimizer", "adam");
        s.put("lr", 0.001);
        s.put("epochs", 5);
        s.put("batch size", 100);
        s.put("seed", 42);
        s.put("note", "<b>escaped</b> & shown as text");
        return s;
    }

    static List<TrainingEvent.EpochEnded> epochs(int n) {
        List<TrainingEvent.EpochEnded> epochs = new ArrayList<>();
        for (int e = 1; e <= n; e++) {
            epochs.add(new TrainingEvent.EpochEnded(e, 600L * e, 0.5 / e, 1 - 0.1 / e, 0.45 / e + 0.02, 1 - 0.08 / e - 0.01,
                    0.001, 3.2 + 0.1 * e));
        }
        return epochs;
    }

    static List<String> classNames() {
        return List.of("zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine");
    }

    /** Digit-like pictures (a ring whose size depends on the class), some predicted wrong. */
    static List<RunReport.Sample> samples(int n) {
        var rng = new SplittableRandom(5);
        List<RunReport.Sample> samples = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            int actual = i % 10;
            int predicted = i % 7 == 3 ? (actual + 1) % 10 : actual;
            float[] px = new float[28 * 28];
            for (int r = 0; r < 28; r++) {
                for (int c = 0; c < 28; c++) {
                    double ring = Math.abs(Math.hypot(c - 13.5, r - 13.5) - 4 - actual * 0.8);
                    px[r * 28 + c] = (float) (Math.max(0, 1 - ring / 1.8) + 0.1 * rng.nextDouble());
                }
            }
            samples.add(RunReport.Sample.ofImage("test #" + i, Pixels.gray(28, 28, px), actual, predicted,
                    0.6 + 0.4 * rng.nextDouble()));
        }
        return samples;
    }

    static ConfusionMatrix confusion(List<RunReport.Sample> samples) {
        var m = new ConfusionMatrix(10);
        int[] a = samples.stream().mapToInt(RunReport.Sample::actual).toArray();
        int[] p = samples.stream().mapToInt(RunReport.Sample::predicted).toArray();
        m.add(a, p);
        return m;
    }

    /** Writes the synthetic report into {@code args[0]} (default target/report) and prints the paths. */
    public static void main(String[] args) throws java.io.IOException {
        var dir = java.nio.file.Path.of(args.length > 0 ? args[0] : "target/report");
        for (var p : RunReport.write(dir, full())) System.out.println("wrote " + p);
    }

    static RunReport.Data full() {
        var samples = samples(40);
        return RunReport.Data.of("mnist, mlp:100 (synthetic)", settings(), epochs(5))
                .withConfusion(confusion(samples), classNames()).withSamples(samples);
    }
}
