package jgrad.spark;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SequencedMap;
import java.util.concurrent.Callable;
import jgrad.cli.Failure;
import jgrad.cli.Main;
import jgrad.cli.TrainOptions;
import jgrad.cli.TrainRun;
import jgrad.data.DataDir;
import jgrad.data.Csv;
import jgrad.data.DataSource;
import jgrad.data.Normalization;
import jgrad.train.Trainer;
import jgrad.train.TrainingEvent;
import org.apache.spark.SparkConf;
import org.apache.spark.SparkException;
import org.apache.spark.api.java.JavaSparkContext;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code ./jgrad spark-train}: {@code ./jgrad train} on a Spark cluster. It takes train's options
 * ({@link TrainOptions}) and writes the same run folder through the same code ({@link TrainRun});
 * only the gradients come from the cluster ({@link DataParallel}): the driver holds the model and
 * the optimizer, the executors read their part of the training files and compute gradients.
 */
@Command(name = "spark-train", mixinStandardHelpOptions = true, sortOptions = false, versionProvider = SparkTrain.Version.class,
        description = {"Train a classifier on a Spark cluster (synchronous data-parallel mini-batch training) and write"
                + " the run folder ./jgrad train writes: model.safetensors, checkpoint.safetensors, metrics.csv,"
                + " config.json (with the master, partitions and depth) and the report (charts, report.html).",
            "Takes train's options; --batch-size is the global batch, split among the partitions, and --threads the"
                + " kernel threads of each task (default: spark.task.cpus) and of the driver. The executors read"
                + " their rows of mnist or fashion-mnist IDX files or of a .csv file (at the same path on every machine;"
                + " folders of images are not read on Spark yet); the driver reads the data too, to fit the"
                + " standardisation and evaluate the held-out examples after each epoch. Ctrl-C stops after the current"
                + " step and saves a checkpoint that --resume continues."},
        footer = {"", "Examples:",
            "  ./jgrad spark-train --partitions 4 --epochs 2 --out runs/spark-mlp",
            "  ./jgrad spark-train --model convnet --master local[2] --out runs/spark-conv",
            "  ./jgrad spark-train --resume runs/spark-mlp --epochs 4",
            "  ./jgrad spark-train --data my.csv --label y --partitions 4 --out runs/spark-table",
            "  spark-submit --master spark://host:7077 --class jgrad.spark.SparkTrain \\",
            "      spark/target/jgrad-spark-0.2.0-all.jar --data-dir /shared/mnist --partitions 8 --out /shared/runs/r1"})
