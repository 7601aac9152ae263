package jgrad.data;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import jgrad.tensor.Tensor;
import java.util.regex.Pattern;

/**
 * Loads a table of numbers from a CSV file with a header line, one example per line, e.g. the
 * iris data shipped as {@code data/iris.csv}.
 *
 * <p>Fields are separated by commas; a field may be quoted with {@code "} (a doubled quote inside
 * stands for one). Blank lines are skipped. Every feature column must hold numbers; columns that
 * are neither the label nor a wanted feature are not read. A bad file gives an
 * {@link IOException} naming the file, the line and the column.
 *
 * <p>Class names: if every label is a non-negative integer, the label is the class index itself
 * (classes {@code 0 .. max}, named by their numbers); else if every label is a number, the
 * distinct labels sorted by value are the classes; otherwise the distinct labels sorted as text
 * ({@link String#compareTo}). Sorting (rather than order of appearance) gives the same classes for
 * any order of the rows, so a training file and a test file agree.
 */
public final class Csv {
    private static final Pattern DECIMAL = Pattern.compile("[+-]?(\\d+\\.?\\d*|\\.\\d+)([eE][+-]?\\d+)?");
    private static final Pattern INDEX = Pattern.compile("\\d{1,9}");

    private Csv() {}

    /**
     * The column names of the header line of {@code file}.
     *
     * @param file the CSV file, with a header line
     * @return the names, in file order
     * @throws IOException if the file cannot be read, is empty or repeats a column name
     */
    public static List<String> header(Path file) throws IOException {
        try (BufferedReader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            return header(in, file);
        }
    }

    /**
     * Loads a classification table: the column named {@code labelColumn} holds the class of each
     * row, all other columns are the features, in file order (their names are kept, see
     * {@link ArrayDataset#featureNames()}). The classes are derived from the labels as the class
     * comment says ({@link ArrayDataset#classNames()}).
     *
     * @param file the CSV file
     * @param labelColumn the header name of the label column
     * @return the examples, features float32 in file order of the rows
     * @throws IOException if the file cannot be read, the column is missing, or a value is bad
     */
    public static ArrayDataset load(Path file, String labelColumn) throws IOException {
        return load(file, labelColumn, List.of(), List.of());
    }

    /**
     * Loads a classification table for a model that knows its features and classes: the feature
     * columns are picked by name in the order of {@code featureNames} (other columns are not
     * read), and each label is mapped to its position in {@code classNames}.
     *
     * @param file the CSV file, with a header line
     * @param labelColumn the header name of the label column
     * @param featureNames the feature columns, in order; empty: all columns but the label, in file order
     * @param classNames the classes, in index order; empty: derived from the labels (class comment)
     * @return the examples, features float32 in file order of the rows
     * @throws IOException if the file cannot be read, a column is missing, a value is bad, or a
     *     label is not one of {@code classNames} (the message names the file and the line)
     */
    public static ArrayDataset load(Path file, String labelColumn, List<String> featureNames, List<String> classNames)
            throws IOException {
        Table t = read(file, labelColumn, featureNames);
        List<String> names = classNames.isEmpty() ? classNames(t.labels) : List.copyOf(classNames);
        Map<String, Integer> index = new LinkedHashMap<>();
        for (int c = 0; c < names.size(); c++) index.put(names.get(c), c);
        boolean byNumber = classNames.isEmpty() && t.labels.stream().allMatch(l -> INDEX.matcher(l).matches());
        int[] labels = new int[t.rows()];
        for (int i = 0; i < labels.length; i++) {
            String label = t.labels.get(i);
            Integer c = byNumber ? Integer.valueOf(Integer.parseInt(label)) : index.get(label);
            if (c == null && INDEX.matcher(label).matches()) c = index.get(Integer.toString(Integer.parseInt(label)));
            if (c == null) {
                throw new IOException(file + ":" + t.labelLines.get(i) + ": label '" + label + "' in column '"
                        + labelColumn + "' is not one of the classes " + names);
            }
            labels[i] = c;
        }
        return ArrayDataset.labeled(t.features(), new int[] {t.featureNames.size()}, labels, names)
                .withFeatureNames(t.featureNames);
    }

    /**
     * Reads only the feature columns named {@code featureNames} (in that order; a label column,
     * if any, and other columns are not read): the input of a trained model, e.g. for predicting.
     *
     * @param file the CSV file, with a header line
     * @param featureNames the feature columns to read, in the model's order
     * @return a float32 tensor of shape (rows, features)
     * @throws IOException if the file cannot be read, a column is missing or a value is bad
     */
    public static Tensor features(Path file, List<String> featureNames) throws IOException {
        if (featureNames.isEmpty()) throw new IllegalArgumentException("Csv.features: no feature names given");
        Table t = read(file, null, featureNames);
        return Tensor.of(t.features(), t.rows(), featureNames.size());
    }

