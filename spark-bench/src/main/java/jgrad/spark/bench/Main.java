package jgrad.spark.bench;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code ./jgrad bench-spark steps|race}: jgrad on Spark against in-process training and Spark MLlib. */
@Command(name = "bench-spark", mixinStandardHelpOptions = true, subcommands = {StepScaling.class, Race.class},
        description = "Benchmarks of jgrad on Spark (local[2]); tables in Markdown on standard output.")
public final class Main implements Runnable {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(System.out);
    }

    /** Runs the benchmark named by the first argument. */
    public static void main(String[] args) {
        System.exit(new CommandLine(new Main()).execute(args));
    }
}