public final class SparkTrain implements Callable<Integer>, TrainRun.Backend {
    /** What {@code --version} prints: jgrad's version and the JDK's. */
    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            return new String[] {"jgrad " + jgrad.Version.current(), "JDK " + Runtime.version()};
        }
    }

    /** The default of {@code --master} when spark-submit sets none. */
    static final String DEFAULT_MASTER = "local[2]";

    @Spec
    private CommandSpec spec;

    @Mixin
    private TrainOptions options;

    @Option(names = "--master", paramLabel = "URL", description = "the Spark master, e.g. local[4] or spark://host:7077"
            + " (default: what spark-submit sets, else " + DEFAULT_MASTER + "); with --resume it may change")
    private String master;

    @Option(names = "--partitions", paramLabel = "N", description = "parts the training data is read in: tasks per step"
            + " (default: 2; with --resume, the run's)")
    private Integer partitions;

    @Option(names = "--depth", paramLabel = "N", description = "depth of treeAggregate's tree that sums the gradients"
            + " (default: 2; with --resume, the run's)")
    private Integer depth;

    @Option(names = "--debug", description = "print the stack trace behind an error (also: JGRAD_DEBUG=1)")
    private boolean debug;

    private final PrintStream out;
    private final PrintStream err;
    private SparkConf conf;

    /** The command printing to standard output and error. */
    public SparkTrain() {
        this(System.out, System.err);
    }

    SparkTrain(PrintStream out, PrintStream err) {
        this.out = out;
        this.err = err;
    }

    /**
     * Runs the command line and exits with its code: 0 done, 1 failed, 2 usage error, 130 interrupted (Ctrl-C).
     *
     * @param args the options (see {@code --help})
     */
    public static void main(String[] args) {
        int code = Main.execute(new SparkTrain(), args, System.out, System.err);
        System.out.flush();
        System.exit(code);
    }

    @Override
    public Integer call() throws Exception {
        return TrainRun.run(spec, options, this, out, err);
    }

    @Override
    public String command() {
        return "spark-train";
    }

    /** The sources the executors can read: IDX image files and CSV tables (not folders of images). */
    private static boolean readable(String data) {
        return data.equals("mnist") || data.equals("fashion-mnist") || data.equals("iris")
                || data.strip().toLowerCase(java.util.Locale.ROOT).endsWith(".csv");
    }

    @Override
    public void check(CommandSpec command, Map<?, ?> saved) {
        var parsed = command.commandLine().getParseResult();
        String data = saved != null ? String.valueOf(saved.get("data")) : parsed.matchedOptionValue("--data", "mnist");
        if (saved != null && !readable(data)) {
            Path run = parsed.matchedOptionValue("--resume", (Path) null);
            throw new Failure("--resume " + run + ": the run trained on the folder of images " + data + ", which spark-train"
                    + " cannot read yet; continue it with ./jgrad train --resume " + run);
        }
        if (!readable(data)) {
            throw usage("--data " + data + ": spark-train reads mnist, fashion-mnist, iris and .csv files (at the same path on"
                    + " every executor); folders of images are not read on Spark yet (docs/spark.md); use ./jgrad train");
        }
        for (String name : List.of("--image-size", "--channels")) {
            if (parsed.hasMatchedOption(name)) {
                throw usage(name + ": it is for a folder of images, which spark-train does not read yet (docs/spark.md)");
            }
        }
        if (saved != null) {
            partitions = adopt("--partitions", partitions, saved.get("partitions"));
            depth = adopt("--depth", depth, saved.get("depth"));
        }
        if (partitions == null) partitions = 2;
        if (depth == null) depth = 2;
        if (partitions < 1) throw usage("--partitions must be >= 1, got " + partitions);
        if (depth < 1) throw usage("--depth must be >= 1, got " + depth);
        conf = new SparkConf().setAppName("jgrad spark-train");
        if (master != null) conf.setMaster(master);
        else if (!conf.contains("spark.master")) conf.setMaster(DEFAULT_MASTER);
    }

    /** A resumed run keeps its partitions and depth (they change the result); the option may only repeat them. */
    private Integer adopt(String option, Integer given, Object saved) {
        if (!(saved instanceof Number n)) return given;
        if (given != null && given != n.intValue()) {
            throw usage(option + " cannot change when resuming: the run has " + n.intValue() + " (it changes the result;"
                    + " start a new run with --out for another)");
        }
        return n.intValue();
    }

    private CommandLine.ParameterException usage(String message) {
        return new CommandLine.ParameterException(spec.commandLine(), message);
    }

    @Override
    public SequencedMap<String, Object> settings() {
        SequencedMap<String, Object> s = new LinkedHashMap<>();
        s.put("master", conf.get("spark.master"));
        s.put("partitions", partitions);
        s.put("depth", depth);
        return s;
    }

    @Override
    public List<TrainingEvent.EpochEnded> fit(TrainRun.Job job) throws Exception {
        var plan = new DataParallel.Plan(job.spec(), job.batchSize(), job.seed(), partitions, depth, normalization(job),
                job.validation(), job.threads() == null ? 0 : job.threads());
        ShardSource data = shards(job);
        String url = conf.get("spark.master");
        JavaSparkContext sc;
        try {
            sc = new JavaSparkContext(conf);
        } catch (RuntimeException e) {
            throw new Failure("--master " + url + ": Spark did not start (" + e.getMessage() + ")", e);
        }
        try (sc; var source = DataParallel.start(sc, job.model(), job.rng(), data, plan)) {
            if (source.total() != job.train().size()) {
                throw new IllegalStateException("spark-train: the partitions hold " + source.total() + " training examples,"
                        + " the driver " + job.train().size());
            }
            out.println(source + " on " + url);
            Trainer t = job.trainer();
            if (job.from() != null) return t.resume(job.checkpoint(), source, job.heldOut(), job.epochs());
            return job.heldOut() == null ? t.fit(source, job.epochs()) : t.fit(source, job.heldOut(), job.epochs());
        } catch (Exception e) { // Spark's checked SparkException is not declared by its Java API
            throw explain(e);
        }
    }

    /**
     * A failed Spark job as one line for the user: an executor that could not read the data becomes
     * a {@link Failure} naming the file, another Spark failure a {@link Failure} with the first line
     * of Spark's message (which goes on with the executor's stack trace); anything else is returned
     * as it is.
     */
    static Exception explain(Exception e) {
        if (!(e instanceof SparkException)) return e;
        for (Throwable t = e.getCause(); t != null; t = t.getCause()) {
            if (t instanceof IOException io) {
                return new Failure("an executor could not read the training data: " + io.getMessage() + " ("
                        + io.getClass().getSimpleName() + "); spark-train reads it at the same path on every machine", e);
            }
        }
        String message = String.valueOf(e.getMessage());
        int end = message.indexOf('\n');
        return new Failure("Spark: " + (end < 0 ? message : message.substring(0, end)).strip()
                + " (--debug shows Spark's whole message)", e);
    }

    /** Where the executors read the job's training examples (absolute paths, the same on every machine). */
    private static ShardSource shards(TrainRun.Job job) throws IOException {
        return switch (job.source()) {
            case DataSource.IdxImages idx -> ShardSource.mnist(
                    (idx.dir() != null ? idx.dir() : DataDir.root().resolve("mnist")).toAbsolutePath().toString(),
                    job.train().featureShape());
            case DataSource.CsvTable csv -> ShardSource.csv(csv.file().toAbsolutePath().toString(),
                    csv.labelColumn() != null ? csv.labelColumn() : Csv.header(csv.file()).getLast(), job.featureNames(),
                    job.classNames());
            case DataSource.ImageDir dir -> throw new IllegalStateException("spark-train: checked options let through " + dir);
        };
    }

    /** The model's standardisation, which the executors apply to what they read. */
    private static Normalization normalization(TrainRun.Job job) {
        Normalization n = job.preprocessing().scaling().normalization();
        return n != null ? n : Normalization.of(0, 1);
    }
}
