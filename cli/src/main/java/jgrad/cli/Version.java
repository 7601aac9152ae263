package jgrad.cli;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;
import jgrad.io.SafeTensors;
import picocli.CommandLine;

/** The version {@code ./jgrad --version} prints: jgrad's (from the build) and the JDK's. */
final class Version implements CommandLine.IVersionProvider {
    /** The jgrad version the build recorded (the one written into model files), or "dev". */
    static String jgrad() {
        // the same resource SafeTensors reads, so files and --version agree
        try (InputStream in = SafeTensors.class.getResourceAsStream("jgrad-version.properties")) {
            if (in != null) {
                Properties p = new Properties();
                p.load(in);
                String v = p.getProperty("version", "");
                if (!v.isBlank() && !v.contains("${")) return v;
            }
        } catch (IOException e) {
            // fall through to "dev"
        }
        return "dev";
    }

    @Override
    public String[] getVersion() {
        return new String[] {"jgrad " + jgrad(), "JDK " + Runtime.version() + " (" + System.getProperty("java.vendor") + ")"};
    }
}
