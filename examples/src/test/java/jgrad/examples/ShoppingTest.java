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
    void writesTheGraphWithValuesForwardAndGradientsBackward(@TempDir Path dir) {
        Cli.Ran ran = Cli.execute(new Shopping(), "--out", dir.toString());
        assertThat(ran.exitCode()).isZero();
        assertThat(dir.resolve("shopping.dot")).content().startsWith("digraph shopping")
                .contains("apple -> mul_apple [label=<100<br/><font color=\"red\">2.2</font>>];")
                .contains("tax -> mul_tax [label=<1.1<br/><font color=\"red\">650</font>>];")
                .contains("mul_tax -> price [label=<715<br/><font color=\"red\">1</font>>];");
    }
}
