package jgrad.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DataSourceTest {
    @TempDir Path dir;

    @Test
    void parsesTheWordsOfTheCommandLine() {
        var images = Images.Format.MNIST;
        assertThat(DataSource.parse("mnist", null, null, images)).isEqualTo(new DataSource.IdxImages("mnist", null));
        assertThat(DataSource.parse("fashion-mnist", dir, null, images))
                .isEqualTo(new DataSource.IdxImages("fashion-mnist", dir));
        assertThat(DataSource.parse("my.CSV", null, "y", images))
                .isEqualTo(new DataSource.CsvTable(Path.of("my.CSV"), "y", List.of(), List.of()));
        assertThat(DataSource.parse("photos", null, null, images))
                .isEqualTo(new DataSource.ImageDir(Path.of("photos"), images, List.of()));
        assertThat(DataSource.parse("iris", null, null, images)).isInstanceOf(DataSource.CsvTable.class);
        assertThatThrownBy(() -> DataSource.parse("fashion-mnist", null, null, images))
                .hasMessageContaining("fashion-mnist needs the folder");
        assertThatThrownBy(() -> DataSource.parse("mnist", null, "y", images)).hasMessageContaining("only for a .csv file");
        assertThatThrownBy(() -> DataSource.parse("my.csv", dir, null, images)).hasMessageContaining("only for mnist");
    }

    @Test
    void irisHasFeatureAndClassNamesAndNoTestSplit() throws IOException {
        var iris = DataSource.parse("iris", null, null, Images.Format.MNIST);
        DataSource.Loaded loaded = iris.train();
        assertThat(loaded.data().size()).isEqualTo(150);
        assertThat(loaded.featureNames()).hasSize(4);
        assertThat(loaded.classNames()).containsExactly("setosa", "versicolor", "virginica");
        assertThat(iris.test()).isEmpty();
        assertThat(iris.imageFormat()).isEmpty();
    }

    @Test
    void aCsvWithoutLabelOptionUsesTheLastColumnAndForModelMapsClasses() throws IOException {
        Path csv = Files.writeString(dir.resolve("t.csv"), "a,b,kind\n1,2,x\n3,4,y\n");
        DataSource source = DataSource.parse(csv.toString(), null, null, Images.Format.MNIST);
        assertThat(source.train().classNames()).containsExactly("x", "y");
        DataSource.Loaded forModel = source.forModel(List.of("b", "a"), List.of("y", "x")).train();
        assertThat(forModel.data().label(0)).isEqualTo(1);
        assertThat(forModel.featureNames()).containsExactly("b", "a");
    }

    @Test
    void mnistHasATestSplitAndTheMnistImageFormat() throws IOException {
        var mnist = DataSource.parse("mnist", null, null, Images.Format.MNIST);
        assertThat(mnist.test().orElseThrow().data().size()).isEqualTo(10_000);
        assertThat(mnist.test().orElseThrow().classNames()).hasSize(10);
        assertThat(mnist.imageFormat()).hasValue(Images.Format.MNIST);
    }
}
