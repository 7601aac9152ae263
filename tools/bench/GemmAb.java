import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * sgemm ({@code Gemm.sgemm}, C = A B, or A Bᵀ) of two or more builds of jgrad's core, alternated in one JVM
 * (docs/benchmarks.md, "sixth round"). Each build's classes load in their own class loader, so C2 compiles
 * each separately; the builds take turns round by round (the order reversed every other round), which
 * cancels most of the drift of a loaded machine that separate JVMs, minutes apart, do not. Also checks
 * that every build gives the same bits as the first.
 *
 * <pre>
 * java --add-modules jdk.incubator.vector -Djgrad.threads=1 tools/bench/GemmAb.java \
 *     /tmp/before/core/target/classes,core/target/classes 15 256,512,1024
 * </pre>
 * Arguments: class folders (comma list; the first is the reference), rounds, sizes: n for a square product,
 * or {@code MxNxK} ({@code MxNxKt}: B transposed, stored n x k; {@code tMxNxK}: A transposed, stored k x m),
 * e.g. {@code 100x100x4320t}, the ConvNet's linear layer, or {@code t50x784x100}, the MLP's weight gradient. Prints per size the
 * best and median GFLOP/s of each build and how many rounds the last build beat the first. Times are CPU
 * time of the calling thread (1 thread), or wall time with {@code -Dwall=true} (for several threads).
 * A line "DIFFERENT BITS" is expected when a build changed the order of the sums for that shape (as the
 * eighth round did for long-k products with B transposed); otherwise it points at a bug.
 */
public class GemmAb {
    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();
    private static final boolean WALL = Boolean.getBoolean("wall");

    private static long now() {
        return WALL ? System.nanoTime() : THREADS.getCurrentThreadCpuTime();
    }

    /** One line on standard error naming what is wrong, then exit status 2 (a usage error). */
    private static void fail(String message) {
        System.err.println("GemmAb: " + message);
        System.exit(2);
    }

