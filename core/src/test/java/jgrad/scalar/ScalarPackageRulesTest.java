package jgrad.scalar;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** STYLE B.1 for this package: line budgets and "depends on nothing". */
class ScalarPackageRulesTest {
    private static final Path SOURCES = Path.of("src/main/java/jgrad/scalar");

    private static List<Path> sources() throws IOException {
        try (Stream<Path> files = Files.list(SOURCES)) {
            return files.filter(f -> f.toString().endsWith(".java")).sorted().toList();
        }
    }

    /** Non-blank lines outside comments. */
    static int codeLines(String source) {
        String code = source.replaceAll("(?s)/\\*.*?\\*/", "").replaceAll("(?m)^\\s*//.*$", "");
        return (int) code.lines().filter(line -> !line.isBlank()).count();
    }

    @Test
    void staysWithinItsLineBudgets() throws IOException {
        int total = 0;
        for (Path f : sources()) total += codeLines(Files.readString(f));
        assertThat(codeLines(Files.readString(SOURCES.resolve("Value.java")))).as("Value.java").isLessThanOrEqualTo(150);
        assertThat(total).as("package jgrad.scalar").isLessThanOrEqualTo(300);
    }

    @Test
    void importsNothingButTheJdk() throws IOException {
        for (Path f : sources()) {
            assertThat(Files.readAllLines(f)).as(f.toString())
                    .filteredOn(line -> line.startsWith("import "))
                    .allMatch(line -> line.matches("import (static )?java\\..*"));
        }
    }

    @Test
    void countsOnlyCodeLines() {
        assertThat(codeLines("/** doc\n * more */\nint x; // why\n\n  // note\n}\n")).isEqualTo(2);
    }
}
