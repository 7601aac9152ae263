package jgrad.examples;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ShoppingTest {

    @Test
    void theBooksPriceAndGradients() {
        var log = new Cli.Captured();
        Shopping.Bill b = Cli.parse(new Shopping()).run(log.stream);
        assertThat(b.price()).isCloseTo(715, within(1e-9));
        assertThat(b.dApple()).isCloseTo(2.2, within(1e-12));
        assertThat(b.dAppleNum()).isCloseTo(110, within(1e-9));
        assertThat(b.dOrange()).isCloseTo(3.3, within(1e-12));
        assertThat(b.dOrangeNum()).isCloseTo(165, within(1e-9));
        assertThat(b.dTax()).isCloseTo(650, within(1e-9));
        assertThat(b.dApplePrice()).isCloseTo(1.1, within(1e-12));
        assertThat(log.text()).contains("price = 715\n").contains("d apple        = 2.2\n").contains("d apple count  = 110\n")
                .contains("d orange       = 3.3\n").contains("d orange count = 165\n").contains("d tax          = 650\n");
    }

    @Test
    void otherBasketsFollowTheSameRules() {
        Shopping.Bill b = Cli.parse(new Shopping(), "--apples", "4", "--tax", "1.08").run(new Cli.Captured().stream);
        assertThat(b.price()).isCloseTo((4 * 100 + 3 * 150) * 1.08, within(1e-9));
        assertThat(b.dAppleNum()).isCloseTo(100 * 1.08, within(1e-9));
        assertThat(b.dTax()).isCloseTo(850, within(1e-9));
    }

    @Test
    void plainPrintsTheBooksRoundedFigures() {
        assertThat(Shopping.plain(715.0000000000001)).isEqualTo("715");
        assertThat(Shopping.plain(110.00000000000001)).isEqualTo("110");
        assertThat(Shopping.plain(3.3000000000000003)).isEqualTo("3.3");
        assertThat(Shopping.plain(1e-3)).isEqualTo("0.001");
    }

    @Test
    void theGraphCarriesValuesForwardAndGradientsBackward() {
        Shopping.Bill b = Cli.parse(new Shopping()).run(new Cli.Captured().stream);
        String dot = jgrad.viz.Dot.graph(Shopping.graph(b));
        assertThat(dot).startsWith("digraph")
                .contains("in0 -> layer5 [label=<100<br/><font color=\"#c0392b\">2.2</font>>];")
                .contains("in4 -> layer8 [label=<1.1<br/><font color=\"#c0392b\">650</font>>];")
                .contains("layer8 -> out8 [label=<715<br/><font color=\"#c0392b\">1</font>>];");
    }

    @Test
    void drawsTheGraph(@TempDir Path dir) {
        Cli.Ran ran = Cli.execute(new Shopping(), "--out", dir.toString());
        assertThat(ran.exitCode()).isZero();
        Path svg = dir.resolve("shopping.svg");
        if (java.nio.file.Files.exists(svg)) {
            assertThat(svg).content().contains("<svg").contains("715").contains("650");
            assertThat(ran.out()).contains("wrote " + svg);
        } else {
            assertThat(dir.resolve("shopping.dot")).content().startsWith("digraph");
        }
    }
}
