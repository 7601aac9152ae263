package jgrad.charts;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.SequencedMap;
import java.util.SplittableRandom;
import jgrad.data.ToyData;
import jgrad.nn.Layer;
import jgrad.nn.Linear;
import jgrad.nn.Losses;
import jgrad.nn.Relu;
import jgrad.nn.Sequential;
import jgrad.optim.Adam;
import jgrad.tensor.GradMode;
import jgrad.tensor.Tensor;
import jgrad.train.ConfusionMatrix;
import jgrad.train.Metrics;

/**
 * One chart of every kind, on synthetic data or a tiny network trained here in a second, for the
 * tests and for docs/images. Run {@code main(dir)} to write them all and look at them.
 */
final class Gallery {
    private Gallery() {}

    /** Every kind of chart, by file name. */
    static SequencedMap<String, Chart> charts() {
        var charts = new LinkedHashMap<String, Chart>();
        var rng = new SplittableRandom(7);
        double[] trainLoss = new double[20], testLoss = new double[20], trainAcc = new double[20], testAcc = new double[20];
        for (int e = 0; e < 20; e++) {
            trainLoss[e] = 2.2 * Math.exp(-e / 4.0) + 0.05 + 0.02 * rng.nextDouble();
            testLoss[e] = 2.2 * Math.exp(-e / 4.5) + 0.12 + 0.03 * rng.nextDouble();
            trainAcc[e] = 100 * (1 - 0.9 * Math.exp(-e / 3.0));
            testAcc[e] = 100 * (1 - 0.9 * Math.exp(-e / 3.2) - 0.02);
        }
        charts.put("line", Charts.line("Loss per epoch", "epoch", "loss (cross entropy)",
                List.of(Series.of("train", trainLoss), Series.of("test", testLoss))));
        charts.put("accuracy", Charts.line("Accuracy per epoch", "epoch", "accuracy (%)",
                List.of(Series.of("train", trainAcc), Series.of("test", testAcc))));
        charts.put("moons", moons(60));
        charts.put("histograms", histograms(rng));
        charts.put("confusion", confusion(rng));
        charts.put("digits", digits());
        charts.put("optimizers", optimizers());
        double[] x = new double[63], target = new double[63], fit = new double[63];
        for (int i = 0; i < x.length; i++) {
            x[i] = i * 0.1;
            target[i] = Math.sin(x[i]);
            fit[i] = Math.sin(x[i]) * 0.9 + 0.05 * Math.cos(3 * x[i]);
        }
        charts.put("curve-fit", Charts.curveFit("sin x and the network's output, epoch 2000", "x (radians)", "y",
                new Series("sin x", x, target), new Series("network", x, fit)));
        return charts;
    }

    /** Two moons and a 2-16-16-2 network trained for {@code epochs} full-batch Adam steps. */
    static Chart moons(int epochs) {
        var rng = new SplittableRandom(3);
        ToyData.Points data = ToyData.moons(200, 0.12, rng);
        float[] xy = new float[2 * data.size()];
        for (int i = 0; i < data.size(); i++) {
            xy[2 * i] = (float) data.x()[i][0];
            xy[2 * i + 1] = (float) data.x()[i][1];
        }
        Tensor x = Tensor.of(xy, data.size(), 2);
        Layer net = new Sequential(new Linear(2, 16, rng), new Relu(), new Linear(16, 16, rng), new Relu(), new Linear(16, 2, rng));
        var opt = new Adam(net.parameters(), 0.02);
        for (int e = 0; e < epochs; e++) {
            Tensor l = Losses.crossEntropy(net.forward(x), data.y());
            opt.zeroGrad();
            l.backward();
            opt.step();
        }
        double loss;
        var grid = new Grid(-1.6, 2.6, -1.1, 1.6, 210, 135);
        int[] regions;
        try (var ignored = GradMode.off()) {
            regions = Metrics.predictions(net.forward(Tensor.of(grid.points(), grid.size(), 2)));
            loss = Losses.crossEntropy(net.forward(x), data.y()).item();
        }
        return Charts.decisionRegions(String.format("Two moons, epoch %d, loss %.4f", epochs, loss), "x1", "x2", grid,
                regions, Points.ofRows(xy, data.y()), List.of("upper moon", "lower moon"));
    }

    static Chart histograms(SplittableRandom rng) {
        List<Values> layers = new ArrayList<>();
        double[] a = new double[1000];
        for (int i = 0; i < a.length; i++) a[i] = rng.nextDouble() * 2 - 1;
        for (int layer = 1; layer <= 5; layer++) {
            double[] out = new double[a.length];
            for (int i = 0; i < a.length; i++) out[i] = 1 / (1 + Math.exp(-(a[i] * 3 + rng.nextDouble() - 0.5) * layer));
            layers.add(new Values(layer + "-layer", out));
            a = out;
        }
        return Charts.histograms("Activations per layer, weights std 1 (sigmoid)", "activation", layers, 30, 0, 1);
    }

