package jgrad.train;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.URISyntaxException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import javax.tools.DiagnosticCollector;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileObject;
import javax.tools.ToolProvider;
import jgrad.tensor.Tensor;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Java blocks of docs/guide.md and of the README's "Use jgrad from your own code" are whole
 * files: this test writes each to its own file, compiles them exactly as pasted (imports
 * included, with {@code --add-modules jdk.incubator.vector} as the docs say), runs them, and
 * checks what they print.
 */
class GuideTest {
    private static final Pattern TYPE = Pattern.compile("(?m)^public (?:final )?(?:class|record|interface) (\\w+)");

    @TempDir Path dir;

    /** The Java blocks of a Markdown file, in order. */
    static List<String> javaBlocks(Path markdown) throws IOException {
        String[] parts = Files.readString(markdown).split("```");
        List<String> blocks = new ArrayList<>();
        for (int i = 1; i < parts.length; i += 2) {
            if (parts[i].startsWith("java\n")) blocks.add(parts[i].substring("java\n".length()));
        }
        return blocks;
    }

    /** Writes each block to {@code NAME.java} in {@code src}, compiles them together into {@code classes}; returns a loader for them. */
    private URLClassLoader compile(List<String> blocks, String name) throws IOException {
        Path src = Files.createDirectories(dir.resolve(name + "-src"));
        Path classes = Files.createDirectories(dir.resolve(name + "-classes"));
        List<Path> files = new ArrayList<>();
        for (String block : blocks) {
            Matcher m = TYPE.matcher(block);
            assertThat(m.find()).as("a public class in the block%n%s", block).isTrue();
            files.add(Files.writeString(src.resolve(m.group(1) + ".java"), block));
        }
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        var diagnostics = new DiagnosticCollector<JavaFileObject>();
        try (var fm = javac.getStandardFileManager(diagnostics, null, StandardCharsets.UTF_8)) {
            List<String> options = List.of("--add-modules", "jdk.incubator.vector", "-cp", jgradClasses().toString(),
                    "-d", classes.toString(), "-proc:none");
            boolean ok = javac.getTask(null, fm, diagnostics, options, null, fm.getJavaFileObjectsFromPaths(files)).call();
            assertThat(ok).as("%s compiles as pasted:%n%s", name, diagnostics.getDiagnostics().stream()
                    .map(Object::toString).collect(Collectors.joining("\n"))).isTrue();
        }
        return new URLClassLoader(new URL[] {classes.toUri().toURL()}, GuideTest.class.getClassLoader());
    }

    /** Where jgrad's classes are (core has no dependencies, so this is the whole class path). */
    private static Path jgradClasses() {
        try {
            return Path.of(Tensor.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Runs {@code main(args)} of a compiled class and returns what it printed. */
    private static String run(ClassLoader loader, String className, String... args) throws Exception {
        PrintStream original = System.out;
        var out = new ByteArrayOutputStream();
        System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
        try {
            loader.loadClass(className).getMethod("main", String[].class).invoke(null, (Object) args);
        } finally {
            System.setOut(original);
        }
        String text = out.toString(StandardCharsets.UTF_8);
        original.print(text);
        return text;
    }

    private static double number(String text, String regex) {
        Matcher m = Pattern.compile(regex).matcher(text);
        assertThat(m.find()).as("'%s' in%n%s", regex, text).isTrue();
        return Double.parseDouble(m.group(1));
    }

    @Test
    void theGuideProgramsCompileAsPastedAndDoWhatTheTextSays() throws Exception {
        List<String> blocks = javaBlocks(Path.of("../docs/guide.md"));
        assertThat(blocks).hasSize(5);
        try (URLClassLoader guide = compile(blocks, "guide")) {
            assertThat(number(run(guide, "OwnLoop"), "test accuracy ([\\d.]+)%")).isGreaterThan(95);

            String trainer = run(guide, "WithTrainer", dir.resolve("moons-run").toString());
            assertThat(trainer).contains("epoch 5: ");
            assertThat(Files.readAllLines(dir.resolve("moons-run/metrics.csv"))).hasSize(6);
            assertThat(number(trainer, "after resuming: test accuracy ([\\d.]+)")).isGreaterThan(0.9);
            assertThat(trainer).doesNotContain("epoch 6: "); // the resumed trainer has no listener

            String saved = run(guide, "SaveAndLoad", dir.resolve("moons.safetensors").toString());
            assertThat(saved).contains("Linear(in=2, out=16)");
            Matcher m = Pattern.compile("accuracy ([\\d.]+) saved, ([\\d.]+) loaded").matcher(saved);
            assertThat(m.find()).isTrue();
            assertThat(m.group(2)).isEqualTo(m.group(1));
            assertThat(Double.parseDouble(m.group(1))).isGreaterThan(0.9);
        }
    }

    @Test
    @Tag("slow")
    void theMnistProgramReachesNinetyFivePercent() throws Exception {
        try (URLClassLoader guide = compile(javaBlocks(Path.of("../docs/guide.md")), "guide")) {
            assertThat(number(run(guide, "MnistMlp"), "test accuracy ([\\d.]+)%")).isGreaterThan(95);
        }
    }

    @Test
    void theReadmeProgramCompilesAsPastedAndLearns() throws Exception {
        String readme = Files.readString(Path.of("../README.md"));
        int section = readme.indexOf("## Use jgrad from your own code");
        assertThat(section).as("README section 'Use jgrad from your own code'").isNotNegative();
        int end = readme.indexOf("\n## ", section + 1);
        Path part = Files.writeString(dir.resolve("readme-part.md"), readme.substring(section, end < 0 ? readme.length() : end));
        List<String> blocks = javaBlocks(part);
        assertThat(blocks).hasSize(1);
        assertThat(readme.substring(section)).contains("--add-modules jdk.incubator.vector");
        try (URLClassLoader program = compile(blocks, "readme")) {
            assertThat(number(run(program, "Hello"), "test accuracy ([\\d.]+)%")).isGreaterThan(90);
        }
    }
}
