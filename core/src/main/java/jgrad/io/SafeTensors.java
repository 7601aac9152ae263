package jgrad.io;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.channels.NonWritableChannelException;
import java.nio.channels.SeekableByteChannel;
import java.nio.channels.WritableByteChannel;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SequencedMap;
import jgrad.Version;
import jgrad.tensor.DType;
import jgrad.tensor.Tensor;

/**
 * Reads and writes tensors in the <a href="https://github.com/huggingface/safetensors">safetensors</a>
 * format, so a jgrad model can be opened by PyTorch ({@code safetensors.torch.load_file}) and
 * the other way round.
 *
 * <p>The layout: an unsigned 64-bit little-endian length {@code N}, then {@code N} bytes of UTF-8
 * JSON (padded with spaces), then the data. The JSON maps each tensor name to
 * {@code {"dtype": "F32", "shape": [2, 3], "data_offsets": [begin, end]}} (offsets into the data,
 * which is little-endian and row-major), plus an optional {@code "__metadata__"} map of strings
 * to strings, where jgrad records its version and whatever the caller adds (the architecture,
 * the epoch). jgrad writes F32 and F64 and reads F32, F64, F16/BF16 (widened to float32) and I64
 * (as float64, exact up to 2^53: PyTorch stores batch norm's {@code num_batches_tracked} so).
 * The same layout can be made and read in memory ({@link #toBytes(Map, Map)}, {@link #read(byte[])}),
 * e.g. to send parameters or gradients between machines.
 *
 * <p>Loading checks the whole header before allocating: the header length against the file
 * size, every dtype, shape and offset, sizes that agree with the shapes, and data that covers
 * the buffer exactly with no gaps or overlaps. Any problem is an {@link IOException} whose
 * message names the file and what is wrong; a hostile file cannot cause a huge allocation.
 */
public final class SafeTensors {
    /** The metadata key holding the jgrad version that wrote a file. */
    public static final String VERSION_KEY = "jgrad.version";
    /** Largest header accepted (the safetensors reference limit). */
    static final long MAX_HEADER_BYTES = 100_000_000;
    private static final String METADATA = "__metadata__";
    private static final int CHUNK = 1 << 16;

    private SafeTensors() {}

    /**
     * What a safetensors file holds.
     *
     * @param tensors the tensors by name, in the order of their data in the file
     * @param metadata the {@code __metadata__} entries, in file order (empty if none)
     */
    public record Contents(SequencedMap<String, Tensor> tensors, SequencedMap<String, String> metadata) {}

    /**
     * Saves tensors (e.g. a model's {@code stateDict()}) with no extra metadata beyond the jgrad
     * version; see {@link #save(Path, Map, Map)}.
     *
     * @param file where to write
     * @param tensors the tensors by name, written in the map's order
     * @throws IOException if the file cannot be written; an existing file is then left as it was
     */
    public static void save(Path file, Map<String, ? extends Tensor> tensors) throws IOException {
        save(file, tensors, Map.of());
    }

    /**
     * Saves tensors in map order, with {@code metadata} plus {@code "jgrad.version"} and
     * {@code "format": "pt"} (which PyTorch tools expect) in the header. The file is written to a
     * temporary file in the same folder and then moved over {@code file}, so a crash never leaves
     * a half-written file behind.
     *
     * @param file where to write
     * @param tensors float32 or float64 tensors by name; names must not be empty or {@code "__metadata__"}
     * @param metadata extra string entries, e.g. {@code "architecture"}
     * @throws IOException if writing fails
     */
    public static void save(Path file, Map<String, ? extends Tensor> tensors, Map<String, String> metadata)
            throws IOException {
        byte[] header = header(tensors, metadata);
        AtomicFile.write(file, channel -> write(channel, header, tensors));
    }

    /**
     * The bytes of a safetensors file holding {@code tensors} with no extra metadata; see
     * {@link #toBytes(Map, Map)}.
     *
     * @param tensors the tensors by name, in the map's order
     * @return the file's bytes
     */
    public static byte[] toBytes(Map<String, ? extends Tensor> tensors) {
        return toBytes(tensors, Map.of());
    }

