package jgrad.spark.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.function.Consumer;
import jgrad.data.DataLoader;
import jgrad.data.Dataset;
import jgrad.data.Idx;
import jgrad.data.Mnist;
import jgrad.model.ModelSpec;
import jgrad.nn.Layer;
import jgrad.optim.Adam;
import jgrad.spark.DataParallel;
import jgrad.spark.ShardSource;
import jgrad.train.GradientSource;
import jgrad.train.LossFunction;
import jgrad.train.Metrics;
import jgrad.train.ResumableRandom;
import jgrad.train.Trainer;
import jgrad.train.TrainingEvent;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.ml.classification.MultilayerPerceptronClassifier;
import org.apache.spark.ml.evaluation.MulticlassClassificationEvaluator;
import org.apache.spark.ml.linalg.SQLDataTypes;
import org.apache.spark.ml.linalg.Vectors;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * Time to reach a test accuracy on MNIST, all in Spark local[2] on the same standardised images:
 * Spark MLlib's MultilayerPerceptronClassifier (784-100-10, sigmoid, L-BFGS) against jgrad on
 * Spark (784-100-10 ReLU and the SimpleConvNet, Adam, batch 100, 2 partitions). Only training
 * time counts: jgrad is evaluated every 100 steps with the clock stopped; MLlib is fitted from
 * scratch with a growing iteration budget and each fit is timed whole.
 */
@Command(name = "race", mixinStandardHelpOptions = true, description = "time to a test accuracy: MLlib MLP vs jgrad on Spark, local[2]")
final class Race implements Callable<Integer> {
    @Option(names = "--target", defaultValue = "0.97", description = "test accuracy to reach; default: ${DEFAULT-VALUE}")
    double target;

    @Option(names = "--max-epochs", defaultValue = "5", description = "jgrad gives up after this many epochs; default: ${DEFAULT-VALUE}")
    int maxEpochs;

    @Option(names = "--mllib-iterations", defaultValue = "25,50,100,200,400", split = ",", description = "MLlib maxIter budgets tried in turn; default: ${DEFAULT-VALUE}")
    int[] iterations;

    @Option(names = "--skip", split = ",", description = "sides to leave out: mllib, mlp, convnet")
    List<String> skip = List.of();

    @Override
    public Integer call() throws Exception {
        var spark = SparkSession.builder().master("local[2]").appName("jgrad bench race").config("spark.ui.enabled", "false")
                .config("spark.driver.host", "127.0.0.1").config("spark.driver.bindAddress", "127.0.0.1").getOrCreate();
        List<String> rows = new ArrayList<>();
        try (var sc = JavaSparkContext.fromSparkContext(spark.sparkContext())) {
            if (!skip.contains("mlp")) rows.add(jgrad(sc, "mlp:100", new int[] {784}));
            if (!skip.contains("convnet")) rows.add(jgrad(sc, "convnet", new int[] {1, 28, 28}));
            if (!skip.contains("mllib")) rows.add(mllib(spark, sc));
        }
        System.out.println("| trainer (Spark local[2], 2 partitions) | reached | training time to reach it | evaluations |");
        System.out.println("|---|---|---|---|");
        rows.forEach(System.out::println);
        return 0;
    }

    private String jgrad(JavaSparkContext sc, String model, int[] shape) throws Exception {
        Dataset test = Mnist60k.load(Mnist.Split.TEST, shape);
        var rng = new ResumableRandom(42);
        ModelSpec spec = ModelSpec.parse(model, shape, 10);
        Layer net = spec.build(rng);
        var clock = new Clock(net, DataLoader.inOrder(test, 1000), target);
        try (var dp = DataParallel.start(sc, net, rng, ShardSource.mnist(Mnist60k.dir().toString(), shape),
                new DataParallel.Plan(spec, 100, 42, 2, 2, Mnist60k.MEAN, Mnist60k.STD))) {
            var trainer = new Trainer(net, LossFunction.crossEntropy(), new Adam(net.parameters(), 1e-3)).random(rng).listener(clock);
            try {
                trainer.fit((GradientSource) dp, maxEpochs);
            } catch (Clock.Reached done) {
                // stopped at the target
            }
        }
        System.err.println(model + ": " + clock.curve);
        return String.format(Locale.ROOT, "| jgrad %s, Adam, batch 100 | %s | %.1f s (%d steps) | %s |", model,
                clock.reachedAt < 0 ? "no (" + maxEpochs + " epochs)" : String.format(Locale.ROOT, "%.2f %%", 100 * clock.accuracy),
                clock.seconds(), clock.step, "every 100 steps");
    }

