package jgrad.data;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * Verifies files against a {@code SHA256SUMS} manifest in their folder, in the format written by
 * {@code sha256sum} (so {@code sha256sum -c SHA256SUMS} checks the same thing by hand).
 */
final class Checksums {
    static final String MANIFEST = "SHA256SUMS";

    private Checksums() {}

    /**
     * Checks {@code bytes}, the content of {@code file}, against the manifest next to it. Unless
     * {@code listed} (for data that ships with jgrad), a folder without a manifest, or a file the
     * manifest does not list, is not checked.
     *
     * @throws IOException if the manifest lists the file with a different hash, or is malformed;
     *     if {@code listed} and there is no manifest or it does not list the file
     */
    static void verify(Path file, byte[] bytes, boolean listed) throws IOException {
        Path manifest = file.toAbsolutePath().resolveSibling(MANIFEST);
        if (!Files.isRegularFile(manifest)) {
            if (listed) throw new IOException(file + ": the checksum manifest " + manifest + " is missing");
            return;
        }
        String expected = expectedHash(manifest, file.getFileName().toString());
        if (expected == null) {
            if (listed) throw new IOException(file + ": not listed in " + manifest);
            return;
        }
        String actual = sha256(bytes);
        if (!actual.equalsIgnoreCase(expected)) {
            throw new IOException(file + ": SHA-256 is " + actual + " but " + manifest + " expects "
                    + expected + " (corrupt or replaced file; restore it, e.g. `git checkout -- " + file.getFileName() + "`)");
        }
    }

    private static String expectedHash(Path manifest, String name) throws IOException {
        int lineNo = 0;
        for (String line : Files.readAllLines(manifest, StandardCharsets.UTF_8)) {
            lineNo++;
            if (line.isBlank() || line.startsWith("#")) continue;
            String[] parts = line.strip().split("\\s+\\*?", 2);
            if (parts.length != 2 || !parts[0].matches("[0-9a-fA-F]{64}")) {
                throw new IOException(manifest + ": line " + lineNo + " is not '<sha256>  <file name>': " + line);
            }
            if (parts[1].equals(name)) return parts[0];
        }
        return null;
    }

    /** Lower-case hex SHA-256 of {@code bytes}. */
    static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JDK always provides SHA-256", e);
        }
    }
}
