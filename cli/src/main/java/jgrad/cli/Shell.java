package jgrad.cli;

import java.nio.file.Path;
import java.util.regex.Pattern;

/** Writes paths so that a printed command can be pasted into a POSIX shell as it is. */
final class Shell {
    private static final Pattern PLAIN = Pattern.compile("[A-Za-z0-9_./:=+@%-]+");

    private Shell() {}

    /** {@code path} as it is when it needs no quoting, else in single quotes. */
    static String quote(Path path) {
        String s = path.toString();
        return PLAIN.matcher(s).matches() ? s : "'" + s.replace("'", "'\\''") + "'";
    }
}
