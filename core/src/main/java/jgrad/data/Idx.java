package jgrad.data;

import java.io.BufferedInputStream;
import java.io.ByteArrayInputStream;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.zip.GZIPInputStream;
import java.util.zip.ZipException;

/**
 * Reader for the IDX format of MNIST and Fashion-MNIST, plain or gzipped.
 *
 * <p>An IDX file is: two zero bytes, a type byte ({@code 0x08} = unsigned byte, the only type
 * this reader accepts), the number of dimensions, each dimension as a big-endian 32-bit integer,
 * then the values in row-major order. The reader checks every part and the exact data length;
 * a bad file gives an {@link IOException} whose message names the file and what is wrong.
 */
public final class Idx {
    /** Largest number of values read into one array. */
    static final long MAX_VALUES = Integer.MAX_VALUE - 16;

    private Idx() {}

    /**
     * The content of an IDX file of unsigned bytes.
     *
     * @param dims the dimensions, outermost first (for MNIST images: count, rows, columns)
     * @param values the values in row-major order, as stored (read them with {@code & 0xFF})
     */
    public record UnsignedBytes(int[] dims, byte[] values) {
        /** {@return the number of entries along the first dimension (images or labels)} */
        public int count() {
            return dims[0];
        }
    }

    /**
     * Reads an IDX file of unsigned bytes, gzipped (recognised by its content) or not.
     *
     * @param file the file to read
     * @return its dimensions and values
     * @throws IOException if the file cannot be read or is not a valid IDX file of unsigned bytes
     */
    public static UnsignedBytes read(Path file) throws IOException {
        return parse(Files.readAllBytes(file), file.toString());
    }

    /** Parses the bytes of an IDX file (gzipped or not); {@code name} appears in error messages. */
    static UnsignedBytes parse(byte[] fileBytes, String name) throws IOException {
        boolean gzipped = fileBytes.length >= 2 && (fileBytes[0] & 0xFF) == 0x1F && (fileBytes[1] & 0xFF) == 0x8B;
        try (InputStream raw = new ByteArrayInputStream(fileBytes);
                InputStream in = gzipped ? new GZIPInputStream(raw, 1 << 16) : raw) {
            return parse(new DataInputStream(in), name, gzipped ? "" : " (file has " + fileBytes.length + " bytes)");
        } catch (ZipException | EOFException e) {
            throw new IOException(name + ": corrupt or truncated gzip data (" + e.getMessage() + ")", e);
        }
    }

    /**
     * One of {@code parts} equal parts of an IDX file, by its first dimension: part {@code k} holds
     * entries {@code [k * total / parts, (k + 1) * total / parts)}. Reads {@code in} (gzipped or
     * not) only up to the end of the part, so each machine of a cluster can read its own part of
     * one file. The header is checked as in {@link #read(Path)}.
     *
     * @param in the file's content from its first byte (not closed here)
     * @param name the file, for error messages
     * @param part which part, {@code 0 <= part < parts}
     * @param parts how many parts
     * @return the part's values and where it starts in the whole file
     * @throws IOException if the header is invalid or the file ends before the part does
     */
    public static Part readPart(InputStream in, String name, int part, int parts) throws IOException {
        if (parts < 1 || part < 0 || part >= parts) {
            throw new IllegalArgumentException("Idx.readPart: part " + part + " of " + parts + " does not exist");
        }
        var buffered = new BufferedInputStream(in, 1 << 16);
        buffered.mark(2);
        boolean gzipped = buffered.read() == 0x1F && buffered.read() == 0x8B;
        buffered.reset();
        try {
            var data = new DataInputStream(gzipped ? new GZIPInputStream(buffered, 1 << 16) : buffered);
            int[] dims = readDims(data, name, "");
            long total = dims[0];
            long width = dims[0] == 0 ? 0 : Arrays.stream(dims).asLongStream().reduce(1, (a, b) -> a * b) / dims[0];
            long from = part * total / parts;
            long to = (part + 1) * total / parts;
            data.skipNBytes(from * width);
            byte[] values = data.readNBytes((int) ((to - from) * width));
            if (values.length < (to - from) * width) throw new EOFException("file ends inside part " + part);
            int[] partDims = dims.clone();
            partDims[0] = (int) (to - from);
            return new Part(new UnsignedBytes(partDims, values), (int) from, (int) total);
        } catch (ZipException | EOFException e) {
            throw new IOException(name + ": corrupt or truncated " + (gzipped ? "gzip " : "IDX ") + "data (" + e.getMessage() + ")", e);
        }
    }

