package jgrad.cli;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import jgrad.train.NonFiniteException;
import picocli.CommandLine;

/**
 * Turns what went wrong into one line for the user and an exit code (see {@link ExitCode}).
 *
 * <ul>
 *   <li>{@link CommandLine.ParameterException} (unknown option, bad value, missing argument):
 *       usage error, 2;
 *   <li>{@link IOException} and {@link UncheckedIOException} (missing, unreadable or corrupt
 *       files; the library's messages name the file and, for CSV, the line), {@link Failure}
 *       (a problem the cli found) and {@link NonFiniteException} (NaN loss): failure, 1;
 *   <li>{@link OutOfMemoryError}: failure, 1, with how to give the JVM more heap;
 *   <li>anything else, e.g. an {@link IllegalArgumentException} or {@link NullPointerException}
 *       from library code: an internal error, 1, never disguised as a usage error, with a hint to
 *       rerun with {@code --debug} and report it.
 * </ul>
 * With {@code --debug} (or {@code JGRAD_DEBUG=1}) the stack trace follows the line.
 */
final class Errors {
    private Errors() {}

    /** The exit codes of {@code ./jgrad}. */
    static final class ExitCode {
        static final int OK = 0;
        static final int FAILURE = 1;
        static final int USAGE = 2;
        static final int INTERRUPTED = 130;

        private ExitCode() {}
    }

    /** What to tell the user: the exit code and one line (without the {@code jgrad:} prefix). */
    record Report(int exitCode, String line) {}

    /** The report for {@code error}, raised while running command {@code command} (e.g. "train"). */
    static Report report(Throwable error, String command) {
        return switch (error) {
            case CommandLine.ParameterException e -> new Report(ExitCode.USAGE, usage(e, command));
            case Failure e -> new Report(ExitCode.FAILURE, oneLine(e.getMessage()));
            case IOException e -> new Report(ExitCode.FAILURE, describe(e));
            case UncheckedIOException e -> new Report(ExitCode.FAILURE, unchecked(e));
            case NonFiniteException e -> new Report(ExitCode.FAILURE, oneLine(e.getMessage())
                    + " (training diverged: try a smaller --lr, or check the data for huge values)");
            case OutOfMemoryError e -> new Report(ExitCode.FAILURE, "out of memory (the JVM may use at most "
                    + Runtime.getRuntime().maxMemory() / (1 << 20) + " MB): give it more with"
                    + " JGRAD_JAVA_OPTS=-Xmx2g, or use a smaller --batch-size");
            default -> new Report(ExitCode.FAILURE, "internal error: " + error.getClass().getName()
                    + (error.getMessage() == null ? "" : ": " + oneLine(error.getMessage()))
                    + " (a bug in jgrad: rerun with --debug for the stack trace and report it)");
        };
    }

    /** One line for a usage error, with picocli's suggestion if it has one and where to find help. */
    private static String usage(CommandLine.ParameterException e, String command) {
        StringBuilder line = new StringBuilder(oneLine(e.getMessage()));
        if (e instanceof CommandLine.UnmatchedArgumentException u && !u.getUnmatched().isEmpty()
                && !u.getUnmatched().getFirst().startsWith("-") && !e.getCommandLine().getSubcommands().isEmpty()) {
            line = new StringBuilder((command.equals("example") ? "no example '" : "unknown command '")
                    + u.getUnmatched().getFirst() + "'");
        }
        if (e instanceof CommandLine.UnmatchedArgumentException u && !u.getSuggestions().isEmpty()) {
            line.append("; did you mean ").append(String.join(" or ", u.getSuggestions())).append('?');
        }
        line.append(" (see ./jgrad ").append(command.isEmpty() ? "" : command + " ").append("--help)");
        return line.toString();
    }

    /** One line for an I/O problem: the file and what is wrong with it. */
    static String describe(IOException e) {
        String reason = e instanceof FileSystemException f ? f.getReason() : null;
        String detail = reason == null ? "" : " (" + oneLine(reason) + ")";
        return switch (e) {
            case NoSuchFileException f -> f.getFile() + ": no such file or folder" + detail;
            case AccessDeniedException f -> f.getFile() + ": permission denied" + detail;
            case NotDirectoryException f -> f.getFile() + ": not a folder" + detail;
            case FileAlreadyExistsException f -> f.getFile() + ": already exists" + detail;
            case DirectoryNotEmptyException f -> f.getFile() + ": folder not empty" + detail;
            default -> e.getMessage() == null ? e.getClass().getSimpleName() : oneLine(e.getMessage());
        };
    }

    private static String unchecked(UncheckedIOException e) {
        String cause = describe(e.getCause());
        String message = e.getMessage() == null ? "" : oneLine(e.getMessage());
        // UncheckedIOException(cause) copies the cause's toString() as its message: do not repeat it
        return message.isEmpty() || message.equals(e.getCause().toString()) ? cause : message + ": " + cause;
    }

    /** {@code text} with line breaks turned into spaces, so a report is always one line. */
    static String oneLine(String text) {
        return text == null ? "" : text.strip().replaceAll("\\s*\\R\\s*", " ");
    }
}
