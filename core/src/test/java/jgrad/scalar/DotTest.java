package jgrad.scalar;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class DotTest {
    /** L = (a*b + c) * f, the curriculum's first expression, after backward. */
    static Value expression() {
        Value a = Value.of(2).label("a"), b = Value.of(-3).label("b"), c = Value.of(10).label("c");
        Value f = Value.of(-2).label("f");
        Value loss = a.mul(b).label("e").add(c).label("d").mul(f).label("L");
        loss.backward();
        return loss;
    }

    private static int count(String text, String regex) {
        return (int) Pattern.compile(regex, Pattern.MULTILINE).matcher(text).results().count();
    }

    @Test
    void drawsOneBoxPerValueAndOneNodePerOp() {
        String dot = Dot.graph(expression());
        assertThat(dot).startsWith("digraph jgrad {").endsWith("}\n").contains("rankdir=LR;");
        assertThat(count(dot, "^  v\\d+ \\[shape=record")).isEqualTo(7);      // a b c f e d L
        assertThat(count(dot, "^  op\\d+ \\[shape=circle")).isEqualTo(3);     // * + *
        assertThat(count(dot, "^  op\\d+ -> v\\d+;")).isEqualTo(3);           // op -> its result
        assertThat(count(dot, "^  v\\d+ -> op\\d+;")).isEqualTo(6);           // two inputs per op
        assertThat(dot).contains("label=\"{ L | data -8.0000 | grad 1.0000 }\"");
        assertThat(dot).contains("label=\"{ a | data 2.0000 | grad 6.0000 }\"");
        assertThat(dot).contains("label=\"{ d | data 4.0000 | grad -2.0000 }\"");
        assertThat(dot).contains("label=\"*\"").contains("label=\"+\"");
    }

    @Test
    void edgesFollowTheGraph() {
        Value x = Value.of(1).label("x");
        Value y = x.tanh().label("y");
        String dot = Dot.graph(y);
        assertThat(dot).contains("v0 [shape=record, label=\"{ x |");
        assertThat(dot).contains("op1 [shape=circle, label=\"tanh\"];");
        assertThat(dot).contains("op1 -> v1;").contains("v0 -> op1;");
        assertThat(Dot.graph(y)).isEqualTo(dot); // deterministic
    }

    @Test
    void escapesRecordCharactersInLabels() {
        String dot = Dot.graph(Value.of(1).label("a|b{c}\"d"));
        assertThat(dot).contains("{ a\\|b\\{c\\}\\\"d | data 1.0000");
    }
}