    /**
     * The exact bytes {@link #save(Path, Map, Map)} would write, in memory, e.g. to broadcast a
     * model's parameters or send gradients over the network; {@link #read(byte[])} reads them back.
     *
     * @param tensors the tensors by name, in the map's order
     * @param metadata extra {@code __metadata__} entries, next to the jgrad version
     * @return the file's bytes
     * @throws IllegalArgumentException if a name is invalid or the file would exceed 2 GB
     */
    public static byte[] toBytes(Map<String, ? extends Tensor> tensors, Map<String, String> metadata) {
        byte[] header = header(tensors, metadata);
        long size = 8L + header.length;
        for (Tensor t : tensors.values()) size += (long) t.numel() * (t.dtype() == DType.FLOAT32 ? 4 : 8);
        if (size > Integer.MAX_VALUE - 8) {
            throw new IllegalArgumentException("SafeTensors.toBytes: " + size + " bytes do not fit in one array; save to a file");
        }
        var out = new ByteArrayOutputStream((int) size);
        try {
            write(Channels.newChannel(out), header, tensors);
        } catch (IOException e) {
            throw new UncheckedIOException("SafeTensors.toBytes: writing to memory failed", e); // cannot happen
        }
        return out.toByteArray();
    }

    private static void write(WritableByteChannel channel, byte[] header, Map<String, ? extends Tensor> tensors)
            throws IOException {
        ByteBuffer buf = ByteBuffer.allocate(CHUNK).order(ByteOrder.LITTLE_ENDIAN);
        buf.putLong(header.length).flip();
        writeFully(channel, buf);
        writeFully(channel, ByteBuffer.wrap(header));
        for (Tensor t : tensors.values()) writeData(channel, t, buf);
    }

    private static byte[] header(Map<String, ? extends Tensor> tensors, Map<String, String> metadata) {
        Map<String, Object> json = new LinkedHashMap<>();
        Map<String, String> meta = new LinkedHashMap<>();
        meta.put("format", "pt");
        meta.put(VERSION_KEY, Version.current());
        meta.putAll(metadata);
        json.put(METADATA, meta);
        long offset = 0;
        for (Map.Entry<String, ? extends Tensor> e : tensors.entrySet()) {
            String name = e.getKey();
            Tensor t = e.getValue();
            if (name == null || name.isEmpty() || name.equals(METADATA)) {
                throw new IllegalArgumentException("SafeTensors.save: invalid tensor name '" + name + "'");
            }
            long bytes = (long) t.numel() * (t.dtype() == DType.FLOAT32 ? 4 : 8);
            Map<String, Object> info = new LinkedHashMap<>();
            info.put("dtype", t.dtype() == DType.FLOAT32 ? "F32" : "F64");
            info.put("shape", t.shape());
            info.put("data_offsets", List.of(offset, offset + bytes));
            json.put(name, info);
            offset += bytes;
        }
        byte[] bytes = Json.write(json).getBytes(StandardCharsets.UTF_8);
        // pad with spaces, as the reference writer does, so the data starts 8-byte aligned
        byte[] padded = Arrays.copyOf(bytes, (bytes.length + 7) / 8 * 8);
        Arrays.fill(padded, bytes.length, padded.length, (byte) ' ');
        return padded;
    }

    private static void writeData(WritableByteChannel channel, Tensor t, ByteBuffer buf) throws IOException {
        boolean f32 = t.dtype() == DType.FLOAT32;
        int size = f32 ? 4 : 8;
        int numel = t.numel();
        buf.clear();
        for (int i = 0; i < numel; ) {
            int k = Math.min(numel - i, buf.remaining() / size);
            if (f32) buf.asFloatBuffer().put(t.floatData(), i, k);
            else buf.asDoubleBuffer().put(t.doubleData(), i, k);
            buf.position(buf.position() + k * size);
            i += k;
            flush(channel, buf);
        }
    }

