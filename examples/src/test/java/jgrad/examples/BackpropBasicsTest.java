package jgrad.examples;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BackpropBasicsTest {

    @Test
    void gradientsOfTheFirstExpressionAreTheHandDerivedOnes() {
        var log = new Cli.Captured();
        BackpropBasics.Expression x = BackpropBasics.run(log.stream);
        assertThat(x.loss().data()).isEqualTo(-8.0);
        assertThat(x.a().grad()).isEqualTo(6.0);   // dL/da = f * b
        assertThat(x.b().grad()).isEqualTo(-4.0);  // dL/db = f * a
        assertThat(x.c().grad()).isEqualTo(-2.0);  // dL/dc = f
        assertThat(x.e().grad()).isEqualTo(-2.0);
        assertThat(x.d().grad()).isEqualTo(-2.0);
        assertThat(x.f().grad()).isEqualTo(4.0);   // dL/df = d
        assertThat(log.text()).contains("L  data  -8.0000   dL/dL =   1.0000").contains("dL/da: backward   6.0000   nudge   6.0000");
    }

    @Test
    void writesTheGraphPictureIntoTheOutputFolder(@TempDir Path dir) {
        Cli.Ran ran = Cli.execute(new BackpropBasics(), "--out", dir.toString());
        assertThat(ran.exitCode()).isZero();
        // an SVG with Graphviz, else the DOT text and a hint
        Path written = Files.exists(dir.resolve("backprop-basics.svg")) ? dir.resolve("backprop-basics.svg") : dir.resolve("backprop-basics.dot");
        assertThat(written).exists();
        assertThat(ran.out()).contains("wrote " + written);
    }
}
