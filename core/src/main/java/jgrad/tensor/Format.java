package jgrad.tensor;

import java.util.Locale;

/**
 * PyTorch-style printing for {@link Tensor#toString()}: {@code tensor([[1., 2.], ...])} with one
 * shared number format, nested brackets aligned, and {@code ...} when a tensor has more than
 * 1000 elements (3 items kept at each edge). Like torch 1.13's {@code _tensor_str}: the column
 * width comes from the nonzero finite values, and rows wrap to 80 characters.
 */
final class Format {
    private static final int SUMMARIZE_ABOVE = 1000;
    private static final int EDGE = 3;
    private static final int LINE_WIDTH = 80;

    private Format() {}

    static String tensor(Tensor t) {
        StringBuilder sb = new StringBuilder("tensor(");
        int[] shape = t.shapeRef();
        double[] v = t.toDoubleArray();
        if (v.length == 0) {
            sb.append("[]");
            if (shape.length != 1) sb.append(", size=").append(Shape.str(shape).replace('[', '(').replace(']', ')'));
        } else {
            boolean summarize = v.length > SUMMARIZE_ABOVE;
            String style = style(v);
            int width = 1;
            for (double x : v) if (x != 0 && Double.isFinite(x)) width = Math.max(width, number(x, style).length());
            block(sb, v, shape, 0, 0, Shape.strides(shape), summarize, style, width);
        }
        if (t.dtype() == DType.FLOAT64) sb.append(", dtype=float64");
        if (t.creatorOrNull() != null) sb.append(", creator=").append(t.creatorOrNull().getClass().getSimpleName());
        else if (t.requiresGrad()) sb.append(", requiresGrad=true");
        return sb.append(')').toString();
    }

    private static void block(StringBuilder sb, double[] v, int[] shape, int dim, int off, int[] strides,
                              boolean summarize, String style, int width) {
        if (shape.length == 0) {
            sb.append(number(v[0], style).strip());
            return;
        }
        int n = shape[dim];
        boolean last = dim == shape.length - 1;
        String sep = last ? ", " : "," + "\n".repeat(shape.length - dim - 1) + " ".repeat(8 + dim);
        // a row holds (80 - indent) / (width + 2) numbers, as torch's _vector_str ("..." counts as one)
        int perLine = Math.max(1, (LINE_WIDTH - 7 - dim) / (width + 2)), column = 0;
        sb.append('[');
        for (int i = 0; i < n; i++) {
            if (summarize && n > 2 * EDGE && i == EDGE) {
                if (last) wrap(sb, column++, perLine, dim);
                sb.append(last ? " ..." : "...").append(sep);
                i = n - EDGE;
            }
            if (last) wrap(sb, column++, perLine, dim);
            if (last) sb.append(pad(number(v[off + i * strides[dim]], style), width));
            else block(sb, v, shape, dim + 1, off + i * strides[dim], strides, summarize, style, width);
            if (i < n - 1) sb.append(sep);
        }
        sb.append(']');
    }

    /** Starts a new line (replacing the space after the comma) when {@code column} begins a row. */
    private static void wrap(StringBuilder sb, int column, int perLine, int dim) {
        if (column > 0 && column % perLine == 0) {
            sb.setLength(sb.length() - 1);
            sb.append('\n').append(" ".repeat(8 + dim));
        }
    }

    /** "int" when every finite value is a small integer, "sci" for a wide range, else "fixed". */
    private static String style(double[] v) {
        boolean integral = true;
        double maxAbs = 0, minAbs = Double.POSITIVE_INFINITY;
        for (double x : v) {
            if (!Double.isFinite(x)) continue;
            integral &= x == Math.rint(x);
            double a = Math.abs(x);
            maxAbs = Math.max(maxAbs, a);
            if (a > 0) minAbs = Math.min(minAbs, a);
        }
        boolean wide = maxAbs > 1e8 || maxAbs / minAbs > 1000;
        if (integral) return wide ? "sci" : "int";
        if (wide || minAbs < 1e-4) return "sci";
        return "fixed";
    }

    private static String number(double x, String style) {
        if (Double.isNaN(x)) return "nan";
        if (Double.isInfinite(x)) return x > 0 ? "inf" : "-inf";
        return switch (style) {
            case "int" -> String.format(Locale.ROOT, "%.0f.", x);
            case "sci" -> String.format(Locale.ROOT, "%.4e", x);
            default -> String.format(Locale.ROOT, "%.4f", x);
        };
    }

    private static String pad(String s, int width) {
        return s.length() >= width ? s : " ".repeat(width - s.length()) + s;
    }
}
