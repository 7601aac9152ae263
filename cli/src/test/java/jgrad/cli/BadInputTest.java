package jgrad.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import jgrad.data.DataDir;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every bad input gets one line on stderr naming the file (and the line for CSV) or the option,
 * and the right exit code: 1 for data and files, 2 for usage.
 */
class BadInputTest {
    @TempDir Path dir;

    /** Runs {@code ./jgrad ARGS}, checks the exit code and that stderr is one line; returns that line. */
    private static String fails(int code, String... args) {
        MainTest.Result r = MainTest.run(args);
        assertThat(r.code()).as("exit code of %s, stderr %s", Arrays.toString(args), r.err()).isEqualTo(code);
        assertThat(r.err().lines()).as("stderr of %s", Arrays.toString(args)).hasSize(1);
        return r.err().strip();
    }

    private Path csv(String name, String text) throws IOException {
        return Files.writeString(dir.resolve(name), text);
    }

    private String out() {
        return dir.resolve("run-" + System.nanoTime()).toString();
    }

    @Test
    void aTruncatedGzipNamesTheFile() throws IOException {
        Path mnist = Files.createDirectories(dir.resolve("mnist"));
        byte[] images = Files.readAllBytes(DataDir.root().resolve("mnist/train-images-idx3-ubyte.gz"));
        Path cut = Files.write(mnist.resolve("train-images-idx3-ubyte.gz"), Arrays.copyOf(images, 5000));
        Files.copy(DataDir.root().resolve("mnist/train-labels-idx1-ubyte.gz"), mnist.resolve("train-labels-idx1-ubyte.gz"));
        String line = fails(1, "train", "--data", "mnist", "--data-dir", mnist.toString(), "--out", out());
        assertThat(line).startsWith("jgrad train: " + cut + ": corrupt or truncated gzip data");
    }

    @Test
    void aWrongIdxMagicNamesTheFile() throws IOException {
        Path mnist = Files.createDirectories(dir.resolve("fashion"));
        Path bad = Files.write(mnist.resolve("train-images-idx3-ubyte"), new byte[] {0x12, 0x34, 0x08, 0x03, 0, 0, 0, 0});
        Files.write(mnist.resolve("train-labels-idx1-ubyte"), new byte[] {0, 0, 8, 1, 0, 0, 0, 0});
        String line = fails(1, "train", "--data", "fashion-mnist", "--data-dir", mnist.toString(), "--out", out());
        assertThat(line).isEqualTo("jgrad train: " + bad + ": not an IDX file (magic number 0x12340803 does not start with two zero bytes)");
    }

    @Test
    void aRaggedCsvRowNamesFileAndLine() throws IOException {
        Path f = csv("ragged.csv", "a,b,y\n1,2,x\n3,y\n");
        assertThat(fails(1, "train", "--data", f.toString(), "--out", out()))
                .isEqualTo("jgrad train: " + f + ":3: 2 fields, the header has 3");
    }

    @Test
    void aNonNumericCellNamesFileLineAndColumn() throws IOException {
        Path f = csv("text.csv", "a,b,y\n1,2,x\n3,abc,y\n");
        assertThat(fails(1, "train", "--data", f.toString(), "--label", "y", "--out", out()))
                .isEqualTo("jgrad train: " + f + ":3: column 'b' (2): 'abc' is not a finite number");
    }

    @Test
    void anUnknownLabelColumnListsTheColumns() throws IOException {
        Path f = csv("t.csv", "a,b,y\n1,2,x\n3,4,y\n");
        assertThat(fails(1, "train", "--data", f.toString(), "--label", "target", "--out", out()))
                .isEqualTo("jgrad train: " + f + ": no column named 'target' in the header [a, b, y]");
    }

    @Test
    void anEmptyFileOrOneWithoutRowsIsNamed() throws IOException {
        Path empty = csv("empty.csv", "");
        assertThat(fails(1, "train", "--data", empty.toString(), "--out", out()))
                .isEqualTo("jgrad train: " + empty + ": empty file, expected a header line");
        Path header = csv("header.csv", "a,b,y\n");
        assertThat(fails(1, "train", "--data", header.toString(), "--out", out()))
                .startsWith("jgrad train: " + header + ": no examples");
    }

    @Test
    void anImageThatDoesNotDecodeIsNamed() throws IOException {
        Path photos = Files.createDirectories(dir.resolve("photos/cats"));
        Files.createDirectories(dir.resolve("photos/dogs"));
        Path broken = Files.write(photos.resolve("tom.png"), new byte[] {(byte) 0x89, 'P', 'N', 'G', 0, 1, 2});
        assertThat(fails(1, "train", "--data", dir.resolve("photos").toString(), "--out", out()))
                .startsWith("jgrad train: " + broken + ": ");
    }

