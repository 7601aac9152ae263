package jgrad.spark;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A Spark standalone cluster on this machine, started from the jars Maven brought (no Spark
 * installation): a master and workers as separate JVMs, bound to 127.0.0.1. The worker needs a
 * Spark home with a {@code jars/} folder to build executor class paths; this one links the test
 * class path's jars there. Stops every process it started (and their executors) on {@link #close}.
 */
final class LocalCluster implements AutoCloseable {
    private final Path home;
    private final List<Process> processes = new ArrayList<>();
    private final List<Process> workers = new ArrayList<>();
    private final int port;
    private final int uiPort;

    private LocalCluster(Path home, int port, int uiPort) {
        this.home = home;
        this.port = port;
        this.uiPort = uiPort;
    }

    /** Starts a master and {@code workers} workers of one core and 1 GB each, and waits until they have registered. */
    static LocalCluster start(Path dir, int workers) throws IOException, InterruptedException {
        Path home = Files.createDirectories(dir.resolve("spark-home"));
        Path jars = Files.createDirectories(home.resolve("jars"));
        for (String entry : System.getProperty("java.class.path").split(java.io.File.pathSeparator)) {
            Path p = Path.of(entry);
            if (entry.endsWith(".jar") && Files.isRegularFile(p) && !Files.exists(jars.resolve(p.getFileName()))) {
                Files.createSymbolicLink(jars.resolve(p.getFileName()), p.toAbsolutePath());
            }
        }
        var cluster = new LocalCluster(home, freePort(), freePort());
        cluster.processes.add(cluster.java(dir.resolve("master.log"), "org.apache.spark.deploy.master.Master",
                "--host", "127.0.0.1", "--port", Integer.toString(cluster.port), "--webui-port", Integer.toString(cluster.uiPort)));
        for (int i = 0; i < workers; i++) {
            Path work = Files.createDirectories(dir.resolve("worker-" + i));
            Process w = cluster.java(dir.resolve("worker-" + i + ".log"), "org.apache.spark.deploy.worker.Worker",
                    cluster.url(), "--host", "127.0.0.1", "--cores", "1", "--memory", "1g", "--webui-port",
                    Integer.toString(freePort()), "--work-dir", work.toString());
            cluster.processes.add(w);
            cluster.workers.add(w);
        }
        cluster.awaitWorkers(workers, Duration.ofSeconds(90));
        return cluster;
    }

    /** The master's URL, {@code spark://127.0.0.1:PORT}. */
    String url() {
        return "spark://127.0.0.1:" + port;
    }

    /** The JVM flags spark-submit gives every Spark JVM (from the build, spark/target/spark-jvm.args). */
    static List<String> sparkJvmArgs() throws IOException {
        Path args = Path.of("target", "spark-jvm.args");
        return List.of(Files.readString(args).trim().split("\\s+"));
    }

    /** Starts {@code mainClass} on the cluster's jars with Spark's JVM flags; output goes to {@code log}. */
    Process java(Path log, String mainClass, String... args) throws IOException {
        List<String> cmd = new ArrayList<>();
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        cmd.addAll(sparkJvmArgs());
        cmd.add("-Xmx512m");
        cmd.add("-cp");
        cmd.add(home.resolve("jars") + "/*");
        cmd.add(mainClass);
        cmd.addAll(List.of(args));
        var pb = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile());
        Map<String, String> env = pb.environment();
        env.put("SPARK_HOME", home.toString());
        env.put("SPARK_SCALA_VERSION", "2.13");
        env.put("SPARK_LOCAL_IP", "127.0.0.1");
        env.put("JAVA_HOME", System.getProperty("java.home"));
        Process p = pb.start();
        processes.add(p);
        return p;
    }

    /** The executor JVMs the workers started (for fault tests). */
    List<ProcessHandle> executors() {
        return workers.stream().flatMap(w -> w.toHandle().descendants())
                .filter(h -> h.info().commandLine().orElse("").contains("CoarseGrainedExecutorBackend")).toList();
    }

    private void awaitWorkers(int n, Duration timeout) throws IOException, InterruptedException {
        var client = HttpClient.newHttpClient();
        long end = System.nanoTime() + timeout.toNanos();
        Pattern alive = Pattern.compile("\"aliveworkers\"\\s*:\\s*(\\d+)");
        while (System.nanoTime() < end) {
            try {
                String json = client.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + uiPort + "/json/")).build(),
                        HttpResponse.BodyHandlers.ofString()).body();
                Matcher m = alive.matcher(json);
                if (m.find() && Integer.parseInt(m.group(1)) >= n) return;
            } catch (IOException notYet) {
                // the master's web UI is not up yet
            }
            for (Process p : processes) {
                if (!p.isAlive()) throw new IOException("a Spark process exited with " + p.exitValue() + " while the cluster started");
            }
            Thread.sleep(500);
        }
        throw new IOException("the Spark cluster did not have " + n + " workers after " + timeout);
    }

    private static int freePort() {
        try (var s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        for (Process p : processes.reversed()) {
            p.toHandle().descendants().forEach(ProcessHandle::destroyForcibly);
            p.destroyForcibly();
        }
        for (Process p : processes) {
            try {
                p.waitFor();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }
}
