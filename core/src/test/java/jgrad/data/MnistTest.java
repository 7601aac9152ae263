package jgrad.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MnistTest {
    @TempDir Path dir;

    @Test
    void loadsTheShippedTestSplitWithKnownClassCounts() throws IOException {
        Dataset test = Mnist.load(Mnist.Split.TEST);
        assertThat(test.size()).isEqualTo(10_000);
        assertThat(test.featureShape()).containsExactly(784);
        assertThat(test.classes()).isEqualTo(10);
        int[] counts = new int[10];
        for (int i = 0; i < test.size(); i++) counts[test.label(i)]++;
        // the well-known class counts of the MNIST test set
        assertThat(counts).containsExactly(980, 1135, 1032, 1010, 982, 892, 958, 1028, 974, 1009);
        assertThat(test.label(0)).isEqualTo(7); // the first test image is a 7
        float[] x = new float[784];
        test.copyFeatures(0, x, 0);
        float min = 1, max = 0;
        for (float v : x) {
            min = Math.min(min, v);
            max = Math.max(max, v);
        }
        assertThat(min).isEqualTo(0f);
        assertThat(max).isEqualTo(1f);
        assertThat(test.reshape(1, 28, 28).featureShape()).containsExactly(1, 28, 28);
    }

    @Test
    void aCutOfTheImagesKeepsTheByteTable() throws IOException {
        Dataset test = Mnist.load(Mnist.Split.TEST);
        Dataset cut = test.subset(100, 200);
        assertThat(cut).isInstanceOf(Views.ByteCoded.class);
        Normalization norm = Normalization.of(0.1307, 0.3081);
        Dataset cutThenStandardise = norm.apply(cut);
        Dataset standardiseThenCut = norm.apply(test).subset(100, 200);
        float[] a = new float[784];
        float[] b = new float[784];
        for (int i = 0; i < cut.size(); i++) {
            cutThenStandardise.copyFeatures(i, a, 0);
            standardiseThenCut.copyFeatures(i, b, 0);
            assertThat(a).as("image %d", i).containsExactly(b);
            assertThat(cutThenStandardise.label(i)).isEqualTo(test.label(100 + i));
        }
        assertThatThrownBy(() -> cut.copyFeatures(100, a, 0)).isInstanceOf(IndexOutOfBoundsException.class);
    }

    @Test
    void standardisingThroughTheByteTableGivesTheSameFloatsAsTheTwoStepPath() throws IOException {
        Dataset test = Mnist.load(Mnist.Split.TEST);
        Normalization norm = Normalization.of(0.1307, 0.3081);
        Dataset table = norm.apply(test);                        // the images themselves: one table lookup per pixel
        Dataset twoStep = norm.apply(test.reshape(784));          // a reshape view: scale, then standardise
        float[] a = new float[784];
        float[] b = new float[784];
        for (int i = 0; i < test.size(); i++) {
            table.copyFeatures(i, a, 0);
            twoStep.copyFeatures(i, b, 0);
            for (int j = 0; j < a.length; j++) {
                if (Float.floatToRawIntBits(a[j]) != Float.floatToRawIntBits(b[j])) {
                    throw new AssertionError("image " + i + " pixel " + j + ": " + a[j] + " vs " + b[j]);
                }
            }
        }
        // and the first image's values are (p / 255 - mean) / std
        float[] raw = new float[784];
        test.copyFeatures(0, raw, 0);
        table.copyFeatures(0, a, 0);
        for (int j = 0; j < 784; j++) assertThat(a[j]).isEqualTo((raw[j] - 0.1307f) / 0.3081f);
        assertThat(table.label(0)).isEqualTo(7);
        assertThat(table.featureShape()).containsExactly(784);
        assertThatThrownBy(() -> table.copyFeatures(0, new float[783], 0)).isInstanceOf(IndexOutOfBoundsException.class);
    }

    @Test
    void loadsTheShippedTrainingSplitWithKnownClassCounts() throws IOException {
        Dataset train = Mnist.load(Mnist.Split.TRAIN);
        assertThat(train.size()).isEqualTo(60_000);
        int[] counts = new int[10];
        for (int i = 0; i < train.size(); i++) counts[train.label(i)]++;
        assertThat(counts).containsExactly(5923, 6742, 5958, 6131, 5842, 5421, 5918, 6265, 5851, 5949);
        assertThat(train.label(0)).isEqualTo(5);
    }

    private void copyShipped(String name) throws IOException {
        Files.copy(DataDir.root().resolve("mnist").resolve(name), dir.resolve(name));
    }

    @Test
    void loadsAFolderWithoutManifestAndWithUngzippedFiles() throws IOException {
        byte[] images = IdxTest.idx(3, 2, 2);
        byte[] labels = {0, 0, 8, 1, 0, 0, 0, 3, 9, 0, 4};
        Files.write(dir.resolve("t10k-images-idx3-ubyte"), images);
        Files.write(dir.resolve("t10k-labels-idx1-ubyte.gz"), IdxTest.gzip(labels));
        Dataset ds = Mnist.load(dir, Mnist.Split.TEST);
        assertThat(ds.size()).isEqualTo(3);
        assertThat(ds.featureShape()).containsExactly(4);
        assertThat(ds.label(0)).isEqualTo(9);
        float[] x = new float[5];
        ds.copyFeatures(2, x, 1);
        assertThat(x).containsExactly(0f, 8 / 255f, 9 / 255f, 10 / 255f, 11 / 255f);
    }

    @Test
    void rejectsAMismatchedCountNamingBothFiles() throws IOException {
        Files.write(dir.resolve("t10k-images-idx3-ubyte"), IdxTest.idx(3, 2, 2));
        Files.write(dir.resolve("t10k-labels-idx1-ubyte"), new byte[] {0, 0, 8, 1, 0, 0, 0, 2, 1, 2});
        assertThatThrownBy(() -> Mnist.load(dir, Mnist.Split.TEST)).isInstanceOf(IOException.class)
                .hasMessageContaining("holds 3 images").hasMessageContaining("holds 2 labels");
    }

    @Test
    void rejectsLabelsOutsideTheTenDigits() throws IOException {
        Files.write(dir.resolve("t10k-images-idx3-ubyte"), IdxTest.idx(2, 2, 2));
        Files.write(dir.resolve("t10k-labels-idx1-ubyte"), new byte[] {0, 0, 8, 1, 0, 0, 0, 2, 1, 12});
        assertThatThrownBy(() -> Mnist.load(dir, Mnist.Split.TEST)).hasMessageContaining("label 12 at index 1");
    }

    @Test
    void rejectsAFileThatDoesNotMatchTheManifest() throws IOException {
        copyShipped("t10k-labels-idx1-ubyte.gz");
        copyShipped("t10k-images-idx3-ubyte.gz");
        copyShipped(Checksums.MANIFEST);
        assertThat(Mnist.load(dir, Mnist.Split.TEST).size()).isEqualTo(10_000);
        // a different but well-formed labels file
        byte[] labels = new byte[8 + 10_000];
        labels[2] = 8;
        labels[3] = 1;
        labels[6] = 0x27;
        labels[7] = 0x10;
        Files.write(dir.resolve("t10k-labels-idx1-ubyte.gz"), IdxTest.gzip(labels));
        assertThatThrownBy(() -> Mnist.load(dir, Mnist.Split.TEST)).isInstanceOf(IOException.class)
                .hasMessageContaining("t10k-labels-idx1-ubyte.gz: SHA-256 is").hasMessageContaining("expects");
    }

    @Test
    void aMissingFileNamesTheFolderAndTheSetting() {
        assertThatThrownBy(() -> Mnist.load(dir, Mnist.Split.TRAIN)).isInstanceOf(NoSuchFileException.class)
                .hasMessageContaining("train-images-idx3-ubyte").hasMessageContaining("JGRAD_DATA");
    }

    /** JGRAD_DATA / -Djgrad.data may name a folder holding the IDX files, as --data-dir does, or holding mnist/. */
    @Test
    void aConfiguredFolderMayHoldTheFilesOrMnistBelowIt() throws IOException {
        String old = System.getProperty(DataDir.PROPERTY);
        try {
            Files.write(dir.resolve("t10k-images-idx3-ubyte"), IdxTest.idx(3, 2, 2));
            Files.write(dir.resolve("t10k-labels-idx1-ubyte"), new byte[] {0, 0, 8, 1, 0, 0, 0, 3, 9, 0, 4});
            System.setProperty(DataDir.PROPERTY, dir.toString());
            assertThat(Mnist.load(Mnist.Split.TEST).size()).isEqualTo(3);
            Path nested = Files.createDirectories(dir.resolve("nested").resolve("mnist"));
            Files.write(nested.resolve("t10k-images-idx3-ubyte"), IdxTest.idx(2, 2, 2));
            Files.write(nested.resolve("t10k-labels-idx1-ubyte"), new byte[] {0, 0, 8, 1, 0, 0, 0, 2, 9, 0});
            System.setProperty(DataDir.PROPERTY, dir.resolve("nested").toString());
            assertThat(Mnist.load(Mnist.Split.TEST).size()).isEqualTo(2);
        } finally {
            if (old == null) System.clearProperty(DataDir.PROPERTY);
            else System.setProperty(DataDir.PROPERTY, old);
        }
    }
}
