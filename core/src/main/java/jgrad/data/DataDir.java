package jgrad.data;

import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Finds the folder holding the datasets shipped with jgrad ({@code data/} in the project).
 *
 * <p>Looked up in this order: the system property {@code jgrad.data}, the environment variable
 * {@code JGRAD_DATA}, then a {@code data/} folder holding {@code mnist/} in the working directory
 * or one of its parents, then the same search upward from where the jgrad classes were loaded
 * (so a program started from elsewhere still finds the project's copy).
 */
public final class DataDir {
    /** The system property naming the data folder. */
    public static final String PROPERTY = "jgrad.data";
    /** The environment variable naming the data folder. */
    public static final String ENV = "JGRAD_DATA";

    private DataDir() {}

    /**
     * The data folder, found as described in the class comment.
     *
     * @return the folder; if none is found, {@code data} relative to the working directory (loading
     *     from it then fails with a message naming the missing file)
     */
    public static Path root() {
        String configured = configured();
        if (configured != null) return Path.of(configured);
        Path found = searchUp(Path.of("").toAbsolutePath());
        if (found == null) found = searchUp(codeLocation());
        return found != null ? found : Path.of("data");
    }

    /** The folder set by the user through the property or the environment, or null. */
    static String configured() {
        String configured = System.getProperty(PROPERTY);
        if (configured == null || configured.isBlank()) configured = System.getenv(ENV);
        return configured == null || configured.isBlank() ? null : configured;
    }

    /** The first {@code data/} folder with a {@code mnist/} subfolder at or above {@code start}. */
    private static Path searchUp(Path start) {
        for (Path dir = start; dir != null; dir = dir.getParent()) {
            Path candidate = dir.resolve("data");
            if (Files.isDirectory(candidate.resolve("mnist"))) return candidate;
        }
        return null;
    }

    private static Path codeLocation() {
        try {
            var source = DataDir.class.getProtectionDomain().getCodeSource();
            return source == null ? null : Path.of(source.getLocation().toURI()).toAbsolutePath();
        } catch (URISyntaxException | SecurityException | IllegalArgumentException e) {
            return null;
        }
    }
}
