package jgrad.examples;

import java.io.PrintStream;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import jgrad.nn.Linear;
import jgrad.nn.Losses;
import jgrad.nn.Sequential;
import jgrad.nn.Tanh;
import jgrad.optim.Sgd;
import jgrad.tensor.GradMode;
import jgrad.tensor.Tensor;

/**
 * XOR with the tensor engine: the four points {@code (0,0)->0, (0,1)->1, (1,0)->1, (1,1)->0},
 * which no single linear layer separates, learned by a two-layer net 2-H-1 (tanh hidden layer,
 * sigmoid output) with binary cross entropy and full-batch SGD, in a hand-written loop.
 *
 * <p>Options: {@code --hidden 4}, {@code --steps 2000}, {@code --lr 0.5}, {@code --seed 1}.
 */
public final class Xor {
    private Xor() {}

    /** The four inputs, one per row. */
    static final float[][] INPUTS = {{0, 0}, {0, 1}, {1, 0}, {1, 1}};
    /** Their XOR. */
    static final float[] TARGETS = {0, 1, 1, 0};

    /** Loss per step (before the update) and the final predicted probabilities of the four points. */
    record Run(double[] losses, float[] predictions) {}

    /** Trains a fresh 2-{@code hidden}-1 net; logs the loss every {@code steps / 10} steps to {@code log}. */
    static Run train(int hidden, int steps, double lr, long seed, PrintStream log) {
        var rng = new SplittableRandom(seed);
        var model = new Sequential(new Linear(2, hidden, rng), new Tanh(), new Linear(hidden, 1, rng));
        Tensor x = Tensor.of(new float[] {0, 0, 0, 1, 1, 0, 1, 1}, 4, 2);
        Tensor t = Tensor.of(TARGETS.clone(), 4, 1);
        var optimizer = new Sgd(model.parameters(), lr);
        double[] losses = new double[steps];
        int every = Math.max(1, steps / 10);
        for (int step = 0; step < steps; step++) {
            Tensor loss = Losses.binaryCrossEntropyWithLogits(model.forward(x), t);
            optimizer.zeroGrad();
            loss.backward();
            optimizer.step();
            losses[step] = loss.item();
            if (step % every == 0 || step == steps - 1) log.printf(Locale.ROOT, "step %5d  loss %.6f%n", step, losses[step]);
        }
        float[] p;
        try (var ignored = GradMode.off()) {
            p = model.forward(x).sigmoid().toFloatArray();
        }
        return new Run(losses, p);
    }

    /** Runs the example. */
    public static void main(String[] args) {
        var options = new Options("xor", args, List.of("hidden", "steps", "lr", "seed"));
        int hidden = options.integer("hidden", 4);
        int steps = options.integer("steps", 2000);
        double lr = options.number("lr", 0.5);
        long seed = options.longInteger("seed", 1);
        if (hidden < 1 || steps < 1 || !(lr > 0)) throw new IllegalArgumentException("xor: need --hidden >= 1, --steps >= 1, --lr > 0");
        System.out.printf(Locale.ROOT, "XOR: net 2-%d-1 (tanh, sigmoid output), binary cross entropy, SGD lr %s, %d steps, seed %d%n",
                hidden, lr, steps, seed);
        Run run = train(hidden, steps, lr, seed, System.out);
        System.out.println("predictions (probability of 1):");
        for (int i = 0; i < 4; i++) {
            System.out.printf(Locale.ROOT, "  %.0f xor %.0f = %.0f   predicted %.4f -> %d%n", INPUTS[i][0], INPUTS[i][1],
                    TARGETS[i], run.predictions()[i], run.predictions()[i] > 0.5 ? 1 : 0);
        }
    }
}
