package jgrad.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import jgrad.tensor.Tensor;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CsvTest {
    @TempDir Path dir;

    private Path write(String text) throws IOException {
        return Files.writeString(dir.resolve("t.csv"), text);
    }

    @Test
    void loadsTheShippedIrisWithFiftyOfEachClass() throws IOException {
        ArrayDataset iris = Csv.load(DataDir.root().resolve("iris.csv"), "species");
        assertThat(iris.size()).isEqualTo(150);
        assertThat(iris.featureShape()).containsExactly(4);
        assertThat(iris.classNames()).containsExactly("setosa", "versicolor", "virginica");
        int[] counts = new int[3];
        for (int i = 0; i < 150; i++) counts[iris.label(i)]++;
        assertThat(counts).containsExactly(50, 50, 50);
        float[] first = new float[4];
        iris.copyFeatures(0, first, 0);
        assertThat(first).containsExactly(5.1f, 3.5f, 1.4f, 0.2f);
    }

    @Test
    void labelColumnMayBeAnywhereAndNumeric() throws IOException {
        var ds = Csv.load(write("a,label,b\n1,2,3\n\n\"4\",0,5.5\n"), "label");
        assertThat(ds.size()).isEqualTo(2);
        assertThat(ds.classes()).isEqualTo(3);
        assertThat(ds.label(0)).isEqualTo(2);
        float[] f = new float[2];
        ds.copyFeatures(1, f, 0);
        assertThat(f).containsExactly(4f, 5.5f);
    }

    @Test
    void aHeaderWithoutRowsGivesAnEmptyDatasetOfTheRightWidth() throws IOException {
        var ds = Csv.load(write("a,b,label\n"), "label");
        assertThat(ds.size()).isZero();
        assertThat(ds.featureShape()).containsExactly(2);
        var signs = Csv.load(write("a,b,label\n-1.5,+.5e2,0\n"), "label");
        float[] f = new float[2];
        signs.copyFeatures(0, f, 0);
        assertThat(f).containsExactly(-1.5f, 50f);
    }

    @Test
    void loadsARegressionTable() throws IOException {
        var ds = Csv.loadRegression(write("x1,y,x2\n1,0.5,2\n3,-1e-3,4\n"), "y");
        assertThat(ds.classes()).isZero();
        float[] t = new float[1];
        ds.copyTarget(1, t, 0);
        assertThat(t[0]).isEqualTo(-1e-3f);
    }

    @Test
    void errorsNameFileLineAndColumn() throws IOException {
        Path bad = write("a,b,label\n1,2,x\n3,oops,y\n");
        assertThatThrownBy(() -> Csv.load(bad, "label")).isInstanceOf(IOException.class)
                .hasMessageContaining(bad + ":3: column 'b' (2): 'oops' is not a finite number");
        Path ragged = write("a,label\n1,x\n1,2,x\n");
        assertThatThrownBy(() -> Csv.load(ragged, "label")).hasMessageContaining(":3: 3 fields, the header has 2");
        Path noColumn = write("a,b\n1,2\n");
        assertThatThrownBy(() -> Csv.load(noColumn, "label")).hasMessageContaining("no column named 'label'");
        Path empty = write("");
        assertThatThrownBy(() -> Csv.load(empty, "label")).hasMessageContaining("empty file");
        Path quote = write("a,label\n\"1,x\n");
        assertThatThrownBy(() -> Csv.load(quote, "label")).hasMessageContaining(":2: unterminated quoted field");
        Path missingLabel = write("a,b,label\n1,2,x\n3,4,\n5,6,y\n");
        assertThatThrownBy(() -> Csv.load(missingLabel, "label"))
                .hasMessageContaining(missingLabel + ":3: column 'label' (3) is empty");
        Path twice = write("a,a,label\n1,2,0\n");
        assertThatThrownBy(() -> Csv.load(twice, "a")).hasMessageContaining(":1: column name 'a' appears twice");
        for (String notDecimal : new String[] {"2d", "1f", "0x1p3", "Infinity", "1e", "."}) {
            Path javaOnly = write("a,label\n" + notDecimal + ",0\n");
            assertThatThrownBy(() -> Csv.load(javaOnly, "label")).hasMessageContaining("'" + notDecimal + "' is not a finite number");
        }
        Path nan = write("a,y\nNaN,1\n");
        assertThatThrownBy(() -> Csv.loadRegression(nan, "y")).hasMessageContaining("'NaN' is not a finite number");
    }

    @Test
    void keepsTheFeatureNamesInFileOrder() throws IOException {
        var ds = Csv.load(write("a,label,b\n1,x,3\n"), "label");
        assertThat(ds.featureNames()).containsExactly("a", "b");
        assertThat(Csv.header(write("a,label,b\n1,x,3\n"))).containsExactly("a", "label", "b");
    }

    @Test
    void stringLabelsBecomeSortedClassNamesAndNumbersSortByValue() throws IOException {
        var text = Csv.load(write("x,y\n1,dog\n2,cat\n3,emu\n4,cat\n"), "y");
        assertThat(text.classNames()).containsExactly("cat", "dog", "emu");
        assertThat(new int[] {text.label(0), text.label(1), text.label(2), text.label(3)}).containsExactly(1, 0, 2, 0);
        var numbers = Csv.load(write("x,y\n1,10\n2,-1\n3,2.5\n4,9\n"), "y");
        assertThat(numbers.classNames()).containsExactly("-1", "2.5", "9", "10");
        assertThat(numbers.label(0)).isEqualTo(3);
    }

    @Test
    void readsForAModelByColumnNameAndClassName() throws IOException {
        // columns in another order, an extra text column that is never read, classes the model knows
        Path test = write("id,b,y,a\nrow1,2,dog,1\nrow2,4,cat,3\n");
        var ds = Csv.load(test, "y", List.of("a", "b"), List.of("cat", "dog", "emu"));
        float[] f = new float[2];
        ds.copyFeatures(0, f, 0);
        assertThat(f).containsExactly(1f, 2f);
        assertThat(ds.label(0)).isEqualTo(1);
        assertThat(ds.classNames()).containsExactly("cat", "dog", "emu");
        Path unknown = write("a,b,y\n1,2,dog\n3,4,yak\n");
        assertThatThrownBy(() -> Csv.load(unknown, "y", List.of("a", "b"), List.of("cat", "dog")))
                .isInstanceOf(IOException.class)
                .hasMessage(unknown + ":3: label 'yak' in column 'y' is not one of the classes [cat, dog]");
        assertThatThrownBy(() -> Csv.load(unknown, "y", List.of("a", "c"), List.of("cat", "dog")))
                .hasMessageContaining(unknown + ": no feature column named 'c'");
    }

    @Test
    void featuresReadsOnlyTheNamedColumns() throws IOException {
        Tensor x = Csv.features(write("name,b,a\nfirst,2,1\nsecond,4,3\n"), List.of("a", "b"));
        assertThat(x.shape()).containsExactly(2, 2);
        assertThat(x.floatData()).containsExactly(1f, 2f, 3f, 4f);
    }
}
