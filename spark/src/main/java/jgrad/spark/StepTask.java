package jgrad.spark;

import jgrad.tensor.kernel.Parallel;
import org.apache.spark.TaskContext;
import org.apache.spark.api.java.function.Function2;
import org.apache.spark.broadcast.Broadcast;

/**
 * One step's work on one partition (the {@code seqOp} of {@code treeAggregate}): the shard's
 * gradient as a leaf of the step's {@link TreeSum}. It carries two broadcast handles and a few
 * numbers, so every task is a few kilobytes whatever the model and the data.
 */
final class StepTask implements Function2<TreeSum, Shard, TreeSum> {
    private static final long serialVersionUID = 1L;
    private final Broadcast<byte[]> recipe;
    private final Broadcast<byte[]> params;
    private final int epoch;
    private final int batch;
    private final long step;
    private final long rngState;
    private final Fault fault;

    /**
     * A failure to inject, for tests of Spark's retries: the first attempt of the task of
     * {@code partition} at {@code step} throws.
     *
     * @param step the optimizer step whose task fails
     * @param partition the partition whose task fails
     */
    record Fault(long step, int partition) implements java.io.Serializable {
        static final Fault NONE = new Fault(-1, -1);
    }

    StepTask(Broadcast<byte[]> recipe, Broadcast<byte[]> params, int epoch, int batch, long step, long rngState, Fault fault) {
        this.recipe = recipe;
        this.params = params;
        this.epoch = epoch;
        this.batch = batch;
        this.step = step;
        this.rngState = rngState;
        this.fault = fault;
    }

    @Override
    public TreeSum call(TreeSum sum, Shard shard) {
        TaskContext task = TaskContext.get();
        if (fault.step() == step && fault.partition() == shard.partition() && task != null && task.attemptNumber() == 0) {
            throw new IllegalStateException("jgrad-spark: injected failure of partition " + shard.partition() + " at step " + step);
        }
        Recipe r = Recipe.fromBytes(recipe.value());
        Replica replica = Replica.borrow(r);
        byte[][] piece = new byte[1][];
        try {
            // Spark gives a task one core (spark.task.cpus) unless --threads says otherwise; the
            // executor's other cores run other tasks
            int cores = r.threads() > 0 ? r.threads() : task == null ? 1 : Math.max(1, task.cpus());
            Parallel.withThreads(cores, () -> piece[0] = replica.compute(shard, params.value(), epoch, batch, step, rngState));
        } finally {
            Replica.release(replica);
        }
        return sum.withLeaf(shard.partition(), piece[0]);
    }
}
