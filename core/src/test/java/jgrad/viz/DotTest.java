package jgrad.viz;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.LinkedHashMap;
import java.util.Map;
import jgrad.manual.AddLayer;
import jgrad.manual.MulLayer;
import jgrad.tensor.Tensor;
import org.junit.jupiter.api.Test;

class DotTest {
    @Test
    void drawsATensorGraphWithOpsShapesAndNamedParameters() {
        Tensor x = Tensor.of(new float[] {1, 2, 3, 4, 5, 6}, 2, 3);
        Tensor w = Tensor.of(new float[] {1, -1, 0.5f, 2, -2, 1}, 3, 2).requiresGrad(true);
        Tensor b = Tensor.of(new float[] {0.5f, -0.5f}, 2).requiresGrad(true);
        Tensor loss = x.matmul(w).add(b).relu().sum().mul(0.5);
        var names = new LinkedHashMap<String, Tensor>();
        names.put("x", x);
        names.put("fc.weight", w);
        names.put("fc.bias", b);
        String dot = Dot.graph(loss, names);
        assertThat(dot).isEqualTo("""
                digraph jgrad {
                  rankdir=LR;
                  node [fontname="Helvetica", fontsize=11];
                  edge [fontname="Helvetica", fontsize=10];
                  n0 [shape=box, style="rounded,filled", fillcolor="#eeeeee", label="x\\nfloat32 [2, 3]"];
                  n1 [shape=box, style="rounded,filled", fillcolor="#dbe9f6", label="fc.weight\\nfloat32 [3, 2]"];
                  n2 [shape=ellipse, style=filled, fillcolor="#fde9c9", label="matmul\\n[2, 2]"];
                  n0 -> n2;
                  n1 -> n2;
                  n3 [shape=box, style="rounded,filled", fillcolor="#dbe9f6", label="fc.bias\\nfloat32 [2]"];
                  n4 [shape=ellipse, style=filled, fillcolor="#fde9c9", label="add\\n[2, 2]"];
                  n2 -> n4;
                  n3 -> n4;
                  n5 [shape=ellipse, style=filled, fillcolor="#fde9c9", label="relu\\n[2, 2]"];
                  n4 -> n5;
                  n6 [shape=ellipse, style=filled, fillcolor="#fde9c9", label="sum\\n[]"];
                  n5 -> n6;
                  n7 [shape=box, style="rounded,filled", fillcolor="#eeeeee", label="0.5\\nfloat32 []"];
                  n8 [shape=ellipse, style=filled, fillcolor="#fde9c9", penwidth=2, label="mul\\n[]\\n= 8.5"];
                  n6 -> n8;
                  n7 -> n8;
                }
                """);
        assertThat(Dot.graph(loss, names)).isEqualTo(dot); // deterministic
    }

    @Test
    void aTensorUsedTwiceIsOneNodeWithTwoEdges() {
        Tensor x = Tensor.of(new float[] {1, 2}, 2).requiresGrad(true);
        Tensor y = x.mul(x).sum();
        String dot = Dot.graph(y);
        assertThat(dot).contains("n0 [shape=box, style=\"rounded,filled\", fillcolor=\"#dbe9f6\", label=\"leaf\\nfloat32 [2]\"];");
        assertThat(dot.split("n0 -> n1;", -1)).hasSize(3);
    }

    /** The curriculum's shopping example (ゼロつく ch. 5) on the hand-written layers. */
    static LayerGraph shopping() {
        var mulApple = new MulLayer();
        var mulOrange = new MulLayer();
        var addFruit = new AddLayer();
        var mulTax = new MulLayer();
        Tensor apple = Tensor.scalar(100), appleCount = Tensor.scalar(2);
        Tensor orange = Tensor.scalar(150), orangeCount = Tensor.scalar(3), tax = Tensor.scalar(1.1);
        Tensor applePrice = mulApple.forward(apple, appleCount);
        Tensor orangePrice = mulOrange.forward(orange, orangeCount);
        Tensor fruitPrice = addFruit.forward(applePrice, orangePrice);
        Tensor price = mulTax.forward(fruitPrice, tax);
        Tensor[] dFruitTax = mulTax.backward(Tensor.scalar(1));
        Tensor[] dApplesOranges = addFruit.backward(dFruitTax[0]);
        Tensor[] dApple = mulApple.backward(dApplesOranges[0]);
        Tensor[] dOrange = mulOrange.backward(dApplesOranges[1]);

        var g = new LayerGraph();
        var a = g.input("apple", apple);
        var n = g.input("apple count", appleCount);
        var o = g.input("orange", orange);
        var m = g.input("orange count", orangeCount);
        var t = g.input("tax", tax);
        var ap = g.layer("×", "apple price", applePrice, a, n);
        var op = g.layer("×", "orange price", orangePrice, o, m);
        var fp = g.layer("+", "fruit price", fruitPrice, ap, op);
        var p = g.layer("×", "price", price, fp, t);
        g.gradient(p, 1).gradient(fp, dFruitTax[0]).gradient(t, dFruitTax[1])
                .gradient(ap, dApplesOranges[0]).gradient(op, dApplesOranges[1])
                .gradient(a, dApple[0]).gradient(n, dApple[1]).gradient(o, dOrange[0]).gradient(m, dOrange[1]);
        return g;
    }

