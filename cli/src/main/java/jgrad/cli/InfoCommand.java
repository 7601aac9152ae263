package jgrad.cli;

import java.io.PrintWriter;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import jgrad.data.DataDir;
import jgrad.tensor.kernel.Parallel;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code ./jgrad info}: what jgrad runs on (JDK, Vector API, threads, memory, data folder). */
@Command(name = "info", header = "Print the version, JDK, vector lanes, threads, heap and data folder", mixinStandardHelpOptions = true,
        description = "Print the jgrad version, the JDK, the Vector API species and lanes, the kernel threads,"
                + " the JVM heap and GC, and the data folder.",
        footer = {"", "Example:", "  ./jgrad info"})
final class InfoCommand implements Callable<Integer> {
    @Spec
    private CommandSpec spec;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        Runtime rt = Runtime.getRuntime();
        row(out, "jgrad", Version.jgrad());
        row(out, "JDK", Runtime.version() + " (" + System.getProperty("java.vendor") + ") at "
                + System.getProperty("java.home"));
        row(out, "OS", System.getProperty("os.name") + " " + System.getProperty("os.version") + " "
                + System.getProperty("os.arch"));
        row(out, "Vector API", vectorApi());
        String configured = System.getProperty("jgrad.threads") != null ? " (-Djgrad.threads)"
                : System.getenv("JGRAD_THREADS") != null ? " (JGRAD_THREADS)" : " (default: all processors)";
        row(out, "threads", Parallel.threads() + " kernel thread" + (Parallel.threads() == 1 ? "" : "s") + configured
                + ", " + rt.availableProcessors() + " processor" + (rt.availableProcessors() == 1 ? "" : "s"));
        String gcs = ManagementFactory.getGarbageCollectorMXBeans().stream().map(GarbageCollectorMXBean::getName)
                .collect(Collectors.joining(", "));
        row(out, "memory", String.format(Locale.ROOT, "max heap %d MB, GC %s (the launcher sizes these;"
                + " JGRAD_JAVA_OPTS overrides)", rt.maxMemory() / (1 << 20), gcs));
        Path data = DataDir.root().toAbsolutePath().normalize();
        row(out, "data folder", data + " (mnist: " + (Files.isDirectory(data.resolve("mnist")) ? "present" : "missing")
                + ", iris.csv: " + (Files.isRegularFile(data.resolve("iris.csv")) ? "present" : "missing")
                + "; set JGRAD_DATA to use another)");
        out.flush();
        return Errors.ExitCode.OK;
    }

    private static void row(PrintWriter out, String name, String value) {
        out.printf(Locale.ROOT, "%-12s %s%n", name, value);
    }

    /** The preferred species of the Vector API, or why it is unavailable. */
    private static String vectorApi() {
        try {
            var f = jdk.incubator.vector.FloatVector.SPECIES_PREFERRED;
            var d = jdk.incubator.vector.DoubleVector.SPECIES_PREFERRED;
            return String.format(Locale.ROOT, "%d-bit vectors: %d float lanes, %d double lanes (%s, %s)",
                    f.vectorBitSize(), f.length(), d.length(), f, d);
        } catch (NoClassDefFoundError e) {
            return "not available: run java with --add-modules jdk.incubator.vector (the launcher does)";
        }
    }
}