    /** Times the steps (not the evaluations) and evaluates every 100 steps; throws {@link Reached} at the target. */
    static final class Clock implements Consumer<TrainingEvent> {
        static final class Reached extends RuntimeException {
            Reached() {
                super("target reached", null, false, false);
            }
        }

        private final Layer model;
        private final DataLoader test;
        private final double target;
        private long nanos;
        private long since = -1;
        long step;
        long reachedAt = -1;
        double accuracy;
        final List<String> curve = new ArrayList<>();

        Clock(Layer model, DataLoader test, double target) {
            this.model = model;
            this.test = test;
            this.target = target;
        }

        double seconds() {
            return nanos / 1e9;
        }

        @Override
        public void accept(TrainingEvent e) {
            long now = System.nanoTime();
            switch (e) {
                case TrainingEvent.EpochStarted s -> since = now;
                case TrainingEvent.BatchEnded b -> {
                    nanos += now - since;
                    step = b.step();
                    if (b.step() % 100 == 0) {
                        accuracy = Metrics.accuracy(model, test);
                        curve.add(String.format(Locale.ROOT, "%d:%.4f@%.1fs", b.step(), accuracy, seconds()));
                        if (accuracy >= target) {
                            reachedAt = b.step();
                            throw new Reached();
                        }
                    }
                    since = System.nanoTime();
                }
                default -> { }
            }
        }
    }

    private String mllib(SparkSession spark, JavaSparkContext sc) {
        var schema = new StructType().add("label", DataTypes.DoubleType).add("features", SQLDataTypes.VectorType());
        var train = spark.createDataFrame(rows(sc, "train"), schema).cache();
        var test = spark.createDataFrame(rows(sc, "t10k"), schema).cache();
        System.err.println("MLlib data: " + train.count() + " train, " + test.count() + " test rows (cached)");
        var evaluator = new MulticlassClassificationEvaluator().setMetricName("accuracy");
        List<String> curve = new ArrayList<>();
        double seconds = Double.NaN;
        double accuracy = 0;
        double best = 0;
        int used = -1;
        for (int it : iterations) {
            var mlp = new MultilayerPerceptronClassifier().setLayers(new int[] {784, 100, 10}).setBlockSize(128).setSeed(42L).setMaxIter(it);
            long t = System.nanoTime();
            var model = mlp.fit(train);
            double s = (System.nanoTime() - t) / 1e9;
            accuracy = evaluator.evaluate(model.transform(test));
            best = Math.max(best, accuracy);
            curve.add(String.format(Locale.ROOT, "%d it: %.4f in %.1fs", it, accuracy, s));
            System.err.println("MLlib " + curve.getLast());
            if (accuracy >= target) {
                seconds = s;
                used = it;
                break;
            }
        }
        return String.format(Locale.ROOT, "| MLlib MultilayerPerceptronClassifier 784-100-10, L-BFGS | %s | %s | %s |",
                used < 0 ? String.format(Locale.ROOT, "no (best %.2f %%)", 100 * best) : String.format(Locale.ROOT, "%.2f %%", 100 * accuracy),
                used < 0 ? "-" : String.format(Locale.ROOT, "%.1f s (maxIter %d)", seconds, used), String.join("; ", curve));
    }

    /** The split's images as (label, standardised features) rows, read inside two tasks. */
    private static JavaRDD<Row> rows(JavaSparkContext sc, String prefix) {
        return sc.parallelize(List.of(0, 1), 2).flatMap(p -> {
            Idx.Part[] xy = Mnist60k.part(prefix, p, 2);
            byte[] x = xy[0].values().values();
            byte[] y = xy[1].values().values();
            List<Row> out = new ArrayList<>(y.length);
            for (int i = 0; i < y.length; i++) {
                double[] f = new double[784];
                for (int j = 0; j < 784; j++) f[j] = ((x[i * 784 + j] & 0xFF) / 255f - Mnist60k.MEAN) / Mnist60k.STD;
                out.add(RowFactory.create((double) (y[i] & 0xFF), Vectors.dense(f)));
            }
            return out.iterator();
        });
    }
}