    /**
     * A part of an IDX file read by {@link #readPart}.
     *
     * @param values the part's entries; {@code values.dims()[0]} is their number
     * @param from the index of its first entry in the whole file
     * @param total the number of entries in the whole file
     */
    public record Part(UnsignedBytes values, int from, int total) {}

    private static UnsignedBytes parse(DataInputStream in, String name, String sizeNote) throws IOException {
        int[] dims = readDims(in, name, sizeNote);
        long count = 1;
        for (int d : dims) count *= d; // readDims checked it fits
        // readNBytes grows its buffer as data arrives, so a lying header cannot force a huge allocation
        byte[] values = in.readNBytes((int) count);
        if (values.length < count) {
            throw new IOException(name + ": truncated IDX data: dimensions " + Arrays.toString(dims) + " need "
                    + count + " bytes of data, found " + values.length + sizeNote);
        }
        if (in.read() != -1) {
            throw new IOException(name + ": unexpected bytes after the IDX data: dimensions "
                    + Arrays.toString(dims) + " need " + count + " bytes of data" + sizeNote);
        }
        return new UnsignedBytes(dims, values);
    }

    /** Reads and checks the magic number and the dimensions. */
    private static int[] readDims(DataInputStream in, String name, String sizeNote) throws IOException {
        byte[] head = in.readNBytes(4);
        if (head.length < 4) {
            throw new IOException(name + ": truncated IDX header (" + head.length + " of 4 magic bytes)" + sizeNote);
        }
        if (head[0] != 0 || head[1] != 0) {
            throw new IOException(name + ": not an IDX file (magic number 0x" + hex(head)
                    + " does not start with two zero bytes)");
        }
        if (head[2] != 0x08) {
            throw new IOException(name + ": IDX type 0x" + String.format("%02X", head[2] & 0xFF)
                    + " is not supported (only 0x08, unsigned byte)");
        }
        int ndim = head[3] & 0xFF;
        if (ndim == 0) {
            throw new IOException(name + ": IDX file with 0 dimensions");
        }
        byte[] dimBytes = in.readNBytes(4 * ndim);
        if (dimBytes.length < 4 * ndim) {
            throw new IOException(name + ": truncated IDX header (" + ndim + " dimensions announced, "
                    + dimBytes.length / 4 + " present)" + sizeNote);
        }
        int[] dims = new int[ndim];
        long count = 1;
        for (int i = 0; i < ndim; i++) {
            int d = ((dimBytes[4 * i] & 0xFF) << 24) | ((dimBytes[4 * i + 1] & 0xFF) << 16)
                    | ((dimBytes[4 * i + 2] & 0xFF) << 8) | (dimBytes[4 * i + 3] & 0xFF);
            if (d < 0) {
                throw new IOException(name + ": IDX dimension " + i + " is negative (" + d + ")");
            }
            dims[i] = d;
            count = Math.min(count * d, MAX_VALUES + 1); // saturate: no overflow
        }
        if (count > MAX_VALUES) {
            throw new IOException(name + ": IDX dimensions " + Arrays.toString(dims) + " hold too many values");
        }
        return dims;
    }

    private static String hex(byte[] bytes) {
        StringBuilder s = new StringBuilder();
        for (byte b : bytes) s.append(String.format("%02X", b & 0xFF));
        return s.toString();
    }
}
