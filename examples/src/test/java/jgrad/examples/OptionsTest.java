package jgrad.examples;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class OptionsTest {

    @Test
    void parsesKeyValuePairsWithFallbacks() {
        var o = new Options("x", new String[] {"--lr", "0.5", "--sizes", "5, 5,1", "--seed", "9"}, List.of("lr", "sizes", "seed", "epochs"));
        assertThat(o.number("lr", 0.01)).isEqualTo(0.5);
        assertThat(o.integers("sizes", new int[0])).containsExactly(5, 5, 1);
        assertThat(o.longInteger("seed", 1)).isEqualTo(9L);
        assertThat(o.integer("epochs", 1000)).isEqualTo(1000);
    }

    @Test
    void rejectsUnknownKeysMissingValuesAndBadNumbers() {
        assertThatThrownBy(() -> new Options("x", new String[] {"--nope", "1"}, List.of("lr")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("unknown option '--nope'");
        assertThatThrownBy(() -> new Options("x", new String[] {"--lr"}, List.of("lr")))
                .hasMessageContaining("--lr needs a value");
        var o = new Options("x", new String[] {"--lr", "fast"}, List.of("lr"));
        assertThatThrownBy(() -> o.number("lr", 0)).hasMessageContaining("--lr got 'fast', not a number");
    }

    @Test
    void flagsTakeNoValue() {
        var o = new Options("x", new String[] {"--batch-norm", "--lr", "0.5"}, List.of("lr"), List.of("batch-norm", "verbose"));
        assertThat(o.has("batch-norm")).isTrue();
        assertThat(o.has("verbose")).isFalse();
        assertThat(o.number("lr", 0)).isEqualTo(0.5);
        assertThatThrownBy(() -> new Options("x", new String[] {"--nope"}, List.of("lr"), List.of("batch-norm")))
                .hasMessageContaining("--lr, --batch-norm");
    }
}
