package jgrad.examples;

import jgrad.Version;
import picocli.CommandLine.IVersionProvider;

/** What {@code ./jgrad example NAME --version} prints: the jgrad version of this build. */
public final class VersionProvider implements IVersionProvider {
    @Override
    public String[] getVersion() {
        return new String[] {"jgrad " + Version.current()};
    }
}
