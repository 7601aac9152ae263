package jgrad.data;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ChecksumsTest {
    private static final byte[] CONTENT = "jgrad".getBytes(StandardCharsets.UTF_8);

    @Test
    void unlistedFilesAreCheckedOnlyWhenTheyMustBeListed(@TempDir Path dir) throws IOException {
        Path file = Files.write(dir.resolve("a.bin"), CONTENT);
        assertThatCode(() -> Checksums.verify(file, CONTENT, false)).doesNotThrowAnyException();
        assertThatThrownBy(() -> Checksums.verify(file, CONTENT, true)).isInstanceOf(IOException.class)
                .hasMessageContaining("a.bin").hasMessageContaining("manifest").hasMessageContaining("missing");

        Files.writeString(dir.resolve(Checksums.MANIFEST), Checksums.sha256(CONTENT) + "  other.bin\n");
        assertThatCode(() -> Checksums.verify(file, CONTENT, false)).doesNotThrowAnyException();
        assertThatThrownBy(() -> Checksums.verify(file, CONTENT, true)).isInstanceOf(IOException.class)
                .hasMessageContaining("a.bin: not listed in");
    }

    @Test
    void listedFilesMustMatchTheirHash(@TempDir Path dir) throws IOException {
        Path file = Files.write(dir.resolve("a.bin"), CONTENT);
        Files.writeString(dir.resolve(Checksums.MANIFEST), Checksums.sha256(CONTENT) + "  a.bin\n");
        assertThatCode(() -> Checksums.verify(file, CONTENT, true)).doesNotThrowAnyException();
        byte[] changed = "jgrae".getBytes(StandardCharsets.UTF_8);
        assertThatThrownBy(() -> Checksums.verify(file, changed, false)).isInstanceOf(IOException.class)
                .hasMessageContaining("a.bin: SHA-256 is " + Checksums.sha256(changed));
    }
}
