package jgrad.charts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import javax.imageio.ImageIO;
import jgrad.scalar.Value;
import jgrad.tensor.Tensor;
import jgrad.viz.Dot;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Real renders: Graphviz is a declared prerequisite (Debian: graphviz), and .ci/run installs it. */
class GraphvizTest {
    @TempDir Path dir;

    /** L = (a*b + c) * f, the curriculum's first expression, after backward. */
    private static String expression() {
        Value a = Value.of(2).label("a"), b = Value.of(-3).label("b"), c = Value.of(10).label("c");
        Value loss = a.mul(b).label("e").add(c).label("d").mul(Value.of(-2).label("f")).label("L");
        loss.backward();
        return jgrad.scalar.Dot.graph(loss);
    }

    @Test
    void rendersTheScalarGraphToSvg() throws IOException {
        Graphviz.Result r = Graphviz.render(expression(), dir.resolve("sub/graph.svg"));
        assertThat(r).as(r.message()).isEqualTo(new Graphviz.Rendered(dir.resolve("sub/graph.svg")));
        assertThat(Files.readString(r.file())).contains("<svg").contains("data &#45;8.0000");
        assertThat(r.message()).isEqualTo("wrote " + dir.resolve("sub/graph.svg"));
        try (var files = Files.list(dir.resolve("sub"))) {
            assertThat(files).containsExactly(r.file()); // no temp file left
        }
    }

    @Test
    void rendersATensorGraphToPng() throws IOException {
        Tensor w = Tensor.of(new float[] {1, 2, 3, 4}, 2, 2).requiresGrad(true);
        Tensor loss = Tensor.of(new float[] {1, 1}, 1, 2).matmul(w).relu().sum();
        Graphviz.Result r = Graphviz.render(Dot.graph(loss, java.util.Map.of("w", w)), dir.resolve("tensor.png"));
        assertThat(r).as(r.message()).isInstanceOf(Graphviz.Rendered.class);
        var image = ImageIO.read(r.file().toFile());
        assertThat(image.getWidth()).isGreaterThan(200);
        assertThat(image.getHeight()).isGreaterThan(50);
    }

    @Test
    void writesTheDotFileAndSaysWhyWhenGraphvizIsMissing() throws IOException {
        Graphviz.Result r = Graphviz.render(expression(), dir.resolve("graph.png"), Duration.ofSeconds(5),
                "jgrad-no-such-dot-program");
        assertThat(r).isInstanceOf(Graphviz.DotOnly.class);
        assertThat(r.file()).isEqualTo(dir.resolve("graph.dot"));
        assertThat(Files.readString(r.file())).isEqualTo(expression());
        assertThat(r.message()).contains("'jgrad-no-such-dot-program' was not found")
                .contains("apt-get install graphviz").contains("wrote " + dir.resolve("graph.dot"));
        assertThat(dir.resolve("graph.png")).doesNotExist();
    }

    @Test
    void writesTheDotFileAndSaysWhyWhenDotFails() throws IOException {
        Graphviz.Result r = Graphviz.render("digraph { a -> ", dir.resolve("broken.svg"));
        assertThat(r).isInstanceOf(Graphviz.DotOnly.class);
        assertThat(((Graphviz.DotOnly) r).reason()).startsWith("Graphviz failed (exit 1)").contains("syntax error");
        assertThat(Files.readString(dir.resolve("broken.dot"))).isEqualTo("digraph { a -> ");
        assertThat(dir.resolve("broken.svg")).doesNotExist();
    }

    @Test
    void stopsDotAfterTheTimeout() throws IOException {
        // a program that reads its input and then hangs, standing in for a dot that never finishes
        Path slow = dir.resolve("slow-dot.sh");
        Files.writeString(slow, "#!/bin/sh\ncat > /dev/null\nexec sleep 30\n");
        slow.toFile().setExecutable(true);
        long start = System.nanoTime();
        Graphviz.Result r = Graphviz.render("digraph {}", dir.resolve("g.svg"), Duration.ofMillis(300), slow.toString());
        assertThat((System.nanoTime() - start) / 1e9).isLessThan(10);
        assertThat(r).isInstanceOf(Graphviz.DotOnly.class);
        assertThat(r.message()).startsWith("Graphviz did not finish within 300 ms");
    }

    @Test
    void rejectsUnknownImageFormats() {
        assertThatThrownBy(() -> Graphviz.render("digraph {}", dir.resolve("graph.gif")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining(".svg or .png");
    }
}
