package jgrad.scalar;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URISyntaxException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import javax.tools.DiagnosticCollector;
import javax.tools.JavaFileObject;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Java blocks of docs/scalar.md are statements, as typed into {@code ./jgrad shell}: this test
 * puts each, exactly as pasted, into a method of its own class (with {@code jgrad.scalar} and
 * {@code java.util} imported, as the shell has them), compiles and runs it.
 */
class ScalarDocTest {
    @TempDir Path dir;

    @Test
    void theSnippetsCompileAndRunAsPasted() throws Exception {
        String[] parts = Files.readString(Path.of("../docs/scalar.md")).split("```");
        List<String> blocks = new ArrayList<>();
        for (int i = 1; i < parts.length; i += 2) {
            if (parts[i].startsWith("java\n")) blocks.add(parts[i].substring("java\n".length()));
        }
        assertThat(blocks).hasSize(2);
        List<Path> files = new ArrayList<>();
        for (int i = 0; i < blocks.size(); i++) {
            files.add(Files.writeString(dir.resolve("Snippet" + i + ".java"), "import java.util.*;\nimport jgrad.scalar.*;\n"
                    + "public class Snippet" + i + " {\n public static void run() {\n" + blocks.get(i) + "}\n}\n"));
        }
        var javac = ToolProvider.getSystemJavaCompiler();
        var diagnostics = new DiagnosticCollector<JavaFileObject>();
        try (var fm = javac.getStandardFileManager(diagnostics, null, StandardCharsets.UTF_8)) {
            List<String> options = List.of("-cp", classes().toString(), "-d", dir.toString(), "-proc:none");
            boolean ok = javac.getTask(null, fm, diagnostics, options, null, fm.getJavaFileObjectsFromPaths(files)).call();
            assertThat(ok).as("docs/scalar.md's snippets compile:%n%s", diagnostics.getDiagnostics().stream()
                    .map(Object::toString).collect(Collectors.joining("\n"))).isTrue();
        }
        try (var loader = new URLClassLoader(new URL[] {dir.toUri().toURL()}, ScalarDocTest.class.getClassLoader())) {
            for (int i = 0; i < blocks.size(); i++) loader.loadClass("Snippet" + i).getMethod("run").invoke(null);
        }
    }

    /** Where jgrad's classes are (the scalar package needs nothing else). */
    private static Path classes() throws IOException {
        try {
            return Path.of(Value.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        } catch (URISyntaxException e) {
            throw new IOException(e);
        }
    }
}
