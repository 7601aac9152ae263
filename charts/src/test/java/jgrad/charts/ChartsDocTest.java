package jgrad.charts;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every Java block of docs/charts.md is a whole program: it compiles as pasted (imports
 * included) against the charts module, and runs (in a JVM with a display that does not exist and
 * no headless flag), writing the files its comments promise.
 */
class ChartsDocTest {
    private static final Pattern CLASS = Pattern.compile("public class (\\w+)");
    @TempDir static Path work;
    private static List<String> blocks;
    private static Path classes;

    @BeforeAll
    static void compileEveryBlock() throws IOException {
        String doc = Files.readString(Path.of("../docs/charts.md"));
        blocks = new ArrayList<>();
        String[] parts = doc.split("```");
        for (int i = 1; i < parts.length; i += 2) {
            if (parts[i].startsWith("java\n")) blocks.add(parts[i].substring("java\n".length()));
        }
        Path src = Files.createDirectories(work.resolve("src"));
        classes = Files.createDirectories(work.resolve("classes"));
        List<String> files = new ArrayList<>();
        for (String block : blocks) {
            Matcher m = CLASS.matcher(block);
            assertThat(m.find()).as("a block declares a public class:%n%s", block).isTrue();
            Path file = src.resolve(m.group(1) + ".java");
            Files.writeString(file, block);
            files.add(file.toString());
        }
        List<String> args = new ArrayList<>(List.of("-d", classes.toString(), "-cp", classpath(), "--release", "21",
                "-Xlint:all,-try", "-Werror", "-proc:none"));
        args.addAll(files);
        var errors = new java.io.ByteArrayOutputStream();
        int rc = ToolProvider.getSystemJavaCompiler().run(null, errors, errors, args.toArray(String[]::new));
        assertThat(rc).as("javac on the blocks of docs/charts.md:%n%s", errors.toString(StandardCharsets.UTF_8)).isZero();
    }

    /** The test class path (Surefire names it; a plain JUnit run has it as java.class.path). */
    private static String classpath() {
        return System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
    }

    @Test
    void theDocShowsFivePrograms() {
        assertThat(blocks).hasSize(5);
    }

    @Test
    void everyProgramRunsAndWritesWhatItSays() throws Exception {
        Path dir = Files.createDirectories(work.resolve("run"));
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "--add-modules", "jdk.incubator.vector",
                "-cp", classes + File.pathSeparator + classpath(), DocRunner.class.getName()));
        for (String block : blocks) {
            Matcher m = CLASS.matcher(block);
            m.find();
            command.add(m.group(1));
        }
        var builder = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true);
        // No -Djava.awt.headless and a display that does not exist: the charts must make AWT headless themselves.
        builder.environment().put("DISPLAY", ":77");
        Process p = builder.start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(300, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as("the doc programs printed:%n%s", out).isZero();
        for (String file : List.of("runs/curves/loss.png", "runs/curves/loss.svg", "runs/moons/moons.png",
                "runs/moons/moons.gif", "runs/pictures/digits.png", "runs/pictures/activations.svg",
                "runs/pictures/confusion.png", "runs/pictures/optimizers.png", "runs/graphs/linear.svg",
                "runs/graphs/shopping.png", "runs/moons-report/report.html", "runs/moons-report/confusion.svg",
                "runs/moons-report/accuracy.png")) {
            assertThat(dir.resolve(file)).as(file).isNotEmptyFile();
        }
        Pictures.png(dir.resolve("runs/moons/moons.png"), Chart.WIDTH, Chart.HEIGHT);
        assertThat(Files.readString(dir.resolve("runs/moons-report/report.html"))).contains("upper moon");
    }
}