    @Test
    void aMissingFolderOrFileIsNamed() {
        Path none = dir.resolve("no-such-folder");
        assertThat(fails(1, "train", "--data", none.toString(), "--out", out()))
                .isEqualTo("jgrad train: " + none + ": no such file or folder (expected a folder with one sub-folder of images per class)");
        assertThat(fails(1, "train", "--data", "mnist", "--data-dir", none.toString(), "--out", out()))
                .isEqualTo("jgrad train: " + none + ": no such file or folder (--data-dir: expected the folder of the four IDX files)");
        Path missingCsv = dir.resolve("missing.csv");
        assertThat(fails(1, "train", "--data", missingCsv.toString(), "--out", out()))
                .isEqualTo("jgrad train: " + missingCsv + ": no such file or folder");
    }

    @Test
    void outputPathsAreCheckedBeforeAnyWork() throws IOException {
        Path file = csv("notes.txt", "x");
        // the data does not exist either: the --out problem is found first
        assertThat(fails(1, "train", "--data", dir.resolve("missing.csv").toString(), "--out", file.toString()))
                .isEqualTo("jgrad train: --out " + file + ": is a file, not a folder; give a folder for the run's files");
        Path used = Files.createDirectories(dir.resolve("used"));
        Files.writeString(used.resolve("model.safetensors"), "x");
        assertThat(fails(1, "train", "--data", "iris", "--out", used.toString())).contains("--out " + used + ": folder is not empty");
        assertThat(fails(1, "predict", "--model", "m.safetensors", "--data", "x.csv", "--output", dir.toString()))
                .startsWith("jgrad predict: --output " + dir + ": is a folder");
    }

    @Test
    void badOptionValuesAreUsageErrors() throws IOException {
        assertThat(fails(2, "train", "--data", "iris", "--lr", "-1")).isEqualTo("jgrad train: --lr must be a number > 0, got -1.0 (see ./jgrad train --help)");
        assertThat(fails(2, "train", "--data", "iris", "--lr", "fast")).startsWith("jgrad train: Invalid value for option '--lr'");
        assertThat(fails(2, "train", "--data", "iris", "--optimizer", "lbfgs")).contains("--optimizer: optimizer 'lbfgs' is not one of sgd");
        assertThat(fails(2, "train", "--data", "iris", "--model", "mlp:x", "--out", out())).contains("--model: model 'mlp:x'");
        assertThat(fails(2, "train", "--data", "iris", "--val-split", "1")).contains("--val-split must be in [0, 1)");
        assertThat(fails(2, "train", "--data", "mnist", "--label", "y")).contains("--data mnist: a label column is only for a .csv file");
        assertThat(fails(2, "train", "--data", "iris", "--channels", "2")).contains("--channels must be 1 or 3");
        assertThat(fails(2, "train", "--data", "iris", "--image-size", "big")).contains("'big' is not a size like 28x28");
        assertThat(fails(2, "train", "--epochs", "0")).contains("--epochs must be >= 1, got 0");
        assertThat(fails(2, "train", "--data", "mnist", "--image-size", "32")).contains("--image-size and --channels are for a folder of images");
        assertThat(fails(2, "eval")).contains("missing --model FILE");
        assertThat(fails(2, "predict", "--model", "m.safetensors")).contains("give either --data FILE.csv or image files");
    }

    @Test
    void badModelFilesExitOne() throws IOException {
        Path missing = dir.resolve("none.safetensors");
        assertThat(fails(1, "eval", "--model", missing.toString(), "--data", "iris")).isEqualTo("jgrad eval: " + missing + ": no such file or folder");
        Path junk = Files.writeString(dir.resolve("junk.safetensors"), "not a model");
        assertThat(fails(1, "predict", "--model", junk.toString(), "--data", "x.csv")).startsWith("jgrad predict: " + junk + ": ");
    }

    @Test
    void aDivergingRunExitsOneWithAHint() {
        assertThat(fails(1, "train", "--data", "iris", "--optimizer", "sgd", "--lr", "1e30", "--out", out()))
                .contains("is not finite", "try a smaller --lr");
    }

    @Test
    void resumeKeepsTheRunsSettings() throws IOException {
        Path run = dir.resolve("run");
        assertThat(MainTest.run("train", "--data", "iris", "--epochs", "2", "--out", run.toString()).code()).isZero();
        assertThat(fails(2, "train", "--resume", run.toString(), "--lr", "0.1"))
                .startsWith("jgrad train: --lr cannot change when resuming: the run's settings are in " + run.resolve("config.json"));
        assertThat(fails(1, "train", "--resume", run.toString()))
                .isEqualTo("jgrad train: --resume " + run + ": the run has finished 2 of its 2 epochs; give --epochs N (the new"
                        + " total, more than 2) to train further");
        MainTest.Result more = MainTest.run("train", "--resume", run.toString(), "--epochs", "3");
        assertThat(more.code()).as(more.err()).isZero();
        assertThat(Tables.lines(run.resolve("metrics.csv"))).hasSize(4);
        assertThat(fails(1, "train", "--resume", dir.resolve("nothing").toString())).contains("no such folder");
    }
}
