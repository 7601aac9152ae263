package jgrad.cli;

import picocli.CommandLine;

/** The version {@code ./jgrad --version} prints: jgrad's (from the build) and the JDK's. */
final class Version implements CommandLine.IVersionProvider {
    /** The jgrad version the build recorded (the one written into model files), or "dev". */
    static String jgrad() {
        return jgrad.Version.current();
    }

    @Override
    public String[] getVersion() {
        return new String[] {"jgrad " + jgrad(), "JDK " + Runtime.version() + " (" + System.getProperty("java.vendor") + ")"};
    }
}
