package jgrad.data;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * Loads a table of numbers from a CSV file with a header line, one example per line, e.g. the
 * iris data shipped as {@code data/iris.csv}.
 *
 * <p>Fields are separated by commas; a field may be quoted with {@code "} (a doubled quote inside
 * stands for one). Blank lines are skipped. Every column other than the label column must hold
 * numbers. A bad file gives an {@link IOException} naming the file, the line and the column.
 */
public final class Csv {
    private static final Pattern DECIMAL = Pattern.compile("[+-]?(\\d+\\.?\\d*|\\.\\d+)([eE][+-]?\\d+)?");

    private Csv() {}

    /**
     * Loads a classification table: the column named {@code labelColumn} holds the class of each
     * row, all other columns are the features, in file order.
     *
     * <p>If every label is a non-negative integer, it is the class index itself; otherwise the
     * distinct labels, sorted, are the classes (their index is their position, see
     * {@link ArrayDataset#classNames()}).
     *
     * @param file the CSV file
     * @param labelColumn the header name of the label column
     * @throws IOException if the file cannot be read, the column is missing, or a value is bad
     */
    public static ArrayDataset load(Path file, String labelColumn) throws IOException {
        Table t = read(file, labelColumn);
        List<String> names;
        int[] labels = new int[t.rows()];
        if (t.labels.stream().allMatch(s -> s.matches("\\d{1,9}"))) {
            int classes = 0;
            for (int i = 0; i < labels.length; i++) {
                labels[i] = Integer.parseInt(t.labels.get(i));
                classes = Math.max(classes, labels[i] + 1);
            }
            names = new ArrayList<>();
            for (int c = 0; c < classes; c++) names.add(Integer.toString(c));
        } else {
            names = List.copyOf(new TreeSet<>(t.labels));
            for (int i = 0; i < labels.length; i++) labels[i] = names.indexOf(t.labels.get(i));
        }
        return ArrayDataset.labeled(t.features(), new int[] {t.width()}, labels, names);
    }

    /**
     * Loads a regression table: the numeric column named {@code targetColumn} is the target,
     * all other columns are the features, in file order.
     *
     * @throws IOException if the file cannot be read, the column is missing, or a value is bad
     */
    public static ArrayDataset loadRegression(Path file, String targetColumn) throws IOException {
        Table t = read(file, targetColumn);
        double[][] x = new double[t.rows()][];
        double[][] y = new double[t.rows()][1];
        float[] flat = t.features();
        for (int i = 0; i < x.length; i++) {
            x[i] = new double[t.width()];
            for (int j = 0; j < t.width(); j++) x[i][j] = flat[i * t.width() + j];
            y[i][0] = parse(t.labels.get(i), file, t.labelLines.get(i), targetColumn, t.labelIndex);
        }
        return ArrayDataset.withTargets(x, y);
    }

    /** Parsed rows: numeric features and the raw text of the label column. */
    private record Table(List<float[]> rowsOfFeatures, List<String> labels, List<Integer> labelLines, int labelIndex,
                         int width) {
        int rows() { return labels.size(); }

        float[] features() {
            int w = width();
            float[] flat = new float[Math.multiplyExact(rows(), w)];
            for (int i = 0; i < rows(); i++) System.arraycopy(rowsOfFeatures.get(i), 0, flat, i * w, w);
            return flat;
        }
    }

    private static Table read(Path file, String labelColumn) throws IOException {
        try (BufferedReader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            String headerLine = in.readLine();
            if (headerLine == null) throw new IOException(file + ": empty file, expected a header line");
            if (headerLine.startsWith("\uFEFF")) headerLine = headerLine.substring(1); // byte order mark
            List<String> header = split(headerLine, file, 1).stream().map(String::strip).toList();
            int labelIndex = header.indexOf(labelColumn);
            if (labelIndex < 0) {
                throw new IOException(file + ": no column named '" + labelColumn + "' in the header " + header);
            }
            for (int j = 0; j < header.size(); j++) {
                if (header.lastIndexOf(header.get(j)) != j) {
                    throw new IOException(file + ":1: column name '" + header.get(j) + "' appears twice in the header " + header);
                }
            }
            List<float[]> features = new ArrayList<>();
            List<String> labels = new ArrayList<>();
            List<Integer> lines = new ArrayList<>();
            int lineNo = 1;
            for (String line = in.readLine(); line != null; line = in.readLine()) {
                lineNo++;
                if (line.isBlank()) continue;
                List<String> fields = split(line, file, lineNo);
                if (fields.size() != header.size()) {
                    throw new IOException(file + ":" + lineNo + ": " + fields.size() + " fields, the header has "
                            + header.size());
                }
                float[] row = new float[header.size() - 1];
                for (int j = 0, k = 0; j < fields.size(); j++) {
                    if (j == labelIndex) continue;
                    row[k++] = (float) parse(fields.get(j), file, lineNo, header.get(j), j);
                }
                String label = fields.get(labelIndex).strip();
                if (label.isEmpty()) {
                    throw new IOException(file + ":" + lineNo + ": column '" + labelColumn + "' (" + (labelIndex + 1)
                            + ") is empty (missing label or target)");
                }
                features.add(row);
                labels.add(label);
                lines.add(lineNo);
            }
            return new Table(features, labels, lines, labelIndex, header.size() - 1);
        }
    }

    private static double parse(String field, Path file, int lineNo, String column, int index) throws IOException {
        String s = field.strip();
        // NOTE: Double.parseDouble alone also takes "2d", "1f", hex floats and "Infinity"
        if (DECIMAL.matcher(s).matches()) {
            double v = Double.parseDouble(s);
            if (Double.isFinite(v)) return v;
        }
        throw new IOException(file + ":" + lineNo + ": column '" + column + "' (" + (index + 1) + "): '" + s
                + "' is not a finite number");
    }

    /** Splits one line at commas, honouring {@code "quoted, fields"}. */
    static List<String> split(String line, Path file, int lineNo) throws IOException {
        List<String> out = new ArrayList<>();
        StringBuilder field = new StringBuilder();
        boolean quoted = false;
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (quoted) {
                if (c != '"') {
                    field.append(c);
                } else if (i + 1 < line.length() && line.charAt(i + 1) == '"') {
                    field.append('"');
                    i++;
                } else {
                    quoted = false;
                }
            } else if (c == '"') {
                quoted = true;
            } else if (c == ',') {
                out.add(field.toString());
                field.setLength(0);
            } else {
                field.append(c);
            }
        }
        if (quoted) throw new IOException(file + ":" + lineNo + ": unterminated quoted field");
        out.add(field.toString());
        return out;
    }
}
