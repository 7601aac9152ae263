package jgrad.nn;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.LinkedHashMap;
import java.util.Map;
import jgrad.tensor.DType;
import jgrad.tensor.Tensor;
import org.junit.jupiter.api.Test;

class LayerTest {
    /** y = x w + b, written with tensor ops only, so the test needs no other layer. */
    static final class Dense extends Layer {
        final Parameter w;
        final Parameter b;

        Dense(int in, int out, double start) {
            double[] v = new double[in * out];
            for (int i = 0; i < v.length; i++) v[i] = start + i;
            w = param("w", Tensor.of(v, in, out));
            b = param("b", Tensor.zeros(DType.FLOAT64, out));
        }

        @Override
        public Tensor forward(Tensor x) {
            return x.matmul(w).add(b);
        }
    }

    static final class Net extends Layer {
        final Dense fc1;
        final Dense fc2;
        final Tensor counter;

        Net() {
            fc1 = child("fc1", new Dense(2, 3, 0));
            counter = buffer("counter", Tensor.zeros(DType.FLOAT64, 1));
            fc2 = child("fc2", new Dense(3, 1, 10));
        }

        @Override
        public Tensor forward(Tensor x) {
            return fc2.forward(fc1.forward(x).relu());
        }
    }

    @Test
    void namesParametersDepthFirstInRegistrationOrder() {
        var net = new Net();
        assertThat(net.namedParameters().keySet()).containsExactly("fc1.w", "fc1.b", "fc2.w", "fc2.b");
        assertThat(net.parameters()).containsExactly(net.fc1.w, net.fc1.b, net.fc2.w, net.fc2.b);
        assertThat(net.stateDict().keySet()).containsExactly("counter", "fc1.w", "fc1.b", "fc2.w", "fc2.b");
        assertThat(net.parameters()).allMatch(Tensor::requiresGrad);
        assertThat(net.namedChildren().keySet()).containsExactly("fc1", "fc2");
    }

    @Test
    void sequentialNamesChildrenByIndex() {
        var seq = new Sequential(new Dense(2, 3, 0), new Relu(), new Dense(3, 1, 0));
        assertThat(seq.namedParameters().keySet()).containsExactly("0.w", "0.b", "2.w", "2.b");
        assertThat(seq.size()).isEqualTo(3);
        Tensor y = seq.forward(Tensor.of(new double[] {1, -1}, 1, 2));
        assertThat(y.shape()).containsExactly(1, 1);
        assertThat(seq.toString()).contains("(1): Relu()");
    }

    @Test
    void zeroGradClearsEveryParameter() {
        var net = new Net();
        net.forward(Tensor.of(new double[] {1, 2}, 1, 2)).sum().backward();
        assertThat(net.fc1.w.grad()).isNotNull();
        net.zeroGrad();
        assertThat(net.parameters()).allMatch(p -> p.grad() == null);
    }

    @Test
    void trainAndEvalReachEveryDescendant() {
        var net = new Net();
        assertThat(net.isTraining()).isTrue();
        net.eval();
        assertThat(net.fc1.isTraining()).isFalse();
        assertThat(net.train().isTraining()).isTrue();
        assertThat(net.fc2.isTraining()).isTrue();
    }

    @Test
    void stateDictRoundTripsAndIsASnapshot() {
        var a = new Net();
        var b = new Net();
        b.fc2.w.doubleData()[0] = 99;
        Map<String, Tensor> state = a.stateDict();
        a.fc1.w.doubleData()[0] = -7; // a snapshot: the saved value stays 0
        assertThat(state.get("fc1.w").toDoubleArray()[0]).isEqualTo(0);
        b.loadStateDict(state);
        assertThat(b.fc2.w.toDoubleArray()[0]).isEqualTo(10);
        assertThat(b.fc1.w.requiresGrad()).isTrue();
    }

    @Test
    void loadStateDictConvertsDtypes() {
        var net = new Net();
        var state = new LinkedHashMap<String, Tensor>(net.stateDict());
        state.put("fc2.b", Tensor.of(new float[] {2.5f}, 1));
        net.loadStateDict(state);
        assertThat(net.fc2.b.dtype()).isEqualTo(DType.FLOAT64);
        assertThat(net.fc2.b.toDoubleArray()).containsExactly(2.5);
    }

    @Test
    void loadStateDictNamesMissingUnexpectedAndMisshapedEntries() {
        var net = new Net();
        var state = new LinkedHashMap<String, Tensor>(net.stateDict());
        state.remove("fc1.b");
        state.put("fc3.w", Tensor.zeros(1));
        state.put("fc2.w", Tensor.zeros(DType.FLOAT64, 1, 3));
        double before = net.fc1.w.toDoubleArray()[1];
        state.put("fc1.w", Tensor.full(DType.FLOAT64, 5, 2, 3));
        assertThatThrownBy(() -> net.loadStateDict(state))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("missing [fc1.b]")
                .hasMessageContaining("unexpected [fc3.w]")
                .hasMessageContaining("fc2.w has shape [1, 3] but the layer expects [3, 1]");
        assertThat(net.fc1.w.toDoubleArray()[1]).as("nothing loaded on error").isEqualTo(before);
    }

    /** A cycle would make every walk over the tree (parameters, stateDict, train) recurse forever. */
    @Test
    void rejectsALayerThatWouldContainItself() {
        class Holder extends Layer {
            <L extends Layer> L add(String name, L layer) {
                return child(name, layer);
            }

            @Override
            public Tensor forward(Tensor x) {
                return x;
            }
        }
        var outer = new Holder();
        var inner = outer.add("inner", new Holder());
        assertThatThrownBy(() -> inner.add("back", outer)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("cannot contain itself");
        assertThatThrownBy(() -> outer.add("self", outer)).hasMessageContaining("cannot contain itself");
        assertThat(outer.namedChildren().keySet()).containsExactly("inner");
    }

    @Test
    void rejectsDuplicateAndDottedNames() {
        assertThatThrownBy(() -> new Layer() {
            {
                param("w", Tensor.zeros(1));
                param("w", Tensor.zeros(1));
            }

            @Override
            public Tensor forward(Tensor x) {
                return x;
            }
        }).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("'w' is already registered");
        assertThatThrownBy(() -> new Layer() {
            {
                child("a.b", new Relu());
            }

            @Override
            public Tensor forward(Tensor x) {
                return x;
            }
        }).hasMessageContaining("without '.'");
    }

    @Test
    void sharedParametersAreListedOnce() {
        var shared = new Dense(2, 2, 0);
        var seq = new Sequential(shared, shared);
        assertThat(seq.parameters()).hasSize(2);
        assertThat(seq.namedParameters().keySet()).containsExactly("0.w", "0.b");
    }

    @Test
    void parameterCopiesItsSourceAndRequiresGrad() {
        Tensor src = Tensor.of(new float[] {1, 2}, 2);
        var p = new Parameter(src);
        src.floatData()[0] = 9;
        assertThat(p.toFloatArray()).containsExactly(1, 2);
        assertThat(p.requiresGrad()).isTrue();
        assertThat(p.isLeaf()).isTrue();
    }
}