    /** The classes of {@code labels}, derived as the class comment says. */
    static List<String> classNames(List<String> labels) {
        if (labels.stream().allMatch(l -> INDEX.matcher(l).matches())) {
            int classes = labels.stream().mapToInt(Integer::parseInt).max().orElse(-1) + 1;
            List<String> names = new ArrayList<>();
            for (int c = 0; c < classes; c++) names.add(Integer.toString(c));
            return List.copyOf(names);
        }
        if (labels.stream().allMatch(l -> DECIMAL.matcher(l).matches())) {
            TreeSet<String> byValue = new TreeSet<>(Comparator.<String>comparingDouble(Double::parseDouble)
                    .thenComparing(Comparator.naturalOrder()));
            byValue.addAll(labels);
            return List.copyOf(byValue);
        }
        return List.copyOf(new TreeSet<>(labels));
    }

    /**
     * Loads a regression table: the numeric column named {@code targetColumn} is the target,
     * all other columns are the features, in file order.
     *
     * @param file the CSV file, with a header line
     * @param targetColumn the header name of the target column
     * @return the examples, features and target float32
     * @throws IOException if the file cannot be read, the column is missing, or a value is bad
     */
    public static ArrayDataset loadRegression(Path file, String targetColumn) throws IOException {
        Table t = read(file, targetColumn, List.of());
        int width = t.featureNames.size();
        double[][] x = new double[t.rows()][];
        double[][] y = new double[t.rows()][1];
        float[] flat = t.features();
        for (int i = 0; i < x.length; i++) {
            x[i] = new double[width];
            for (int j = 0; j < width; j++) x[i][j] = flat[i * width + j];
            y[i][0] = parse(t.labels.get(i), file, t.labelLines.get(i), targetColumn, t.labelIndex);
        }
        return ArrayDataset.withTargets(x, y).withFeatureNames(t.featureNames);
    }

    /** Parsed rows: numeric features, their column names, and the raw text of the label column. */
    private record Table(List<float[]> rowsOfFeatures, List<String> featureNames, List<String> labels,
                         List<Integer> labelLines, int labelIndex) {
        int rows() { return rowsOfFeatures.size(); }

        float[] features() {
            int w = featureNames.size();
            float[] flat = new float[Math.multiplyExact(rows(), w)];
            for (int i = 0; i < rows(); i++) System.arraycopy(rowsOfFeatures.get(i), 0, flat, i * w, w);
            return flat;
        }
    }

    private static List<String> header(BufferedReader in, Path file) throws IOException {
        String headerLine = in.readLine();
        if (headerLine == null) throw new IOException(file + ": empty file, expected a header line");
        if (headerLine.startsWith("\uFEFF")) headerLine = headerLine.substring(1); // byte order mark
        List<String> header = split(headerLine, file, 1).stream().map(String::strip).toList();
        for (int j = 0; j < header.size(); j++) {
            if (header.lastIndexOf(header.get(j)) != j) {
                throw new IOException(file + ":1: column name '" + header.get(j) + "' appears twice in the header " + header);
            }
        }
        return header;
    }

    /**
     * Reads the rows; {@code labelColumn} null for none; {@code wanted} the feature columns by
     * name, or empty for all columns but the label.
     */
    private static Table read(Path file, String labelColumn, List<String> wanted) throws IOException {
        try (BufferedReader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            List<String> header = header(in, file);
            int labelIndex = labelColumn == null ? -1 : header.indexOf(labelColumn);
            if (labelColumn != null && labelIndex < 0) {
                throw new IOException(file + ": no column named '" + labelColumn + "' in the header " + header);
            }
            List<String> names = wanted.isEmpty()
                    ? header.stream().filter(h -> !h.equals(labelColumn)).toList() : List.copyOf(wanted);
            int[] columns = new int[names.size()];
            for (int k = 0; k < columns.length; k++) {
                columns[k] = header.indexOf(names.get(k));
                if (columns[k] < 0 || columns[k] == labelIndex) {
                    throw new IOException(file + ": no feature column named '" + names.get(k) + "' in the header "
                            + header + " (the features needed are " + names + ")");
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
                float[] row = new float[columns.length];
                for (int k = 0; k < columns.length; k++) {
                    row[k] = (float) parse(fields.get(columns[k]), file, lineNo, header.get(columns[k]), columns[k]);
                }
                if (labelIndex >= 0) {
                    String label = fields.get(labelIndex).strip();
                    if (label.isEmpty()) {
                        throw new IOException(file + ":" + lineNo + ": column '" + labelColumn + "' (" + (labelIndex + 1)
                                + ") is empty (missing label or target)");
                    }
                    labels.add(label);
                    lines.add(lineNo);
                }
                features.add(row);
            }
            return new Table(features, names, labels, lines, labelIndex);
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
