package jgrad.data;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DataDirTest {
    @TempDir Path dir;

    @Test
    void findsTheProjectDataFolderFromTheModuleDirectory() {
        // tests run in core/, one level below the project's data/ folder
        Path root = DataDir.root();
        assertThat(Files.isRegularFile(root.resolve("mnist").resolve("SHA256SUMS"))).isTrue();
        assertThat(Files.isRegularFile(root.resolve("iris.csv"))).isTrue();
    }

    @Test
    void theSystemPropertyWins() {
        String old = System.getProperty(DataDir.PROPERTY);
        try {
            System.setProperty(DataDir.PROPERTY, dir.toString());
            assertThat(DataDir.root()).isEqualTo(dir);
        } finally {
            if (old == null) System.clearProperty(DataDir.PROPERTY);
            else System.setProperty(DataDir.PROPERTY, old);
        }
    }
}
