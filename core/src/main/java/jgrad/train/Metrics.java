package jgrad.train;

import jgrad.data.Batch;
import jgrad.nn.Layer;
import jgrad.tensor.Tensor;

/** Evaluation helpers: predictions, accuracy, mean loss and confusion matrices over batches. */
public final class Metrics {
    private Metrics() {}

    /**
     * Mean loss, accuracy (NaN for regression) and number of examples of an evaluation.
     *
     * @param loss the mean loss per example (NaN when no loss was asked for)
     * @param accuracy the fraction of examples classified right, in {@code [0, 1]}
     * @param examples the number of examples evaluated
     */
    public record Evaluation(double loss, double accuracy, int examples) {}

    /**
     * The predicted class of each row: {@link Tensor#argmax(int) argmax} along dim 1, so the
     * first of equal scores wins and a NaN score counts as the largest (as in PyTorch).
     *
     * @param scores logits or probabilities of shape {@code [n, classes]}
     * @return the class index of each row, {@code n} values
     * @throws IllegalArgumentException if {@code scores} is not 2-D
     */
    public static int[] predictions(Tensor scores) {
        if (scores.ndim() != 2) {
            throw new IllegalArgumentException("predictions: scores must be [n, classes], got "
                    + java.util.Arrays.toString(scores.shape()));
        }
        double[] index = scores.argmax(1).toDoubleArray();
        int[] out = new int[index.length];
        for (int i = 0; i < out.length; i++) out[i] = (int) index[i];
        return out;
    }

    /**
     * {@return the number of rows of {@code scores} whose prediction equals the label}
     *
     * @param scores logits or probabilities of shape {@code [n, classes]}
     * @param labels the class of each row, {@code n} values
     */
    public static int correct(Tensor scores, int[] labels) {
        int[] p = predictions(scores);
        if (p.length != labels.length) {
            throw new IllegalArgumentException("correct: " + p.length + " predictions but " + labels.length + " labels");
        }
        int hits = 0;
        for (int i = 0; i < p.length; i++) if (p[i] == labels[i]) hits++;
        return hits;
    }

    /**
     * Fraction of examples the model classifies right, in evaluation mode without recording a
     * graph (the model's mode is restored afterwards).
     *
     * @param model a classifier giving scores of shape {@code [batch, classes]}
     * @param batches labelled batches
     * @return the fraction right, in {@code [0, 1]}
     */
    public static double accuracy(Layer model, Iterable<Batch> batches) {
        return evaluate(model, batches, null).accuracy();
    }

    /**
     * Mean loss (NaN if {@code loss} is null) and accuracy (NaN for batches without labels) of
     * the model over {@code batches}, in evaluation mode without recording a graph.
     *
     * @param model the network to evaluate
     * @param batches the examples, with labels or targets
     * @param loss the loss of a batch's output, or null for none
     * @return the means over all examples (each batch weighted by its size)
     */
    public static Evaluation evaluate(Layer model, Iterable<Batch> batches, LossFunction loss) {
        return model.inference(() -> {
            double lossSum = 0;
            long hits = 0;
            int n = 0;
            boolean labelled = true;
            for (Batch b : batches) {
                Tensor out = model.forward(b.x());
                if (loss != null) lossSum += loss.loss(out, b).item() * b.size();
                if (b.labels() != null) hits += correct(out, b.labels());
                else labelled = false;
                n += b.size();
            }
            return new Evaluation(loss == null || n == 0 ? Double.NaN : lossSum / n,
                    labelled && n > 0 ? (double) hits / n : Double.NaN, n);
        });
    }

    /**
     * {@return the confusion matrix of the model's predictions over labelled {@code batches}}
     *
     * @param model a classifier giving scores of shape {@code [batch, classes]}
     * @param batches labelled batches
     * @param classes the number of classes, the matrix's size
     */
    public static ConfusionMatrix confusionMatrix(Layer model, Iterable<Batch> batches, int classes) {
        return model.inference(() -> {
            var matrix = new ConfusionMatrix(classes);
            for (Batch b : batches) matrix.add(b.labels(), predictions(model.forward(b.x())));
            return matrix;
        });
    }
}
