package jgrad.tensor;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The reverse-mode engine: orders the graph below a tensor, seeds it, calls each op's backward
 * once, sums each gradient back to its input's shape and accumulates gradients per tensor.
 *
 * <p>Gradients of leaves that require grad land in {@link Tensor#grad()} (accumulating across
 * calls); intermediate gradients are dropped when the pass ends. The graph is kept, so
 * backward may run again through the same graph.
 */
final class Backprop {
    private Backprop() {}

    /** Propagates {@code seed = dL/dRoot} to every leaf below {@code root} that requires grad. */
    static void run(Tensor root, Tensor seed) {
        if (root.isReleased()) {
            throw new IllegalStateException("backward: the graph was released when its Arena step closed; run backward inside the step");
        }
        // Lookup only (never iterated), keyed by identity: tensors do not override equals.
        Map<Tensor, Tensor> grads = new IdentityHashMap<>();
        // Sums this pass allocated itself: no op has seen them, so they may be added into in place.
        Set<Tensor> owned = Collections.newSetFromMap(new IdentityHashMap<>());
        grads.put(root, seed);
        try (var ignored = GradMode.off()) {
            for (Tensor node : topologicalOrder(root).reversed()) {
                Tensor gy = grads.remove(node);
                if (gy == null) continue; // no path from root carried a gradient here
                // NOTE: ownership ends here: a backward may hand gy itself to several inputs (Add).
                boolean mine = owned.remove(gy);
                Op op = node.creatorOrNull();
                if (op == null) {
                    node.accumulateGrad(gy, mine);
                    continue;
                }
                op.requireUnchanged();
                Tensor[] gxs = op.backward(gy);
                boolean fresh = op.freshGradients();
                List<Tensor> xs = op.inputs();
                if (gxs.length != xs.size()) {
                    throw new IllegalStateException(op.name() + ".backward returned " + gxs.length
                            + " gradients for " + xs.size() + " inputs");
                }
                for (int i = 0; i < gxs.length; i++) {
                    Tensor x = xs.get(i);
                    if (!x.requiresGrad() || gxs[i] == null) continue;
                    Tensor gx = sumTo(op, gxs[i], x);
                    Tensor prev = grads.get(x);
                    if (prev == null) {
                        grads.put(x, gx);
                        // A sum made here, or a fresh gradient of an op that promises them, is this
                        // pass's own: a leaf may keep it without a copy, a later sum may add into it.
                        if (gx != gxs[i] || (fresh && unshared(gxs, i, gy))) owned.add(gx);
                    } else if (owned.contains(prev)) {
                        prev.addInPlace(gx);
                    } else {
                        Tensor sum = prev.add(gx);
                        owned.add(sum);
                        grads.put(x, sum);
                    }
                }
            }
        }
    }

    /** True when {@code gxs[i]} shares its storage with neither {@code gy} nor an earlier gradient. */
    private static boolean unshared(Tensor[] gxs, int i, Tensor gy) {
        if (gxs[i].sharesStorage(gy)) return false;
        for (int j = 0; j < i; j++) {
            if (gxs[j] != null && gxs[j].sharesStorage(gxs[i])) return false;
        }
        return true;
    }

    /** Sums a gradient of a broadcast shape back to {@code x}'s shape (the adjoint of broadcasting). */
    private static Tensor sumTo(Op op, Tensor g, Tensor x) {
        if (g.dtype() != x.dtype()) {
            throw new IllegalStateException(op.name() + ".backward returned a " + g.dtype()
                    + " gradient for a " + x.dtype() + " input");
        }
        if (java.util.Arrays.equals(g.shapeRef(), x.shapeRef())) return g;
        if (!Shape.broadcastsTo(x.shapeRef(), g.shapeRef())) {
            throw new IllegalStateException(op.name() + ".backward returned a gradient of shape "
                    + Shape.str(g.shapeRef()) + " for an input of shape " + Shape.str(x.shapeRef()));
        }
        return g.sumTo(x.shapeRef());
    }

    /**
     * Tensors below {@code root} that require grad, inputs before outputs. Iterative, so a long
     * chain cannot overflow the call stack; the visited set is an identity set.
     */
    static List<Tensor> topologicalOrder(Tensor root) {
        record Frame(Tensor node, boolean inputsDone) {}
        List<Tensor> order = new ArrayList<>();
        Set<Tensor> seen = Collections.newSetFromMap(new IdentityHashMap<>());
        var stack = new ArrayDeque<Frame>();
        stack.push(new Frame(root, false));
        while (!stack.isEmpty()) {
            Frame f = stack.pop();
            if (f.inputsDone()) {
                order.add(f.node());
            } else if (seen.add(f.node())) {
                stack.push(new Frame(f.node(), true));
                Op op = f.node().creatorOrNull();
                if (op == null) continue;
                for (Tensor in : op.inputs()) {
                    if (in.requiresGrad()) stack.push(new Frame(in, false));
                }
            }
        }
        return order;
    }
}