    @Test
    void drawsTheShoppingGraphWithValuesForwardAndGradientsBackward() {
        String dot = Dot.graph(shopping());
        assertThat(dot).isEqualTo("""
                digraph jgrad {
                  rankdir=LR;
                  ordering=in;
                  node [fontname="Helvetica", fontsize=11];
                  edge [fontname="Helvetica", fontsize=10];
                  labelloc=b;
                  fontname="Helvetica";
                  fontsize=10;
                  label="forward values in black, gradients d(output)/d(value) in red";
                  in0 [shape=plaintext, label="apple"];
                  in1 [shape=plaintext, label="apple count"];
                  in2 [shape=plaintext, label="orange"];
                  in3 [shape=plaintext, label="orange count"];
                  in4 [shape=plaintext, label="tax"];
                  layer5 [shape=circle, label="×"];
                  layer6 [shape=circle, label="×"];
                  layer7 [shape=circle, label="+"];
                  layer8 [shape=circle, label="×"];
                  in0 -> layer5 [label=<100<br/><font color="#c0392b">2.2</font>>];
                  in1 -> layer5 [label=<2<br/><font color="#c0392b">110</font>>];
                  in2 -> layer6 [label=<150<br/><font color="#c0392b">3.3</font>>];
                  in3 -> layer6 [label=<3<br/><font color="#c0392b">165</font>>];
                  layer5 -> layer7 [label=<<font point-size="9" color="#666666">apple price</font><br/>200<br/><font color="#c0392b">1.1</font>>];
                  layer6 -> layer7 [label=<<font point-size="9" color="#666666">orange price</font><br/>450<br/><font color="#c0392b">1.1</font>>];
                  layer7 -> layer8 [label=<<font point-size="9" color="#666666">fruit price</font><br/>650<br/><font color="#c0392b">1.1</font>>];
                  in4 -> layer8 [label=<1.1<br/><font color="#c0392b">650</font>>];
                  out8 [shape=plaintext, label="price"];
                  layer8 -> out8 [label=<715<br/><font color="#c0392b">1</font>>];
                }
                """);
    }

    @Test
    void drawsValuesWithoutGradientsBeforeBackward() {
        var g = new LayerGraph();
        var x = g.input("x", Tensor.of(new float[] {1, 2}, 2));
        g.layer("ReLU", "y", Tensor.of(new float[] {1, 2}, 2), x);
        assertThat(Dot.graph(g)).contains("in0 -> layer1 [label=<[1, 2]>];")
                .contains("layer1 [shape=box, style=rounded, label=\"ReLU\"];")
                .contains("layer1 -> out1 [label=<[1, 2]>];");
    }

    @Test
    void rejectsEdgesFromAnotherGraph() {
        var g = new LayerGraph();
        var other = new LayerGraph().input("x", 1);
        g.input("y", 2);
        assertThatThrownBy(() -> g.layer("+", "z", 3, other)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("not from this graph");
        assertThatThrownBy(() -> g.layer("+", "z", 3)).hasMessageContaining("no inputs");
    }

    @Test
    void numbersReadAsAPersonWritesThem() {
        assertThat(Dot.number(715.00006103515625)).isEqualTo("715");
        assertThat(Dot.number(2.2000000476837)).isEqualTo("2.2");
        assertThat(Dot.number(100)).isEqualTo("100");
        assertThat(Dot.number(-0.125)).isEqualTo("-0.125");
        assertThat(Dot.number(1e-9)).isEqualTo("1.0000e-09");
        assertThat(Dot.number(Map.of("a", 1).size())).isEqualTo("1");
    }
}
