package jgrad.examples;

import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import jgrad.data.ToyData;
import jgrad.scalar.Mlp;
import jgrad.scalar.Value;

/**
 * micrograd's two-moons demo on the scalar engine: 100 points with noise 0.1, an MLP 2-16-16-1
 * (ReLU, linear output), max-margin (SVM) loss plus 1e-4 L2, and 100 full-batch SGD steps with
 * {@code lr = 1.0 - 0.9 k / 100}.
 *
 * <p>Options: {@code --seed} (data and weights; the default reaches 100 %), {@code --steps 100},
 * {@code --runs 1} (train that many times in one JVM and time the last, warmed-up run).
 */
public final class Moons {
    /** A seed with which the demo reaches 100 % training accuracy. */
    static final long DEFAULT_SEED = 1;

    private Moons() {}

    /** What a training run measured: per-step loss and accuracy (before the update), and the end. */
    record Run(double[] losses, double[] accuracies, double finalAccuracy, double[] stepMillis, double cpuMillisPerStep) {
        /** Median milliseconds per step. */
        double medianMillis() {
            double[] t = stepMillis.clone();
            Arrays.sort(t);
            return t[t.length / 2];
        }
    }

    /** Loss and accuracy of the model on the whole data set, as a graph ready for backward. */
    private record Evaluation(Value loss, double accuracy) {}

    private static Evaluation evaluate(Mlp model, ToyData.Points data) {
        int n = data.size();
        Value dataLoss = Value.of(0);
        int correct = 0;
        for (int i = 0; i < n; i++) {
            double y = 2 * data.y()[i] - 1;                        // labels {0, 1} -> {-1, +1}
            Value score = model.forward(data.x()[i]).get(0);
            dataLoss = dataLoss.add(score.mul(-y).add(1).relu()); // max(0, 1 - y * score)
            if ((y > 0) == (score.data() > 0)) correct++;
        }
        Value reg = Value.of(0);
        for (Value p : model.parameters()) reg = reg.add(p.mul(p));
        Value loss = dataLoss.mul(1.0 / n).add(reg.mul(1e-4));
        return new Evaluation(loss, (double) correct / n);
    }

    /** Generates the data and trains a fresh model for {@code steps} steps, logging every 10th step to {@code log}. */
    static Run train(long seed, int steps, PrintStream log) {
        var rng = new SplittableRandom(seed);
        ToyData.Points data = ToyData.moons(100, 0.1, rng);
        var model = new Mlp(rng, 2, 16, 16, 1);
        double[] losses = new double[steps];
        double[] accuracies = new double[steps];
        double[] millis = new double[steps];
        long cpu0 = processCpuNanos();
        for (int k = 0; k < steps; k++) {
            long t0 = System.nanoTime();
            Evaluation e = evaluate(model, data);
            model.zeroGrad();
            e.loss().backward();
            double lr = 1.0 - 0.9 * k / 100;
            for (Value p : model.parameters()) p.setData(p.data() - lr * p.grad());
            millis[k] = (System.nanoTime() - t0) / 1e6;
            losses[k] = e.loss().data();
            accuracies[k] = e.accuracy();
            if (k % 10 == 0 || k == steps - 1) {
                log.printf(Locale.ROOT, "step %3d  loss %.6f  accuracy %5.1f%%%n", k, losses[k], 100 * accuracies[k]);
            }
        }
        double cpuMillisPerStep = (processCpuNanos() - cpu0) / 1e6 / steps;
        double finalAccuracy = evaluate(model, data).accuracy();
        return new Run(losses, accuracies, finalAccuracy, millis, cpuMillisPerStep);
    }

    /** CPU time of the whole JVM (all threads, GC included), or -1 where the platform cannot tell. */
    private static long processCpuNanos() {
        return ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean os
                ? os.getProcessCpuTime() : -1;
    }

    /** Runs the example. */
    public static void main(String[] args) {
        var options = new Options("moons", args, List.of("seed", "steps", "runs"));
        long seed = options.longInteger("seed", DEFAULT_SEED);
        int steps = options.integer("steps", 100);
        int runs = options.integer("runs", 1);
        if (steps < 1 || runs < 1) throw new IllegalArgumentException("moons: --steps and --runs must be >= 1");
        System.out.printf("two moons: 100 points, noise 0.1, MLP 2-16-16-1, SVM loss + 1e-4 L2, %d SGD steps, seed %d%n",
                steps, seed);
        List<Run> done = new ArrayList<>();
        PrintStream quiet = new PrintStream(PrintStream.nullOutputStream());
        for (int r = 0; r < runs; r++) done.add(train(seed, steps, r == runs - 1 ? System.out : quiet));
        Run last = done.getLast();
        System.out.printf(Locale.ROOT, "final accuracy %.1f%%%n", 100 * last.finalAccuracy());
        double mean = Arrays.stream(last.stepMillis()).average().orElse(0);
        System.out.printf(Locale.ROOT, "time per step: mean %.2f ms, median %.2f ms, JVM CPU %.2f ms%s%n", mean,
                last.medianMillis(), last.cpuMillisPerStep(),
                runs > 1 ? " (run " + runs + " of " + runs + ", after warm-up)" : " (includes JIT warm-up; --runs 5 to warm up)");
    }
}
