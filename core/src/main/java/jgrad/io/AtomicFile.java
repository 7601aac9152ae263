package jgrad.io;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermissions;

/**
 * Writes a file atomically: the content goes to a temporary file in the same folder, is forced
 * to disk, and is then renamed over the target, so readers see the old file or the new one,
 * never a half-written one.
 */
public final class AtomicFile {
    private AtomicFile() {}

    /** Writes the content of a file through a channel. */
    @FunctionalInterface
    public interface Content {
        /** Writes everything to {@code channel}, which starts empty. */
        void writeTo(FileChannel channel) throws IOException;
    }

    /**
     * Replaces {@code file} with what {@code content} writes.
     *
     * @throws IOException if writing or renaming fails; the temporary file is then deleted and
     *     {@code file} is left as it was
     */
    public static void write(Path file, Content content) throws IOException {
        Path target = file.toAbsolutePath();
        Path dir = target.getParent();
        if (dir != null) Files.createDirectories(dir);
        Path tmp = Files.createTempFile(dir, "." + target.getFileName() + ".", ".tmp");
        try {
            try (FileChannel channel = FileChannel.open(tmp, StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING)) {
                content.writeTo(channel);
                channel.force(true);
            }
            keepPermissions(tmp, target);
            try {
                Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING);
            }
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    /**
     * Temporary files are private (rw-------); give the new file the permissions of the file it
     * replaces, or rw-r--r-- for a new file, where the file system has POSIX permissions.
     */
    private static void keepPermissions(Path tmp, Path target) throws IOException {
        if (!Files.getFileStore(tmp).supportsFileAttributeView(PosixFileAttributeView.class)) return;
        Files.setPosixFilePermissions(tmp, Files.exists(target) ? Files.getPosixFilePermissions(target)
                : PosixFilePermissions.fromString("rw-r--r--"));
    }

    /** Replaces {@code file} with {@code bytes}, atomically. */
    public static void write(Path file, byte[] bytes) throws IOException {
        write(file, channel -> {
            var buf = java.nio.ByteBuffer.wrap(bytes);
            while (buf.hasRemaining()) channel.write(buf);
        });
    }
}
