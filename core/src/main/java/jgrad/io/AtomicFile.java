package jgrad.io;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Writes a file atomically: the content goes to a temporary file in the same folder, is forced
 * to disk, and is then renamed over the target, so readers see the old file or the new one,
 * never a half-written one.
 *
 * <p>No temporary file outlives a save: it is deleted when writing fails, and when the JVM shuts
 * down in the middle of a save (Ctrl-C, {@code System.exit}). A process killed outright
 * ({@code kill -9}, a crash) cannot clean up, so the temporary file's name carries the writing
 * process's id ({@code .model.safetensors.<pid>.<random>.tmp}), and the next save of the same
 * file deletes leftovers of processes that are no longer running.
 */
public final class AtomicFile {
    private static final Pattern TEMP = Pattern.compile("\\.(.+)\\.(\\d+)\\.\\d+\\.tmp");
    /** Temporary files of saves in progress in this JVM, deleted by the shutdown hook. */
    private static final Set<Path> PENDING = ConcurrentHashMap.newKeySet();
    private static final long PID = ProcessHandle.current().pid();

    static {
        try {
            Runtime.getRuntime().addShutdownHook(new Thread(AtomicFile::deletePending, "jgrad-atomic-file-cleanup"));
        } catch (IllegalStateException e) {
            // first used while the JVM is already shutting down: failures still clean up in write()
        }
    }

    private AtomicFile() {}

    /** Writes the content of a file through a channel. */
    @FunctionalInterface
    public interface Content {
        /**
         * Writes everything to {@code channel}, which starts empty.
         *
         * @param channel the temporary file, open for writing
         * @throws IOException if writing fails; {@link AtomicFile#write(Path, Content)} then keeps the old file
         */
        void writeTo(FileChannel channel) throws IOException;
    }

    /**
     * Replaces {@code file} with what {@code content} writes.
     *
     * @param file the file to replace or create (its folder is created if needed)
     * @param content writes the new content
     * @throws IOException if writing or renaming fails; the temporary file is then deleted and
     *     {@code file} is left as it was
     */
    public static void write(Path file, Content content) throws IOException {
        Path target = file.toAbsolutePath();
        Path dir = target.getParent();
        if (dir != null) Files.createDirectories(dir);
        deleteLeftovers(dir, target.getFileName().toString());
        Path tmp = Files.createTempFile(dir, "." + target.getFileName() + "." + PID + ".", ".tmp");
        PENDING.add(tmp);
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
            PENDING.remove(tmp);
        }
    }

    /**
     * Replaces {@code file} with {@code bytes}, atomically.
     *
     * @param file the file to replace or create (its folder is created if needed)
     * @param bytes the new content
     * @throws IOException if writing or renaming fails; {@code file} is then left as it was
     */
    public static void write(Path file, byte[] bytes) throws IOException {
        write(file, channel -> {
            var buf = ByteBuffer.wrap(bytes);
            while (buf.hasRemaining()) channel.write(buf);
        });
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

    /** Deletes temporary files of earlier saves of {@code name} whose process is gone. */
    private static void deleteLeftovers(Path dir, String name) throws IOException {
        String prefix = "." + name + ".";
        try (DirectoryStream<Path> temps = Files.newDirectoryStream(dir, p -> p.getFileName().toString().startsWith(prefix))) {
            for (Path t : temps) {
                Matcher m = TEMP.matcher(t.getFileName().toString());
                if (!m.matches() || !m.group(1).equals(name)) continue;
                long pid = Long.parseLong(m.group(2));
                boolean running = pid == PID ? PENDING.contains(t.toAbsolutePath())
                        : ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false);
                if (!running) Files.deleteIfExists(t);
            }
        } catch (NumberFormatException e) {
            // a name with an absurd pid is not ours: leave it
        }
    }

    /** Deletes the temporary files of saves still in progress (the shutdown hook). */
    static void deletePending() {
        for (Path tmp : PENDING) {
            try {
                Files.deleteIfExists(tmp);
            } catch (IOException e) {
                // shutting down: nothing more can be done
            }
        }
    }
}
