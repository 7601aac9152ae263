package jgrad;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;

/**
 * The jgrad version this code was built as, e.g. {@code "0.2.0"}: the version of the parent POM,
 * which is its one source (Maven writes it into {@code jgrad/version.properties} at build time).
 * Model files and checkpoints record it; the command line prints it.
 */
public final class Version {
    private static final String CURRENT = read();

    private Version() {}

    /**
     * The version of this build.
     *
     * @return e.g. {@code "0.2.0"} or {@code "0.2.0-SNAPSHOT"}; {@code "dev"} when the classes were
     *     compiled without Maven (from an IDE), so the version was never filled in
     */
    public static String current() {
        return CURRENT;
    }

    private static String read() {
        try (InputStream in = Version.class.getResourceAsStream("version.properties")) {
            if (in != null) {
                Properties p = new Properties();
                p.load(in);
                String v = p.getProperty("version", "");
                if (!v.isBlank() && !v.contains("${")) return v;
            }
        } catch (IOException e) {
            // NOTE: an unreadable resource is reported as "dev", like a missing one; never fatal
        }
        return "dev";
    }
}
