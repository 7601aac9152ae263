package jgrad.tensor;

import java.util.SplittableRandom;
import jgrad.scalar.Value;
import jgrad.testing.Close;
import org.junit.jupiter.api.Test;

/**
 * The same small graphs built with the scalar engine ({@link Value}, the pure-Java oracle) and with
 * {@link Tensor} in float64 must agree on the loss and every gradient.
 */
class CrossEngineTest {
    private final SplittableRandom rng = new SplittableRandom(2024);

    private Value[] values(Tensor t) {
        double[] v = t.toDoubleArray();
        Value[] out = new Value[v.length];
        for (int i = 0; i < v.length; i++) out[i] = Value.of(v[i]);
        return out;
    }

    private static double[] grads(Value[] vs) {
        double[] g = new double[vs.length];
        for (int i = 0; i < vs.length; i++) g[i] = vs[i].grad();
        return g;
    }

    @Test
    void elementwiseGraphWithBroadcastingAgrees() {
        int n = 6;
        Tensor a = Tensor.randn(rng, DType.FLOAT64, n).requiresGrad(true);
        Tensor b = Tensor.randn(rng, DType.FLOAT64, n).requiresGrad(true);
        Tensor c = Tensor.randn(rng, DType.FLOAT64, 1).requiresGrad(true);
        Value[] va = values(a), vb = values(b), vc = values(c);

        // L = sum_i tanh(a b + c)^2 + sigmoid(a - b) e^c + log(b^2 + 1) + relu(a) / (b^2 + 1) - a^3 / 4
        Tensor b2 = b.pow(2).add(1);
        Tensor t = a.mul(b).add(c).tanh().pow(2)
                .add(a.sub(b).sigmoid().mul(c.exp()))
                .add(b2.log())
                .add(a.relu().div(b2))
                .sub(a.pow(3).div(4))
                .sum();
        t.backward();

        Value sum = Value.of(0);
        for (int i = 0; i < n; i++) {
            Value vb2 = vb[i].pow(2).add(1);
            Value term = va[i].mul(vb[i]).add(vc[0]).tanh().pow(2)
                    .add(va[i].sub(vb[i]).sigmoid().mul(vc[0].exp()))
                    .add(vb2.log())
                    .add(va[i].relu().div(vb2))
                    .sub(va[i].pow(3).div(4));
            sum = sum.add(term);
        }
        sum.backward();

        Close.assertClose(new double[] {t.item()}, new double[] {sum.data()}, 1e-12, 1e-12, "loss ");
        Close.assertClose(a.grad().toDoubleArray(), grads(va), 1e-10, 1e-12, "dL/da ");
        Close.assertClose(b.grad().toDoubleArray(), grads(vb), 1e-10, 1e-12, "dL/db ");
        Close.assertClose(c.grad().toDoubleArray(), grads(vc), 1e-10, 1e-12, "dL/dc ");
    }

    @Test
    void twoLayerPerceptronWithMatmulAgrees() {
        int n = 4, in = 3, hidden = 5, out = 2;
        Tensor x = Tensor.randn(rng, DType.FLOAT64, n, in);
        Tensor w1 = Tensor.randn(rng, DType.FLOAT64, in, hidden).requiresGrad(true);
        Tensor b1 = Tensor.randn(rng, DType.FLOAT64, hidden).requiresGrad(true);
        Tensor w2 = Tensor.randn(rng, DType.FLOAT64, out, hidden).requiresGrad(true);
        Tensor b2 = Tensor.randn(rng, DType.FLOAT64, out).requiresGrad(true);
        Tensor target = Tensor.randn(rng, DType.FLOAT64, n, out);

        // mean squared error of tanh(x W1 + b1) W2ᵀ + b2 against the target
        Tensor y = x.matmul(w1).add(b1).tanh().matmulTransposed(w2).add(b2);
        Tensor loss = y.sub(target).pow(2).mean();
        loss.backward();

        Value[] vx = values(x), vw1 = values(w1), vb1 = values(b1), vw2 = values(w2), vb2 = values(b2);
        double[] tv = target.toDoubleArray();
        Value sum = Value.of(0);
        for (int r = 0; r < n; r++) {
            Value[] h = new Value[hidden];
            for (int j = 0; j < hidden; j++) {
                Value s = vb1[j];
                for (int k = 0; k < in; k++) s = s.add(vx[r * in + k].mul(vw1[k * hidden + j]));
                h[j] = s.tanh();
            }
            for (int o = 0; o < out; o++) {
                Value s = vb2[o];
                for (int j = 0; j < hidden; j++) s = s.add(h[j].mul(vw2[o * hidden + j]));
                sum = sum.add(s.sub(tv[r * out + o]).pow(2));
            }
        }
        Value vloss = sum.div(n * out);
        vloss.backward();

        Close.assertClose(new double[] {loss.item()}, new double[] {vloss.data()}, 1e-12, 1e-14, "loss ");
        Close.assertClose(w1.grad().toDoubleArray(), grads(vw1), 1e-10, 1e-13, "dL/dW1 ");
        Close.assertClose(b1.grad().toDoubleArray(), grads(vb1), 1e-10, 1e-13, "dL/db1 ");
        Close.assertClose(w2.grad().toDoubleArray(), grads(vw2), 1e-10, 1e-13, "dL/dW2 ");
        Close.assertClose(b2.grad().toDoubleArray(), grads(vb2), 1e-10, 1e-13, "dL/db2 ");
    }
}
