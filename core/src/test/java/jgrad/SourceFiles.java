package jgrad;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/** Reads core's main sources for the architecture and budget tests. */
final class SourceFiles {
    static final Path ROOT = Path.of("src/main/java/jgrad");

    private SourceFiles() {}

    /** Every {@code .java} file under {@code src/main/java/jgrad}, in a stable order. */
    static List<Path> all() {
        try (Stream<Path> files = Files.walk(ROOT)) {
            return files.filter(p -> p.toString().endsWith(".java")).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The package of a source file, relative to {@code jgrad}, e.g. {@code "tensor.kernel"}. */
    static String packageOf(Path file) {
        Path dir = ROOT.relativize(file).getParent();
        return dir == null ? "" : dir.toString().replace('/', '.');
    }

    static List<String> lines(Path file) {
        try {
            return Files.readAllLines(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Lines that are neither blank nor comments (line comments, block comments, Javadoc). */
    static int codeLines(Path file) {
        return codeLines(lines(file));
    }

    /** Lines of {@code source} that are neither blank nor comments. */
    static int codeLines(List<String> source) {
        int count = 0;
        boolean inBlock = false;
        for (String raw : source) {
            String line = raw.strip();
            if (inBlock) {
                int end = line.indexOf("*/");
                if (end < 0) continue;
                inBlock = false;
                line = line.substring(end + 2).strip();
            }
            if (line.startsWith("/*")) {
                int end = line.indexOf("*/", 2);
                if (end < 0) {
                    inBlock = true;
                    continue;
                }
                line = line.substring(end + 2).strip();
            }
            if (!line.isEmpty() && !line.startsWith("//")) count++;
        }
        return count;
    }

    static List<String> imports(Path file) {
        List<String> out = new ArrayList<>();
        for (String line : lines(file)) {
            String s = line.strip();
            if (s.startsWith("import ")) {
                out.add(s.substring("import ".length()).replace("static ", "").replace(";", "").strip());
            }
        }
        return out;
    }

    /**
     * The source of {@code file} with comments, string and character literals (text blocks too)
     * replaced by spaces, line breaks kept: what the compiler reads as code.
     */
    static String code(Path file) {
        String src = String.join("\n", lines(file));
        StringBuilder out = new StringBuilder(src.length());
        int i = 0;
        while (i < src.length()) {
            char c = src.charAt(i);
            int end;
            if (src.startsWith("//", i)) {
                end = src.indexOf('\n', i);
                end = end < 0 ? src.length() : end;
            } else if (src.startsWith("/*", i)) {
                end = src.indexOf("*/", i + 2);
                end = end < 0 ? src.length() : end + 2;
            } else if (src.startsWith("\"\"\"", i)) {
                end = src.indexOf("\"\"\"", i + 3);
                while (end > 0 && src.charAt(end - 1) == '\\') end = src.indexOf("\"\"\"", end + 1);
                end = end < 0 ? src.length() : end + 3;
            } else if (c == '"' || c == '\'') {
                end = i + 1;
                while (end < src.length() && src.charAt(end) != c) end += src.charAt(end) == '\\' ? 2 : 1;
                end = Math.min(end + 1, src.length());
            } else {
                out.append(c);
                i++;
                continue;
            }
            for (int k = i; k < end; k++) out.append(src.charAt(k) == '\n' ? '\n' : ' ');
            i = end;
        }
        return out.toString();
    }
}