    public static void main(String[] args) throws Throwable {
        if (args.length != 3) fail("need 3 arguments: class folders (comma list), rounds, sizes (comma list); got " + args.length);
        String[] dirs = args[0].split(",");
        for (String dir : dirs) {
            if (!java.nio.file.Files.isRegularFile(Path.of(dir, "jgrad/tensor/kernel/Gemm.class"))) {
                fail(dir + " holds no jgrad/tensor/kernel/Gemm.class: give core/target/classes of a built clone");
            }
        }
        int rounds = 0;
        String[] names = args[2].split(",");
        int count = names.length;
        int[][] shapes = new int[count][]; // m, n, k, 1 if B is transposed
        try {
            rounds = Integer.parseInt(args[1]);
            for (int s = 0; s < count; s++) {
                String name = names[s];
                boolean transA = name.startsWith("t"), transB = name.endsWith("t") && name.length() > 1;
                String[] parts = name.substring(transA ? 1 : 0, name.length() - (transB ? 1 : 0)).split("x", -1);
                if (parts.length != 1 && parts.length != 3) fail("size '" + name + "' is neither n nor MxNxK (MxNxKt with B transposed, tMxNxK with A)");
                int m = Integer.parseInt(parts[0]);
                shapes[s] = parts.length == 1 ? new int[] {m, m, m, transB ? 1 : 0, transA ? 1 : 0}
                        : new int[] {m, Integer.parseInt(parts[1]), Integer.parseInt(parts[2]), transB ? 1 : 0, transA ? 1 : 0};
            }
        } catch (NumberFormatException e) {
            fail("rounds and sizes must be whole numbers (" + e.getMessage() + ")");
        }
        if (rounds < 1 || Arrays.stream(shapes).anyMatch(q -> q[0] < 1 || q[1] < 1 || q[2] < 1)) fail("rounds and sizes must be at least 1");
        for (int s = 0; s < count; s++) {
            long m = shapes[s][0], n = shapes[s][1], k = shapes[s][2];
            if (Math.max(m * k, Math.max(k * n, m * n)) > Integer.MAX_VALUE - 8) fail("size '" + names[s] + "' has a matrix too large for one Java array");
        }
        MethodType type = MethodType.methodType(void.class, boolean.class, boolean.class, int.class, int.class, int.class,
                float[].class, int.class, float[].class, int.class, float[].class, int.class, boolean.class);
        MethodHandle[] sgemm = new MethodHandle[dirs.length];
        for (int d = 0; d < dirs.length; d++) {
            ClassLoader loader = new URLClassLoader(new URL[] {Path.of(dirs[d]).toUri().toURL()},
                    ClassLoader.getPlatformClassLoader());
            sgemm[d] = MethodHandles.lookup().findStatic(Class.forName("jgrad.tensor.kernel.Gemm", true, loader), "sgemm", type);
        }
        SplittableRandom rng = new SplittableRandom(1);
        float[][] a = new float[count][], b = new float[count][], c = new float[count][];
        for (int s = 0; s < count; s++) {
            int m = shapes[s][0], n = shapes[s][1], k = shapes[s][2];
            a[s] = new float[m * k];
            b[s] = new float[k * n];
            c[s] = new float[m * n];
            for (int i = 0; i < a[s].length; i++) a[s][i] = (float) rng.nextDouble(-1, 1);
            for (int i = 0; i < b[s].length; i++) b[s][i] = (float) rng.nextDouble(-1, 1);
        }
        for (int s = 0; s < count; s++) {
            int m = shapes[s][0], n = shapes[s][1], k = shapes[s][2];
            float[] reference = null;
            for (int d = 0; d < dirs.length; d++) {
                float[] out = new float[m * n];
                sgemm[d].invokeExact(shapes[s][4] == 1, shapes[s][3] == 1, m, n, k, a[s], 0, b[s], 0, out, 0, false);
                if (reference == null) reference = out;
                else if (!Arrays.equals(reference, out)) System.out.println("DIFFERENT BITS: " + dirs[d] + " " + names[s]);
            }
        }
        long warmUntil = System.nanoTime() + 5_000_000_000L;
        while (System.nanoTime() < warmUntil) {
            for (int d = 0; d < dirs.length; d++) {
                for (int s = 0; s < count; s++) {
                    sgemm[d].invokeExact(shapes[s][4] == 1, shapes[s][3] == 1, shapes[s][0], shapes[s][1], shapes[s][2], a[s], 0, b[s], 0, c[s], 0, false);
                }
            }
        }
        double[][][] gflops = new double[dirs.length][count][rounds];
        for (int r = 0; r < rounds; r++) {
            for (int turn = 0; turn < dirs.length; turn++) {
                int d = r % 2 == 0 ? turn : dirs.length - 1 - turn;
                for (int s = 0; s < count; s++) {
                    int m = shapes[s][0], n = shapes[s][1], k = shapes[s][2];
                    boolean transB = shapes[s][3] == 1, transA = shapes[s][4] == 1;
                    double flop = 2.0 * m * n * k;
                    int reps = (int) Math.max(1, 1.5e9 / flop);
                    long t0 = now();
                    for (int q = 0; q < reps; q++) sgemm[d].invokeExact(transA, transB, m, n, k, a[s], 0, b[s], 0, c[s], 0, false);
                    gflops[d][s][r] = flop * reps / (now() - t0);
                }
            }
        }
        for (int s = 0; s < count; s++) {
            StringBuilder line = new StringBuilder(String.format("%-14s", names[s]));
            double[] median = new double[dirs.length];
            for (int d = 0; d < dirs.length; d++) {
                double[] sorted = gflops[d][s].clone();
                Arrays.sort(sorted);
                median[d] = sorted[rounds / 2];
                line.append(String.format("  [%d] best %.1f median %.1f", d, sorted[rounds - 1], median[d]));
            }
            int wins = 0;
            for (int r = 0; r < rounds; r++) if (gflops[dirs.length - 1][s][r] > gflops[0][s][r]) wins++;
            line.append(String.format("  last/first median %.3f, last faster in %d/%d rounds", median[dirs.length - 1] / median[0], wins, rounds));
            System.out.println(line);
        }
    }
}
