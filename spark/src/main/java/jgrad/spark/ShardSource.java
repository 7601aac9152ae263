package jgrad.spark;

import java.io.IOException;
import java.io.InputStream;
import java.io.Serializable;
import java.util.Arrays;
import java.util.List;
import jgrad.data.ArrayDataset;
import jgrad.data.Csv;
import jgrad.data.Idx;
import jgrad.tensor.Shape;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Where the partitions read their training examples. Each task reads only its own part of the
 * files; nothing but this small description travels from the driver.
 *
 * <p>Paths are local paths or {@code file:} URIs, which every executor must be able to read at
 * the same place (a shared mount such as NFS, or a copy on each worker). {@code hdfs:} and
 * {@code s3a:} paths are not read yet: they need Hadoop's client, which this project cannot test
 * without a Hadoop cluster.
 */
public sealed interface ShardSource extends Serializable {
    /**
     * Reads the examples of {@code partition} of {@code partitions} equal parts.
     *
     * @param partition which part, from 0
     * @param partitions how many parts the data is cut into
     * @return the part's examples
     * @throws IOException if the source's files cannot be read on this executor
     */
    Shard read(int partition, int partitions) throws IOException;

    /**
     * MNIST (or Fashion-MNIST) training files in {@code dir}, as {@link jgrad.data.Mnist} reads
     * them: {@code train-images-idx3-ubyte} and {@code train-labels-idx1-ubyte}, gzipped
     * ({@code .gz}) when that file exists on this machine's file system, else plain.
     *
     * @param dir a folder (path or URI) that every executor can read
     * @param featureShape the shape to give each image, e.g. {@code 784} or {@code 1, 28, 28}
     * @return the source, small enough to ship to every executor
     * @throws IOException if {@code dir} is neither a local path nor a {@code file:} URI
     */
    static ShardSource mnist(String dir, int... featureShape) throws IOException {
        String images = dir + "/train-images-idx3-ubyte";
        String labels = dir + "/train-labels-idx1-ubyte";
        boolean gzipped = Files.isRegularFile(path(images + ".gz"));
        return new IdxFiles(gzipped ? images + ".gz" : images, gzipped ? labels + ".gz" : labels, featureShape.clone(), 10);
    }

    /**
     * A CSV table (header line, numeric features, a label column), as {@link jgrad.data.Csv} reads
     * it for the driver: the same columns in the same order, labels mapped to the same classes.
     *
     * @param file the file (a path or URI every executor can read)
     * @param labelColumn the label column
     * @param featureNames the feature columns, in order
     * @param classNames the classes, in index order
     * @return the source of each task's rows
     */
    static ShardSource csv(String file, String labelColumn, List<String> featureNames, List<String> classNames) {
        return new CsvRows(file, labelColumn, List.copyOf(featureNames), List.copyOf(classNames));
    }

    /**
     * The local path of {@code file}, a path or a {@code file:} URI.
     *
     * @param file a path or a {@code file:} URI
     * @return the path
     * @throws IOException for another scheme, saying what to do instead
     */
    static Path path(String file) throws IOException {
        if (!file.contains(":") || file.matches("^[A-Za-z]:\\\\.*")) return Path.of(file);
        URI uri = URI.create(file);
        if ("file".equals(uri.getScheme())) return Path.of(uri);
        throw new IOException(file + ": only local paths and file: URIs are read (mount the data at the same path on every"
                + " worker); " + uri.getScheme() + ": paths are not supported yet");
    }

    /**
     * MNIST-style IDX files of unsigned bytes (gzipped or not): images {@code (count, rows, columns)}
     * and labels {@code (count)} below {@code classes}.
     *
     * @param images the images file (a path or URI every executor can read)
     * @param labels the labels file
     * @param featureShape the shape of one example's features, e.g. {@code [784]} or {@code [1, 28, 28]}
     * @param classes the number of classes
     */
    record IdxFiles(String images, String labels, int[] featureShape, int classes) implements ShardSource {
        @Override
        public Shard read(int partition, int partitions) throws IOException {
            Idx.Part x = readPart(images, partition, partitions);
            Idx.Part y = readPart(labels, partition, partitions);
            if (x.total() != y.total()) {
                throw new IOException(images + " holds " + x.total() + " images but " + labels + " holds " + y.total() + " labels");
            }
            int[] dims = x.values().dims();
            int width = Shape.numel(Arrays.copyOfRange(dims, 1, dims.length));
            if (width != Shape.numel(featureShape)) {
                throw new IOException(images + ": images of " + width + " values do not fit features " + Arrays.toString(featureShape));
            }
            byte[] ys = y.values().values();
            for (int i = 0; i < ys.length; i++) {
                if ((ys[i] & 0xFF) >= classes) {
                    throw new IOException(labels + ": label " + (ys[i] & 0xFF) + " at index " + (y.from() + i)
                            + " is not below " + classes);
                }
            }
            return new Shard(partition, x.from(), x.total(), featureShape, classes, x.values().values(), ys);
        }

        private static Idx.Part readPart(String file, int partition, int partitions) throws IOException {
            try (InputStream in = Files.newInputStream(path(file))) {
                return Idx.readPart(in, file, partition, partitions);
            }
        }
    }

    /**
     * The rows of one CSV file on a shared path: partition {@code p} of {@code n} keeps rows
     * {@code [p * rows / n, (p + 1) * rows / n)} (the split {@link jgrad.data.Idx#readPart} makes).
     * Each task parses the whole file and keeps its range, so the file is read once per partition;
     * a byte-range split (Hadoop's text input) would read each row once, at the cost of quoted
     * fields that span lines.
     *
     * @param file the CSV file (a path or URI every executor can read)
     * @param labelColumn the label column
     * @param featureNames the feature columns, in order
     * @param classNames the classes, in index order
     */
    record CsvRows(String file, String labelColumn, List<String> featureNames, List<String> classNames) implements ShardSource {
        @Override
        public Shard read(int partition, int partitions) throws IOException {
            ArrayDataset all = Csv.load(path(file), labelColumn, featureNames, classNames);
            int rows = all.size();
            int from = (int) ((long) partition * rows / partitions);
            int to = (int) ((long) (partition + 1) * rows / partitions);
            int width = featureNames.size();
            float[] values = new float[(to - from) * width];
            int[] labels = new int[to - from];
            for (int i = from; i < to; i++) {
                all.copyFeatures(i, values, (i - from) * width);
                labels[i - from] = all.label(i);
            }
            return new Shard(partition, from, rows, new int[] {width}, classNames.size(), values, labels);
        }
    }
}
