package jgrad;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** The Java blocks of CONTRIBUTING.md are quoted from core's sources, so they compile as shown. */
class ContributingTest {
    @Test
    void javaBlocksAreQuotedVerbatimFromTheSources() throws IOException {
        List<String> blocks = javaBlocks(Files.readAllLines(Path.of("../CONTRIBUTING.md")));
        assertThat(blocks).as("java blocks in CONTRIBUTING.md").isNotEmpty();
        String sources;
        try (Stream<Path> files = Stream.concat(Files.walk(Path.of("src/main/java")), Files.walk(Path.of("src/test/java")))) {
            sources = files.filter(f -> f.toString().endsWith(".java")).sorted()
                    .map(ContributingTest::read).collect(Collectors.joining("\n"));
        }
        for (String block : blocks) {
            assertThat(sources.contains(block)).as("CONTRIBUTING.md block not in core's sources verbatim:%n%s", block).isTrue();
        }
    }

    /** Each fenced {@code java} block, its lines stripped (list indentation differs from the source). */
    private static List<String> javaBlocks(List<String> lines) {
        List<String> blocks = new ArrayList<>();
        List<String> block = null;
        for (String line : lines) {
            String t = line.strip();
            if (block == null && t.equals("```java")) {
                block = new ArrayList<>();
            } else if (block != null && t.equals("```")) {
                blocks.add(String.join("\n", block));
                block = null;
            } else if (block != null) {
                block.add(t);
            }
        }
        return blocks;
    }

    private static String read(Path file) {
        try {
            return Files.readAllLines(file).stream().map(String::strip).collect(Collectors.joining("\n"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
