package jgrad.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class IdxTest {
    @TempDir Path dir;

    /** An IDX file of unsigned bytes with the given dimensions and values 0, 1, 2, ... */
    static byte[] idx(int... dims) {
        int n = Arrays.stream(dims).reduce(1, (a, b) -> a * b);
        ByteBuffer b = ByteBuffer.allocate(4 + 4 * dims.length + n);
        b.put((byte) 0).put((byte) 0).put((byte) 8).put((byte) dims.length);
        for (int d : dims) b.putInt(d);
        for (int i = 0; i < n; i++) b.put((byte) i);
        return b.array();
    }

    static byte[] gzip(byte[] bytes) throws IOException {
        var out = new ByteArrayOutputStream();
        try (var gz = new GZIPOutputStream(out)) {
            gz.write(bytes);
        }
        return out.toByteArray();
    }

    private Path write(String name, byte[] bytes) throws IOException {
        return Files.write(dir.resolve(name), bytes);
    }

    @Test
    void readsPlainAndGzippedFilesAlike() throws IOException {
        var plain = Idx.read(write("a", idx(2, 3, 4)));
        var gz = Idx.read(write("a.gz", gzip(idx(2, 3, 4))));
        for (var r : new Idx.UnsignedBytes[] {plain, gz}) {
            assertThat(r.dims()).containsExactly(2, 3, 4);
            assertThat(r.count()).isEqualTo(2);
            assertThat(r.values()).hasSize(24);
            assertThat(r.values()[23]).isEqualTo((byte) 23);
        }
    }

    @Test
    void partsOfAFileTileItExactlyPlainOrGzipped() throws IOException {
        byte[] file = idx(7, 2, 3);
        byte[] whole = Idx.read(write("w", file)).values();
        for (byte[] bytes : new byte[][] {file, gzip(file)}) {
            for (int parts : new int[] {1, 2, 3, 7, 9}) {
                var joined = new ByteArrayOutputStream();
                int next = 0;
                for (int k = 0; k < parts; k++) {
                    var p = Idx.readPart(new ByteArrayInputStream(bytes), "f", k, parts);
                    assertThat(p.total()).isEqualTo(7);
                    assertThat(p.from()).isEqualTo(next).isEqualTo(k * 7 / parts);
                    assertThat(p.values().dims()).containsExactly(p.values().count(), 2, 3);
                    next += p.values().count();
                    joined.write(p.values().values());
                }
                assertThat(next).isEqualTo(7);
                assertThat(joined.toByteArray()).isEqualTo(whole);
            }
        }
        byte[] cut = Arrays.copyOf(file, file.length - 1);
        assertThatThrownBy(() -> Idx.readPart(new ByteArrayInputStream(cut), "cut.idx", 1, 2))
                .isInstanceOf(IOException.class).hasMessageStartingWith("cut.idx: corrupt or truncated IDX data");
        assertThatThrownBy(() -> Idx.readPart(new ByteArrayInputStream(file), "f", 2, 2))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("Idx.readPart: part 2 of 2 does not exist");
    }

    @Test
    void rejectsWrongMagicNamingTheFile() throws IOException {
        byte[] bytes = idx(2, 2);
        bytes[1] = 7;
        Path f = write("bad-magic", bytes);
        assertThatThrownBy(() -> Idx.read(f)).isInstanceOf(IOException.class)
                .hasMessageContaining(f.toString()).hasMessageContaining("magic number 0x00070802");
    }

    @Test
    void rejectsUnsupportedTypes() throws IOException {
        byte[] bytes = idx(2, 2);
        bytes[2] = 0x0D;
        Path f = write("floats", bytes);
        assertThatThrownBy(() -> Idx.read(f)).hasMessageContaining(f.toString()).hasMessageContaining("type 0x0D");
    }

    @Test
    void rejectsTruncatedFilesPlainOrGzipped() throws IOException {
        byte[] full = idx(3, 4);
        Path cut = write("cut", Arrays.copyOf(full, full.length - 1));
        assertThatThrownBy(() -> Idx.read(cut)).isInstanceOf(IOException.class)
                .hasMessageContaining(cut.toString()).hasMessageContaining("need 12 bytes of data, found 11");
        Path cutHeader = write("cut-header", Arrays.copyOf(full, 9));
        assertThatThrownBy(() -> Idx.read(cutHeader)).hasMessageContaining("truncated IDX header");
        Path empty = write("empty", new byte[0]);
        assertThatThrownBy(() -> Idx.read(empty)).hasMessageContaining("truncated IDX header");
        byte[] gz = gzip(idx(100, 100));
        Path cutGz = write("cut.gz", Arrays.copyOf(gz, gz.length / 2));
        assertThatThrownBy(() -> Idx.read(cutGz)).isInstanceOf(IOException.class)
                .hasMessageContaining(cutGz.toString()).hasMessageContaining("truncated");
    }

    @Test
    void rejectsTrailingBytesAndNegativeDims() throws IOException {
        byte[] full = idx(3, 4);
        Path longer = write("longer", Arrays.copyOf(full, full.length + 5));
        assertThatThrownBy(() -> Idx.read(longer)).hasMessageContaining("unexpected bytes after the IDX data");
        byte[] negative = idx(2, 2);
        negative[4] = (byte) 0x80;
        Path neg = write("neg", negative);
        assertThatThrownBy(() -> Idx.read(neg)).hasMessageContaining("negative");
    }

    @Test
    void aHeaderClaimingHugeSizesFailsWithoutAllocatingThem() throws IOException {
        byte[] bytes = ByteBuffer.allocate(16).put(new byte[] {0, 0, 8, 3}).putInt(60000).putInt(28000).putInt(28000).array();
        Path huge = write("huge", bytes);
        assertThatThrownBy(() -> Idx.read(huge)).hasMessageContaining("too many values");
        byte[] big = ByteBuffer.allocate(12).put(new byte[] {0, 0, 8, 2}).putInt(40000).putInt(40000).array();
        Path lying = write("lying.gz", gzip(big));
        assertThatThrownBy(() -> Idx.read(lying)).hasMessageContaining("need 1600000000 bytes of data, found 0");
    }
}
