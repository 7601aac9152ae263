package jgrad.tensor;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import jgrad.tensor.kernel.Parallel;
import jgrad.testing.Close;
import org.junit.jupiter.api.Test;

/** The same forward and backward pass with 1 and 2 kernel threads gives bit-identical numbers. */
class ThreadDeterminismTest {
    /** Loss and gradients of a float32 MLP large enough for the kernels to split work. */
    private static List<Tensor> run(DType dtype) {
        SplittableRandom rng = new SplittableRandom(7);
        Tensor x = Tensor.randn(rng, dtype, 64, 300);
        Tensor w1 = Tensor.randn(rng, dtype, 300, 128).mul(0.05).detach().requiresGrad(true);
        Tensor b1 = Tensor.randn(rng, dtype, 128).requiresGrad(true);
        Tensor w2 = Tensor.randn(rng, dtype, 10, 128).mul(0.05).detach().requiresGrad(true);
        Tensor seq = Tensor.randn(rng, dtype, 4, 33, 65).requiresGrad(true);
        Tensor h = x.matmul(w1).add(b1).relu();
        Tensor y = h.matmulTransposed(w2).sigmoid();
        Tensor z = seq.matmul(seq.transpose(1, 2)).tanh();
        Tensor loss = y.sum().add(z.mean()).add(h.sum(0, false).pow(2).mean());
        loss.backward();
        List<Tensor> out = new ArrayList<>(List.of(loss.detach()));
        for (Tensor t : List.of(w1, b1, w2, seq)) out.add(t.grad());
        return out;
    }

    @Test
    void oneAndTwoThreadsAgreeBitForBit() {
        for (DType dtype : DType.values()) {
            List<List<Tensor>> results = new ArrayList<>();
            Parallel.withThreads(1, () -> results.add(run(dtype)));
            Parallel.withThreads(2, () -> results.add(run(dtype)));
            for (int i = 0; i < results.get(0).size(); i++) {
                Close.assertIdentical(results.get(1).get(i), results.get(0).get(i));
            }
        }
    }
}
