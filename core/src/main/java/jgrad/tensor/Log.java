package jgrad.tensor;

import jgrad.tensor.kernel.Elementwise;

/** Elementwise natural logarithm {@code y = ln x} ({@code ln 0 = -Infinity}). Backward: {@code dL/dx = gy / x}. */
final class Log extends Op {
    @Override
    protected Tensor forward(Tensor... xs) {
        return Unary.map(xs[0], Elementwise::log, Elementwise::log);
    }

    @Override
    boolean freshGradients() {
        return true;
    }

    @Override
    protected Tensor[] backward(Tensor gy) {
        return new Tensor[] {gy.div(input(0))};
    }
}
