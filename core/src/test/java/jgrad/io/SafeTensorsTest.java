package jgrad.io;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.SplittableRandom;
import jgrad.Version;
import jgrad.tensor.DType;
import jgrad.tensor.Tensor;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SafeTensorsTest {
    @TempDir Path dir;

    private static Map<String, Tensor> sample() {
        Map<String, Tensor> m = new LinkedHashMap<>();
        m.put("fc2.weight", Tensor.of(new float[] {1, -2, 3.5f, 0.25f, Float.MIN_VALUE, -0f}, 2, 3));
        m.put("fc1.bias", Tensor.of(new double[] {0.1, Double.MAX_VALUE}, 2));
        m.put("scalar", Tensor.scalar(7));
        m.put("empty", Tensor.zeros(0, 5));
        return m;
    }

    static Path resource(String name) {
        try {
            return Path.of(SafeTensorsTest.class.getResource("/jgrad/io/" + name).toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void roundTripsValuesShapesDtypesOrderAndMetadata() throws IOException {
        Path f = dir.resolve("model.safetensors");
        SafeTensors.save(f, sample(), Map.of("architecture", "Mlp(\"784\" → 10)\n"));
        var contents = SafeTensors.read(f);
        assertThat(contents.tensors().keySet()).containsExactly("fc2.weight", "fc1.bias", "scalar", "empty");
        for (var e : sample().entrySet()) {
            Tensor t = contents.tensors().get(e.getKey());
            assertThat(t.shape()).isEqualTo(e.getValue().shape());
            assertThat(t.dtype()).isEqualTo(e.getValue().dtype());
            if (t.dtype() == DType.FLOAT32) assertThat(t.floatData()).isEqualTo(e.getValue().floatData());
            else assertThat(t.doubleData()).isEqualTo(e.getValue().doubleData());
        }
        assertThat(contents.metadata()).containsEntry("architecture", "Mlp(\"784\" → 10)\n")
                .containsEntry("format", "pt").containsKey(SafeTensors.VERSION_KEY);
        assertThat(SafeTensors.readMetadata(f)).isEqualTo(contents.metadata());
        try (var files = Files.list(dir)) {
            assertThat(files).containsExactly(f); // no temporary file left behind
        }
        if (Files.getFileStore(f).supportsFileAttributeView("posix")) {
            // not the private permissions of a temporary file
            assertThat(java.nio.file.attribute.PosixFilePermissions.toString(Files.getPosixFilePermissions(f)))
                    .isEqualTo("rw-r--r--");
        }
    }

    @Test
    void bytesInMemoryAreTheFileBytesAndReadBackTheSame() throws IOException {
        Path f = dir.resolve("same.safetensors");
        Map<String, String> meta = Map.of("step", "12");
        SafeTensors.save(f, sample(), meta);
        byte[] bytes = SafeTensors.toBytes(sample(), meta);
        assertThat(bytes).isEqualTo(Files.readAllBytes(f));
        var back = SafeTensors.read(bytes);
        assertThat(back.tensors().keySet()).containsExactlyElementsOf(sample().keySet());
        assertThat(back.tensors().get("fc2.weight").floatData()).isEqualTo(sample().get("fc2.weight").floatData());
        assertThat(back.tensors().get("fc1.bias").doubleData()).isEqualTo(sample().get("fc1.bias").doubleData());
        assertThat(back.metadata()).containsEntry("step", "12");
        assertThat(SafeTensors.read(SafeTensors.toBytes(Map.of())).tensors()).isEmpty();
        // larger than the 64 KiB write chunk, so the data crosses buffer refills both ways
        Tensor big = Tensor.randn(new SplittableRandom(3), DType.FLOAT32, 300, 100);
        assertThat(SafeTensors.read(SafeTensors.toBytes(Map.of("w", big))).tensors().get("w").floatData())
                .isEqualTo(big.floatData());
    }

    @Test
    void corruptBytesAreRejectedLikeACorruptFile() {
        byte[] bytes = SafeTensors.toBytes(sample());
        byte[] truncated = java.util.Arrays.copyOf(bytes, bytes.length - 3);
        assertThatThrownBy(() -> SafeTensors.read(truncated)).isInstanceOf(IOException.class)
                .hasMessageStartingWith("safetensors bytes (" + truncated.length + "): not a valid safetensors file")
                .hasMessageContaining("(truncated)");
        assertThatThrownBy(() -> SafeTensors.read(new byte[5])).isInstanceOf(IOException.class).hasMessageContaining("too short");
    }

    @Test
    void byteLayoutFollowsTheSpec() throws IOException {
        Path f = dir.resolve("layout.safetensors");
        Map<String, Tensor> m = new LinkedHashMap<>();
        m.put("w", Tensor.of(new float[] {1f, -2f}, 2));
        m.put("b", Tensor.of(new double[] {0.5}, 1, 1));
        SafeTensors.save(f, m, Map.of("k", "v"));
        ByteBuffer b = ByteBuffer.wrap(Files.readAllBytes(f)).order(ByteOrder.LITTLE_ENDIAN);
        long n = b.getLong();
        assertThat(n % 8).isZero();
        String header = new String(b.array(), 8, (int) n, StandardCharsets.UTF_8);
        assertThat(header.strip()).isEqualTo("{\"__metadata__\":{\"format\":\"pt\",\"jgrad.version\":\""
                + Version.current() + "\",\"k\":\"v\"},"
                + "\"w\":{\"dtype\":\"F32\",\"shape\":[2],\"data_offsets\":[0,8]},"
                + "\"b\":{\"dtype\":\"F64\",\"shape\":[1,1],\"data_offsets\":[8,16]}}");
        assertThat(header.substring(header.strip().length())).matches(" *");
        b.position(8 + (int) n);
        assertThat(b.remaining()).isEqualTo(16);
        assertThat(b.getInt()).isEqualTo(Float.floatToIntBits(1f)); // little-endian IEEE 754
        assertThat(b.getFloat()).isEqualTo(-2f);
        assertThat(b.getDouble()).isEqualTo(0.5);
    }

    /** Both files hold the tensors of tools/golden/safetensors_golden.py, written outside jgrad. */
    @Test
    void readsFilesWrittenByIndependentWriters() throws IOException {
        for (String name : new String[] {"struct_writer.safetensors", "reference.safetensors"}) {
            var c = SafeTensors.read(resource(name));
            Map<String, Tensor> t = c.tensors();
            assertThat(t.get("layer1.weight").floatData()).containsExactly(1f, -2f, 3.5f, 0.25f, -0.125f, 1e-20f);
            assertThat(t.get("layer1.weight").shape()).containsExactly(2, 3);
            assertThat(t.get("layer2.bias").doubleData()).containsExactly(0.1, -2.5, 1e-300);
            assertThat(t.get("scalar").shape()).isEmpty();
            assertThat(t.get("scalar").item()).isEqualTo(42.0);
            assertThat(t.get("empty").shape()).containsExactly(0, 4);
            assertThat(t.get("half").dtype()).isEqualTo(DType.FLOAT32); // F16 widened
            assertThat(t.get("half").floatData()).containsExactly(1.5f, -0.25f);
            assertThat(c.metadata()).containsKey("architecture");
        }
        // file order is the order of the data, not of the JSON keys
        assertThat(SafeTensors.load(resource("struct_writer.safetensors")).keySet())
                .containsExactly("layer1.weight", "layer2.bias", "scalar", "empty", "half");
        assertThat(SafeTensors.load(resource("reference.safetensors")).keySet())
                .containsExactly("layer2.bias", "empty", "layer1.weight", "scalar", "half");
    }

    /** PyTorch writes batch norm's num_batches_tracked as a 0-d int64; jgrad reads I64 as float64. */
    @Test
    void readsInt64AsFloat64() throws IOException {
        Path f = withHeader("{\"n\":{\"dtype\":\"I64\",\"shape\":[],\"data_offsets\":[0,8]},"
                + "\"m\":{\"dtype\":\"I64\",\"shape\":[2],\"data_offsets\":[8,24]}}", 24);
        ByteBuffer data = ByteBuffer.wrap(Files.readAllBytes(f)).order(ByteOrder.LITTLE_ENDIAN);
        int start = data.capacity() - 24;
        data.putLong(start, 600).putLong(start + 8, -3).putLong(start + 16, 1L << 53);
        Files.write(f, data.array());
        var t = SafeTensors.load(f);
        assertThat(t.get("n").dtype()).isEqualTo(DType.FLOAT64);
        assertThat(t.get("n").shape()).isEmpty();
        assertThat(t.get("n").item()).isEqualTo(600.0);
        assertThat(t.get("m").doubleData()).containsExactly(-3.0, 0x1p53);
    }

    private Path withHeader(String json, int dataBytes) throws IOException {
        byte[] h = json.getBytes(StandardCharsets.UTF_8);
        ByteBuffer b = ByteBuffer.allocate(8 + h.length + dataBytes).order(ByteOrder.LITTLE_ENDIAN);
        b.putLong(h.length).put(h);
        return Files.write(dir.resolve("crafted.safetensors"), b.array());
    }

    private void assertCorrupt(Path f, String message) {
        assertThatThrownBy(() -> SafeTensors.load(f)).isInstanceOf(IOException.class)
                .hasMessageContaining(f.toString()).hasMessageContaining(message);
    }

    @Test
    void rejectsHostileHeadersWithClearMessages() throws IOException {
        String ok = "\"a\":{\"dtype\":\"F32\",\"shape\":[2],\"data_offsets\":[0,8]}";
        assertCorrupt(withHeader("{" + ok + "}", 4), "tensors cover 8 bytes of data but the file holds 4 (truncated)");
        assertCorrupt(withHeader("{" + ok + "}", 12), "unexpected trailing bytes");
        assertCorrupt(withHeader("{\"a\":{\"dtype\":\"F32\",\"shape\":[3],\"data_offsets\":[0,8]}}", 8),
                "needs 12 bytes but data_offsets [0, 8] span 8");
        assertCorrupt(withHeader("{\"a\":{\"dtype\":\"I32\",\"shape\":[1],\"data_offsets\":[0,4]}}", 4), "dtype I32");
        assertCorrupt(withHeader("{\"a\":{\"dtype\":\"F32\",\"shape\":[-1],\"data_offsets\":[0,8]}}", 8), "bad dimension -1");
        assertCorrupt(withHeader("{\"a\":{\"dtype\":\"F32\",\"shape\":[65536,65536,65536],"
                + "\"data_offsets\":[0,8]}}", 8), "too large");
        assertCorrupt(withHeader("{\"a\":{\"dtype\":\"F32\",\"shape\":[1],\"data_offsets\":[0,4]},"
                + "\"b\":{\"dtype\":\"F32\",\"shape\":[2],\"data_offsets\":[0,8]}}", 8), "overlaps");
        assertCorrupt(withHeader("{\"a\":{\"dtype\":\"F32\",\"shape\":[1],\"data_offsets\":[4,8]}}", 8), "gap");
        int g = 1 << 30; // the product 2^125 wraps to 0 in a long; the header must still be rejected
        assertCorrupt(withHeader("{\"a\":{\"dtype\":\"F32\",\"shape\":[" + g + "," + g + ",32," + g + "," + g
                + "],\"data_offsets\":[0,0]}}", 0), "too large");
        assertCorrupt(withHeader("{\"a\":{\"dtype\":\"F32\",\"shape\":[" + g + "," + g + ",0],"
                + "\"data_offsets\":[0,0]}}", 0), "too large"); // empty, but no Tensor can have that shape
        assertCorrupt(withHeader("{\"\\u-001\":{\"dtype\":\"F32\",\"shape\":[0],\"data_offsets\":[0,0]}}", 0),
                "bad \\u escape");
        byte[] latin1 = "{\"caf\u00e9\":{\"dtype\":\"F32\",\"shape\":[0],\"data_offsets\":[0,0]}}"
                .getBytes(StandardCharsets.ISO_8859_1);
        Path notUtf8 = Files.write(dir.resolve("latin1.safetensors"), ByteBuffer.allocate(8 + latin1.length)
                .order(ByteOrder.LITTLE_ENDIAN).putLong(latin1.length).put(latin1).array());
        assertCorrupt(notUtf8, "not valid UTF-8");
        Path maxLength = Files.write(dir.resolve("max"), ByteBuffer.allocate(16).order(ByteOrder.LITTLE_ENDIAN)
                .putLong(Long.MAX_VALUE).putLong(0).array());
        assertCorrupt(maxLength, "header length 9223372036854775807 is impossible");
        assertCorrupt(withHeader("{" + ok + "," + ok + "}", 8), "duplicate key");
        assertCorrupt(withHeader("{" + ok, 8), "not valid JSON");
        assertCorrupt(withHeader("[1]", 0), "not a JSON object");
        assertCorrupt(withHeader("{\"__metadata__\":{\"x\":1}}", 0), "not a string");
        assertCorrupt(withHeader("{\"a\":{\"dtype\":\"F32\",\"shape\":[0],\"data_offsets\":[0,0],\"x\":1}}", 0),
                "unknown field");
        assertCorrupt(withHeader("[".repeat(100_000), 0), "nesting deeper");
        Path shortFile = Files.write(dir.resolve("short"), new byte[] {1, 2, 3});
        assertCorrupt(shortFile, "too short");
        Path huge = Files.write(dir.resolve("huge"), ByteBuffer.allocate(16).order(ByteOrder.LITTLE_ENDIAN)
                .putLong(-1L).putLong(0).array());
        assertCorrupt(huge, "header length 18446744073709551615 is impossible");
    }

    /**
     * Fuzzing: seeded random mutations of a valid file (flipped, replaced, inserted or deleted
     * bytes, truncations, digits replaced in the header) must load or fail with an IOException,
     * never another exception or an OutOfMemoryError.
     */
    @Test
    void mutatedFilesLoadOrFailWithIOException() throws IOException {
        Path valid = dir.resolve("valid.safetensors");
        SafeTensors.save(valid, sample(), Map.of("architecture", "x"));
        byte[] original = Files.readAllBytes(valid);
        int headerEnd = 8 + (int) ByteBuffer.wrap(original).order(ByteOrder.LITTLE_ENDIAN).getLong();
        var rng = new SplittableRandom(20240601);
        String name = "mutant.safetensors";
        int loaded = 0, rejected = 0;
        for (int iter = 0; iter < 3000; iter++) {
            byte[] m = mutate(original, headerEnd, rng);
            try (var channel = new InMemoryChannel(m)) {
                Map<String, Tensor> t = SafeTensors.read(channel, name).tensors();
                for (Tensor x : t.values()) {
                    long numel = 1;
                    for (int d : x.shape()) numel *= d;
                    assertThat((long) x.numel()).isEqualTo(numel);
                }
                loaded++;
            } catch (IOException e) {
                if (!e.getMessage().startsWith(name + ": not a valid safetensors file: ")) throw e;
                rejected++;
            }
        }
        // a few real files too
        for (int iter = 0; iter < 20; iter++) {
            Path f = Files.write(dir.resolve(name), mutate(original, headerEnd, rng));
            try {
                SafeTensors.load(f);
            } catch (IOException e) {
                assertThat(e.getMessage()).startsWith(f.toString());
            }
        }
        assertThat(loaded).isPositive(); // data-only mutations still load
        assertThat(rejected).isGreaterThan(1000);
    }

    /**
     * Fuzzing the header's structure: seeded random headers whose dtypes, dimensions and offsets
     * are mostly right and sometimes replaced by hostile values (huge, negative, fractional, not
     * numbers), with a right or wrong data length and header length. Each must load with shapes
     * that agree with the data, or fail with an IOException naming the file.
     */
    @Test
    void structuredHeadersLoadOrFailWithIOException() throws IOException {
        String[] hostile = {"-1", "2147483647", "2147483648", "4294967296", "9223372036854775807",
            "9223372036854775808", "1e3", "1.5", "1073741824", "32", "[]", "null", "\"x\""};
        String[] dtypes = {"F64", "F16", "BF16", "I8", "", "f32"};
        var rng = new SplittableRandom(42);
        int loaded = 0;
        for (int iter = 0; iter < 4000; iter++) {
            StringBuilder h = new StringBuilder("{");
            long offset = 0;
            for (int k = 0, n = 1 + rng.nextInt(3); k < n; k++) {
                String dtype = rng.nextInt(4) == 0 ? dtypes[rng.nextInt(dtypes.length)] : "F32";
                int size = switch (dtype) { case "F64" -> 8; case "F16", "BF16" -> 2; default -> 4; };
                h.append(k > 0 ? "," : "").append("\"t").append(k).append("\":{\"dtype\":\"").append(dtype).append("\",\"shape\":[");
                long numel = 1;
                for (int d = 0, rank = rng.nextInt(4); d < rank; d++) {
                    int dim = rng.nextInt(4);
                    numel *= dim;
                    h.append(d > 0 ? "," : "").append(rng.nextInt(8) == 0 ? hostile[rng.nextInt(hostile.length)] : dim);
                }
                long end = offset + numel * size;
                h.append("],\"data_offsets\":[").append(rng.nextInt(8) == 0 ? hostile[rng.nextInt(hostile.length)] : offset)
                        .append(',').append(rng.nextInt(8) == 0 ? hostile[rng.nextInt(hostile.length)] : end).append("]}");
                offset = end;
            }
            byte[] header = h.append('}').toString().getBytes(StandardCharsets.UTF_8);
            int data = rng.nextInt(4) == 0 ? rng.nextInt(64) : (int) offset;
            long declared = rng.nextInt(10) == 0 ? rng.nextLong() : header.length;
            byte[] file = ByteBuffer.allocate(8 + header.length + data).order(ByteOrder.LITTLE_ENDIAN)
                    .putLong(declared).put(header).array();
            try (var channel = new InMemoryChannel(file)) {
                for (Tensor t : SafeTensors.read(channel, "fuzzed").tensors().values()) {
                    long numel = 1;
                    for (int d : t.shape()) numel *= d;
                    assertThat((long) t.numel()).isEqualTo(numel);
                }
                loaded++;
            } catch (IOException e) {
                assertThat(e.getMessage()).startsWith("fuzzed: not a valid safetensors file: ");
            }
        }
        assertThat(loaded).isBetween(400, 3600); // both outcomes are exercised
    }

    private static byte[] mutate(byte[] original, int headerEnd, SplittableRandom rng) {
        byte[] m = original.clone();
        int edits = 1 + rng.nextInt(3);
        for (int e = 0; e < edits; e++) {
            int kind = rng.nextInt(6);
            int pos = kind == 5 ? rng.nextInt(headerEnd) : rng.nextInt(m.length);
            switch (kind) {
                case 0 -> m[pos] ^= (byte) (1 << rng.nextInt(8));
                case 1 -> m[pos] = (byte) rng.nextInt(256);
                case 2 -> m = java.util.Arrays.copyOf(m, rng.nextInt(m.length + 1)); // truncate
                case 3 -> { // insert a byte
                    byte[] n = new byte[m.length + 1];
                    System.arraycopy(m, 0, n, 0, pos);
                    n[pos] = (byte) rng.nextInt(256);
                    System.arraycopy(m, pos, n, pos + 1, m.length - pos);
                    m = n;
                }
                case 4 -> { // delete a byte
                    if (m.length == 0) break;
                    byte[] n = new byte[m.length - 1];
                    System.arraycopy(m, 0, n, 0, pos);
                    System.arraycopy(m, pos + 1, n, pos, m.length - pos - 1);
                    m = n;
                }
                default -> { // replace a header digit by a digit or a minus sign, keeping the length
                    if (pos < m.length && m[pos] >= '0' && m[pos] <= '9') m[pos] = (byte) "0123456789-9"
                            .charAt(rng.nextInt(12));
                }
            }
            if (m.length == 0) break;
        }
        return m;
    }

    @Test
    void aFailedWriteLeavesTheOldFileAndNoTemporaryFile() throws IOException {
        Path f = dir.resolve("keep.safetensors");
        SafeTensors.save(f, sample());
        byte[] before = Files.readAllBytes(f);
        assertThatThrownBy(() -> AtomicFile.write(f, channel -> {
            channel.write(ByteBuffer.wrap(new byte[] {1, 2, 3}));
            throw new IOException("disk full (simulated)");
        })).hasMessageContaining("simulated");
        assertThat(Files.readAllBytes(f)).isEqualTo(before);
        try (var files = Files.list(dir)) {
            assertThat(files).containsExactly(f);
        }
        assertThatThrownBy(() -> SafeTensors.save(f, Map.of("__metadata__", Tensor.zeros(1))))
                .isInstanceOf(IllegalArgumentException.class);
    }

    /** A read-only channel over a byte array, so the fuzz loop does not wait for the disk. */
    static final class InMemoryChannel implements java.nio.channels.SeekableByteChannel {
        private final byte[] bytes;
        private long position;

        InMemoryChannel(byte[] bytes) {
            this.bytes = bytes;
        }

        @Override
        public int read(ByteBuffer dst) {
            if (position >= bytes.length) return -1;
            int n = (int) Math.min(dst.remaining(), bytes.length - position);
            dst.put(bytes, (int) position, n);
            position += n;
            return n;
        }

        @Override public int write(ByteBuffer src) { throw new UnsupportedOperationException(); }
        @Override public long position() { return position; }
        @Override public InMemoryChannel position(long p) { position = p; return this; }
        @Override public long size() { return bytes.length; }
        @Override public InMemoryChannel truncate(long size) { throw new UnsupportedOperationException(); }
        @Override public boolean isOpen() { return true; }
        @Override public void close() {}
    }
}