    private static void flush(WritableByteChannel channel, ByteBuffer buf) throws IOException {
        buf.flip();
        writeFully(channel, buf);
        buf.clear();
    }

    private static void writeFully(WritableByteChannel channel, ByteBuffer buf) throws IOException {
        while (buf.hasRemaining()) channel.write(buf);
    }

    /**
     * Loads the tensors of a safetensors file, by name, in the order of their data in the file.
     *
     * @param file a safetensors file, e.g. written by PyTorch's {@code safetensors.torch.save_file}
     * @return new tensors, float32 or float64 (F16/BF16 widened to float32, I64 read as float64)
     * @throws IOException if the file cannot be read or is not a valid safetensors file; the
     *     message names the file and the problem
     */
    public static SequencedMap<String, Tensor> load(Path file) throws IOException {
        return read(file).tensors();
    }

    /**
     * Loads the tensors and the metadata of a safetensors file.
     *
     * @param file a safetensors file
     * @return the tensors, as {@link #load(Path)} gives them, and the metadata
     * @throws IOException if the file cannot be read or is not a valid safetensors file
     */
    public static Contents read(Path file) throws IOException {
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
            return read(channel, file.toString());
        }
    }

    /**
     * Loads the tensors and the metadata from the bytes of a safetensors file (as
     * {@link #toBytes(Map, Map)} makes them), with the same checks as for a file.
     *
     * @param bytes the whole file
     * @return the tensors and the metadata
     * @throws IOException if the bytes are not a valid safetensors file; the message says what is wrong
     */
    public static Contents read(byte[] bytes) throws IOException {
        return read(new BytesChannel(bytes), "safetensors bytes (" + bytes.length + ")");
    }

    /** Reads from an open channel; {@code file} names the source in error messages. */
    static Contents read(SeekableByteChannel channel, String file) throws IOException {
        Header h = readHeader(channel, file);
        SequencedMap<String, Tensor> tensors = new LinkedHashMap<>();
        long dataSize = channel.size() - h.dataStart();
        ByteBuffer buf = ByteBuffer.allocate((int) Math.min(CHUNK, dataSize + 8)).order(ByteOrder.LITTLE_ENDIAN);
        channel.position(h.dataStart());
        buf.limit(0);
        for (Entry e : h.entries()) tensors.put(e.name(), readTensor(channel, buf, e, file));
        return new Contents(Collections.unmodifiableSequencedMap(tensors), h.metadata());
    }

    /**
     * Reads only the metadata of a safetensors file (cheap: the data is not read).
     *
     * @param file a safetensors file
     * @return the {@code __metadata__} entries in file order; empty if there are none
     * @throws IOException if the file cannot be read or its header is invalid
     */
    public static SequencedMap<String, String> readMetadata(Path file) throws IOException {
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
            return readHeader(channel, file.toString()).metadata();
        }
    }

    /** The bytes per element of a dtype name, or 0 when jgrad cannot read it. */
    private static int dtypeSize(String dtype) {
        return switch (dtype) {
            case "F32" -> 4;
            case "F64", "I64" -> 8;
            case "F16", "BF16" -> 2;
            default -> 0;
        };
    }

    private record Entry(String name, String dtype, int[] shape, long begin, long end, int headerIndex) {}

    private record Header(List<Entry> entries, SequencedMap<String, String> metadata, long dataStart) {}

    private static Header readHeader(SeekableByteChannel channel, String file) throws IOException {
        long fileSize = channel.size();
        if (fileSize < 8) throw corrupt(file, "file has " + fileSize + " bytes, too short for the 8-byte header length");
        ByteBuffer lenBuf = ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN);
        readFully(channel, lenBuf, 0, file);
        long n = lenBuf.flip().getLong();
        if (n < 2 || n > fileSize - 8 || n > MAX_HEADER_BYTES) {
            throw corrupt(file, "header length " + Long.toUnsignedString(n) + " is impossible for a file of "
                    + fileSize + " bytes");
        }
        ByteBuffer headerBuf = ByteBuffer.allocate((int) n);
        readFully(channel, headerBuf, 8, file);
        String text;
        try {
            text = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(headerBuf.flip()).toString();
        } catch (CharacterCodingException e) {
            throw corrupt(file, "header is not valid UTF-8");
        }
        Object json;
        try {
            json = Json.parse(text);
        } catch (Json.SyntaxException e) {
            throw corrupt(file, "header is not valid JSON: " + e.getMessage());
        }
        if (!(json instanceof Map<?, ?> map)) throw corrupt(file, "header is not a JSON object");
        List<Entry> entries = new ArrayList<>();
        SequencedMap<String, String> metadata = new LinkedHashMap<>();
        for (Map.Entry<?, ?> e : map.entrySet()) {
            String name = (String) e.getKey();
            if (name.equals(METADATA)) {
                if (!(e.getValue() instanceof Map<?, ?> meta)) throw corrupt(file, "__metadata__ is not an object");
                for (Map.Entry<?, ?> m : meta.entrySet()) {
                    if (!(m.getValue() instanceof String value)) {
                        throw corrupt(file, "__metadata__ value of '" + m.getKey() + "' is not a string");
                    }
                    metadata.put((String) m.getKey(), value);
                }
            } else {
                entries.add(entry(file, name, e.getValue(), entries.size()));
            }
        }
        long dataSize = fileSize - 8 - n;
        entries.sort(Comparator.comparingLong(Entry::begin).thenComparingLong(Entry::end)
                .thenComparingInt(Entry::headerIndex));
        long expected = 0;
        for (Entry e : entries) {
            if (e.begin() != expected) {
                throw corrupt(file, "tensor '" + e.name() + "' starts at byte " + e.begin() + " of the data but "
                        + (e.begin() < expected ? "overlaps the previous tensor, which ends" : "there is a gap; the previous tensor ends")
                        + " at " + expected);
            }
            expected = e.end();
        }
        if (expected != dataSize) {
            throw corrupt(file, "tensors cover " + expected + " bytes of data but the file holds " + dataSize
                    + (expected > dataSize ? " (truncated)" : " (unexpected trailing bytes)"));
        }
        return new Header(List.copyOf(entries), Collections.unmodifiableSequencedMap(metadata), 8 + n);
    }

    private static Entry entry(String file, String name, Object value, int index) throws IOException {
        String where = "tensor '" + name + "'";
        if (!(value instanceof Map<?, ?> info)) throw corrupt(file, where + " is not an object");
        for (Object key : info.keySet()) {
            if (!List.of("dtype", "shape", "data_offsets").contains(key)) throw corrupt(file, where + " has unknown field '" + key + "'");
        }
        if (!(info.get("dtype") instanceof String dtype)) throw corrupt(file, where + " has no dtype string");
        int size = dtypeSize(dtype);
        if (size == 0) throw corrupt(file, where + " has dtype " + dtype + ", which jgrad does not read (F32, F64, F16, BF16, I64)");
        if (!(info.get("shape") instanceof List<?> dims)) throw corrupt(file, where + " has no shape array");
        int[] shape = new int[dims.size()];
        long numel = 1;
        for (int i = 0; i < shape.length; i++) {
            if (!(dims.get(i) instanceof Long d) || d < 0 || d > Integer.MAX_VALUE) {
                throw corrupt(file, where + " has a bad dimension " + dims.get(i) + " in shape " + dims);
            }
            shape[i] = (int) (long) d;
            // checked at every dimension, so the long never wraps (a wrapped product once let
            // [2^30, 2^30, 32, 2^30, 2^30] through) and, as for a Tensor, no prefix exceeds an int
            numel *= d;
            if (numel > Integer.MAX_VALUE - 8) throw corrupt(file, where + " shape " + dims + " is too large for one array");
        }
        if (!(info.get("data_offsets") instanceof List<?> off) || off.size() != 2
                || !(off.get(0) instanceof Long begin) || !(off.get(1) instanceof Long end) || begin < 0 || end < begin) {
            throw corrupt(file, where + " has bad data_offsets " + info.get("data_offsets"));
        }
        if (end - begin != numel * size) {
            throw corrupt(file, where + " of dtype " + dtype + " and shape " + Arrays.toString(shape) + " needs "
                    + numel * size + " bytes but data_offsets " + off + " span " + (end - begin));
        }
        return new Entry(name, dtype, shape, begin, end, index);
    }

    private static Tensor readTensor(SeekableByteChannel channel, ByteBuffer buf, Entry e, String file) throws IOException {
        int size = dtypeSize(e.dtype());
        int numel = (int) ((e.end() - e.begin()) / size);
        boolean f64 = e.dtype().equals("F64") || e.dtype().equals("I64");
        Tensor t = Tensor.zeros(f64 ? DType.FLOAT64 : DType.FLOAT32, e.shape());
        float[] fs = f64 ? null : t.floatData();
        double[] ds = f64 ? t.doubleData() : null;
        for (int i = 0; i < numel; ) {
            if (buf.remaining() < size) refill(channel, buf, size, file);
            int k = Math.min(numel - i, buf.remaining() / size);
            int at = buf.position();
            switch (e.dtype()) {
                case "F32" -> buf.asFloatBuffer().get(fs, i, k);
                case "F64" -> buf.asDoubleBuffer().get(ds, i, k);
                case "I64" -> {
                    for (int j = 0; j < k; j++) ds[i + j] = buf.getLong(at + 8 * j);
                }
                case "F16" -> {
                    for (int j = 0; j < k; j++) fs[i + j] = Float.float16ToFloat(buf.getShort(at + 2 * j));
                }
                default -> { // BF16: the upper half of a float32
                    for (int j = 0; j < k; j++) fs[i + j] = Float.intBitsToFloat((buf.getShort(at + 2 * j) & 0xFFFF) << 16);
                }
            }
            buf.position(at + k * size);
            i += k;
        }
        return t;
    }

    /** Moves unread bytes to the front and fills the buffer from the channel. */
    private static void refill(SeekableByteChannel channel, ByteBuffer buf, int needed, String file) throws IOException {
        buf.compact();
        while (buf.hasRemaining()) {
            if (channel.read(buf) < 0) break;
        }
        buf.flip();
        if (buf.remaining() < needed) throw corrupt(file, "file ended early (changed while reading?)");
    }

    private static void readFully(SeekableByteChannel channel, ByteBuffer buf, long position, String file) throws IOException {
        channel.position(position);
        while (buf.hasRemaining()) {
            if (channel.read(buf) < 0) throw corrupt(file, "file ended early (changed while reading?)");
        }
    }

    private static IOException corrupt(String file, String what) {
        return new IOException(file + ": not a valid safetensors file: " + what);
    }

    /** A read-only channel over a byte array, so bytes are checked and read like a file. */
    private static final class BytesChannel implements SeekableByteChannel {
        private final byte[] bytes;
        private int position;

        BytesChannel(byte[] bytes) {
            this.bytes = bytes;
        }

        @Override
        public int read(ByteBuffer dst) {
            if (position >= bytes.length) return -1;
            int n = Math.min(dst.remaining(), bytes.length - position);
            dst.put(bytes, position, n);
            position += n;
            return n;
        }

        @Override
        public int write(ByteBuffer src) {
            throw new NonWritableChannelException();
        }

        @Override
        public long position() {
            return position;
        }

        @Override
        public SeekableByteChannel position(long newPosition) {
            position = (int) Math.min(newPosition, bytes.length);
            return this;
        }

        @Override
        public long size() {
            return bytes.length;
        }

        @Override
        public SeekableByteChannel truncate(long size) {
            throw new NonWritableChannelException();
        }

        @Override
        public boolean isOpen() {
            return true;
        }

        @Override
        public void close() {}
    }
}
