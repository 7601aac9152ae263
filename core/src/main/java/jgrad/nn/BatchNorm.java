package jgrad.nn;

import jgrad.tensor.DType;
import jgrad.tensor.GradMode;
import jgrad.tensor.Tensor;

/**
 * Batch normalisation (Ioffe &amp; Szegedy 2015, Algorithm 1) over every dimension except the
 * channel dimension 1, shared by {@link BatchNorm1d} and {@link BatchNorm2d}.
 *
 * <p>Training: {@code y = (x - mean) / sqrt(var + eps) * weight + bias} with the batch mean and the
 * biased batch variance; the running statistics move by {@code momentum} towards the batch mean
 * and the unbiased batch variance, as in PyTorch. Evaluation uses the running statistics.
 * Composite: differentiated through its tensor ops, so it needs no backward of its own.
 */
abstract class BatchNorm extends Layer {
    private final Parameter weight;
    private final Parameter bias;
    private final Tensor runningMean;
    private final Tensor runningVar;
    private final Tensor numBatchesTracked;
    private final double momentum;
    private final double eps;

    BatchNorm(int features, double momentum, double eps, DType dtype) {
        if (features < 1) throw new IllegalArgumentException(getClass().getSimpleName() + ": features must be >= 1, got " + features);
        if (!(momentum >= 0 && momentum <= 1) || !(eps > 0)) {
            throw new IllegalArgumentException(getClass().getSimpleName() + ": need 0 <= momentum <= 1 and eps > 0, got "
                    + momentum + " and " + eps);
        }
        this.weight = param("weight", Tensor.ones(dtype, features));
        this.bias = param("bias", Tensor.zeros(dtype, features));
        // Buffer names match PyTorch, so a state dict loads into torch.nn.BatchNorm*d.
        this.runningMean = buffer("running_mean", Tensor.zeros(dtype, features));
        this.runningVar = buffer("running_var", Tensor.ones(dtype, features));
        this.numBatchesTracked = buffer("num_batches_tracked", Tensor.scalar(DType.FLOAT64, 0));
        this.momentum = momentum;
        this.eps = eps;
    }

    /** Throws unless {@code x} has a rank this layer accepts and {@code features} channels. */
    abstract void checkInput(Tensor x);

    /**
     * Normalises {@code x (batch, features, ...)} per feature; the output has x's shape. In training
     * mode it also moves the running statistics (outside autograd).
     *
     * @throws IllegalArgumentException if the rank or the number of features is wrong, or a training
     *     batch has only one value per feature
     */
    @Override
    public final Tensor forward(Tensor x) {
        checkInput(x);
        int c = weight.size(0);
        if (x.size(1) != c) {
            throw new IllegalArgumentException(getClass().getSimpleName() + ": input " + java.util.Arrays.toString(x.shape())
                    + " has " + x.size(1) + " channels, expected " + c);
        }
        int[] channelShape = new int[x.ndim()];
        java.util.Arrays.fill(channelShape, 1);
        channelShape[1] = c;
        Tensor centered;
        Tensor var;
        if (isTraining()) {
            int n = x.numel() / c;
            if (n < 2) {
                throw new IllegalArgumentException(getClass().getSimpleName() + ": need more than one value per channel in training, got input "
                        + java.util.Arrays.toString(x.shape()));
            }
            Tensor mean = reduceMean(x);
            centered = x.sub(mean);
            var = reduceMean(centered.mul(centered));
            try (var ignored = GradMode.off()) {
                double unbias = (double) n / (n - 1);
                runningMean.set(runningMean.mul(1 - momentum).add(mean.detach().reshape(c).mul(momentum)));
                runningVar.set(runningVar.mul(1 - momentum).add(var.detach().reshape(c).mul(momentum * unbias)));
                numBatchesTracked.set(numBatchesTracked.add(1));
            }
        } else {
            centered = x.sub(runningMean.reshape(channelShape));
            var = runningVar.reshape(channelShape);
        }
        Tensor xhat = centered.div(var.add(eps).sqrt());
        return xhat.mul(weight.reshape(channelShape)).add(bias.reshape(channelShape));
    }

    /** Mean over every dimension but 1, keeping dims: {@code (n, c, ...)} to {@code (1, c, 1, ...)}. */
    private static Tensor reduceMean(Tensor x) {
        Tensor m = x.mean(0, true);
        for (int d = 2; d < x.ndim(); d++) m = m.mean(d, true);
        return m;
    }

    /** {@return the scale {@code gamma}, {@code (features)}} */
    public final Parameter weight() {
        return weight;
    }

    /** {@return the shift {@code beta}, {@code (features)}} */
    public final Parameter bias() {
        return bias;
    }

    /** {@return the running mean used in evaluation mode, {@code (features)} (live buffer)} */
    public final Tensor runningMean() {
        return runningMean;
    }

    /** {@return the running (unbiased) variance used in evaluation mode, {@code (features)} (live buffer)} */
    public final Tensor runningVar() {
        return runningVar;
    }

    @Override
    protected final String describe() {
        return getClass().getSimpleName() + "(" + weight.size(0) + ", eps=" + eps + ", momentum=" + momentum + ")";
    }
}
