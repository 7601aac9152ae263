package jgrad.spark.bench;

import java.util.Arrays;
import java.util.Locale;
import java.util.concurrent.Callable;
import jgrad.data.DataLoader;
import jgrad.data.Dataset;
import jgrad.data.Mnist;
import jgrad.model.ModelSpec;
import jgrad.nn.Layer;
import jgrad.optim.Sgd;
import jgrad.spark.DataParallel;
import jgrad.spark.ShardSource;
import jgrad.tensor.kernel.Parallel;
import jgrad.train.GradientSource;
import jgrad.train.LossFunction;
import jgrad.train.ResumableRandom;
import org.apache.spark.SparkConf;
import org.apache.spark.api.java.JavaSparkContext;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * Time per training step (gradient + SGD update) as the per-partition batch grows: in this JVM
 * with both cores, in this JVM with one core on one partition's share (the work of one task),
 * and on Spark local[2] with 2 partitions. Spark's overhead per step is the third minus the second.
 */
@Command(name = "steps", mixinStandardHelpOptions = true, description = "time per step vs per-partition batch, in-process vs Spark local[2]")
final class StepScaling implements Callable<Integer> {
    @Option(names = "--steps", defaultValue = "40", description = "timed steps per row (after 30 warm-up steps); default: ${DEFAULT-VALUE}")
    int steps;

    @Option(names = "--batches", defaultValue = "8,32,128,512,2048", split = ",", description = "per-partition batch sizes; default: ${DEFAULT-VALUE}")
    int[] batches;

    @Option(names = "--models", defaultValue = "mlp:100,mlp:1000", split = ",", description = "models; default: ${DEFAULT-VALUE}")
    String[] models;

    @Override
    public Integer call() throws Exception {
        Dataset train = Mnist60k.load(Mnist.Split.TRAIN, 784);
        var conf = new SparkConf().setMaster("local[2]").setAppName("jgrad bench steps").set("spark.ui.enabled", "false")
                .set("spark.driver.host", "127.0.0.1").set("spark.driver.bindAddress", "127.0.0.1");
        System.out.println("| model | parameters (bytes) | per-partition batch | in-process, 2 threads, batch 2b | in-process, 1 thread, batch b | Spark local[2], 2 partitions, batch 2b | Spark overhead |");
        System.out.println("|---|---|---|---|---|---|---|");
        try (var sc = new JavaSparkContext(conf)) {
            for (String model : models) {
                for (int b : batches) {
                    double both = Parallel.threads() >= 2 ? time(local(model, train, 2 * b)) : Double.NaN;
                    double[] one = new double[1];
                    Stepper single = local(model, train, b);
                    Parallel.withThreads(1, () -> one[0] = time(single));
                    var rng = new ResumableRandom(1);
                    ModelSpec spec = ModelSpec.parse(model, new int[] {784}, 10);
                    Layer net = spec.build(rng);
                    var opt = new Sgd(net.parameters(), 0.01);
                    double spark;
                    try (var dp = DataParallel.start(sc, net, rng, ShardSource.mnist(Mnist60k.dir().toString(), 784),
                            new DataParallel.Plan(spec, 2 * b, 1, 2, 2, Mnist60k.MEAN, Mnist60k.STD))) {
                        spark = time(new Stepper(dp, net, opt));
                    }
                    int params = net.parameters().stream().mapToInt(p -> p.numel()).sum();
                    System.out.printf(Locale.ROOT, "| %s | %,d (%,d KB) | %d | %.2f ms | %.2f ms | %.2f ms | %.2f ms |%n", model, params,
                            params * 4 / 1024, b, both, one[0], spark, spark - one[0]);
                }
            }
        }
        return 0;
    }

    /** One step: gradients from a source, then the optimizer's update. */
    record Stepper(GradientSource source, Layer model, Sgd optimizer) {
        void step(int i) {
            int batches = source.batchesPerEpoch();
            model.zeroGrad();
            source.compute(i / batches, i % batches, i + 1);
            optimizer.step();
        }
    }

    private Stepper local(String model, Dataset train, int batch) throws java.io.IOException {
        Layer net = ModelSpec.parse(model, new int[] {784}, 10).build(new ResumableRandom(1));
        return new Stepper(GradientSource.local(net, LossFunction.crossEntropy(), DataLoader.shuffled(train, batch, 1)), net,
                new Sgd(net.parameters(), 0.01));
    }

    /** Median milliseconds per step over {@code steps} steps after 30 warm-up steps. */
    private double time(Stepper s) {
        for (int i = 0; i < 30; i++) s.step(i);
        double[] ms = new double[steps];
        for (int i = 0; i < steps; i++) {
            long t = System.nanoTime();
            s.step(30 + i);
            ms[i] = (System.nanoTime() - t) / 1e6;
        }
        Arrays.sort(ms);
        return ms[steps / 2];
    }
}