    static Chart confusion(SplittableRandom rng) {
        var m = new ConfusionMatrix(10);
        int n = 2000;
        int[] actual = new int[n], predicted = new int[n];
        for (int i = 0; i < n; i++) {
            actual[i] = rng.nextInt(10);
            predicted[i] = rng.nextDouble() < 0.93 ? actual[i] : (actual[i] + 1 + rng.nextInt(9)) % 10;
        }
        m.add(actual, predicted);
        List<String> names = List.of("0", "1", "2", "3", "4", "5", "6", "7", "8", "9");
        return Charts.confusionMatrix(String.format("Confusion matrix, accuracy %.1f%%", 100 * m.accuracy()), m, names);
    }

    /** Hand-drawn "digits": rings and bars, some labelled wrong. */
    static Chart digits() {
        List<Tile> tiles = new ArrayList<>();
        for (int k = 0; k < 16; k++) {
            float[] px = new float[28 * 28];
            for (int r = 0; r < 28; r++) {
                for (int c = 0; c < 28; c++) {
                    double dx = c - 13.5, dy = (r - 13.5) * (1 + 0.05 * k);
                    double ring = Math.abs(Math.hypot(dx, dy) - 7 - k % 4);
                    px[r * 28 + c] = (float) Math.max(0, 1 - ring / 2.2) + (k % 3 == 0 && Math.abs(c - 14 - k % 5) < 2 ? 1 : 0);
                }
            }
            String actual = Integer.toString(k % 10);
            String predicted = k % 5 == 3 ? Integer.toString((k + 3) % 10) : actual;
            tiles.add(Tile.prediction(Pixels.gray(28, 28, px), predicted, actual));
        }
        return Charts.imageGrid("Test digits: predicted (true when wrong)", tiles, 8);
    }

    /** The curriculum's optimizer comparison on f(x, y) = x^2/20 + y^2 from (-7, 2), 30 steps each. */
    static Chart optimizers() {
        List<Series> paths = new ArrayList<>();
        String[] names = {"SGD (lr 0.95)", "Momentum (lr 0.1)", "AdaGrad (lr 1.5)", "Adam (lr 0.3)"};
        for (int o = 0; o < names.length; o++) {
            double x = -7, y = 2, vx = 0, vy = 0, hx = 0, hy = 0, mx = 0, my = 0;
            double[] px = new double[31], py = new double[31];
            px[0] = x;
            py[0] = y;
            for (int t = 1; t <= 30; t++) {
                double gx = x / 10, gy = 2 * y;
                switch (o) {
                    case 0 -> { x -= 0.95 * gx; y -= 0.95 * gy; }
                    case 1 -> { vx = 0.9 * vx - 0.1 * gx; vy = 0.9 * vy - 0.1 * gy; x += vx; y += vy; }
                    case 2 -> { hx += gx * gx; hy += gy * gy; x -= 1.5 * gx / (Math.sqrt(hx) + 1e-7); y -= 1.5 * gy / (Math.sqrt(hy) + 1e-7); }
                    default -> {
                        mx = 0.9 * mx + 0.1 * gx; my = 0.9 * my + 0.1 * gy;
                        hx = 0.999 * hx + 0.001 * gx * gx; hy = 0.999 * hy + 0.001 * gy * gy;
                        double c1 = 1 - Math.pow(0.9, t), c2 = 1 - Math.pow(0.999, t);
                        x -= 0.3 * (mx / c1) / (Math.sqrt(hx / c2) + 1e-8);
                        y -= 0.3 * (my / c1) / (Math.sqrt(hy / c2) + 1e-8);
                    }
                }
                px[t] = x;
                py[t] = y;
            }
            paths.add(new Series(names[o], px, py));
        }
        return Charts.contourPaths("f(x, y) = x²/20 + y² from (-7, 2), 30 steps", "x", "y",
                new Grid(-10, 10, -5, 5, 160, 80), (x, y) -> x * x / 20 + y * y, paths);
    }

    /** The moons decision regions over training, one frame per 20 epochs. */
    static List<Chart> moonFrames() {
        List<Chart> frames = new ArrayList<>();
        for (int e = 0; e <= 100; e += 25) frames.add(moons(e));
        return frames;
    }

    /** Writes every chart (PNG and SVG) and the GIF into {@code args[0]}, printing the paths. */
    public static void main(String[] args) throws IOException {
        Path dir = Path.of(args.length > 0 ? args[0] : "target/gallery");
        for (var e : charts().entrySet()) {
            for (Path p : e.getValue().write(dir, e.getKey())) System.out.println("wrote " + p);
        }
        System.out.println("wrote " + Gif.write(dir.resolve("moons.gif"), moonFrames(), Duration.ofMillis(500)));
    }
}
