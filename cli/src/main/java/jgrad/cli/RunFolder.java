package jgrad.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/**
 * Checks output locations before any work starts, so that a bad path never throws a finished
 * training run away: each problem is a {@link Failure} naming the option and what to do.
 */
final class RunFolder {
    /** The files a run folder holds. */
    static final String MODEL = "model.safetensors";
    static final String CHECKPOINT = "checkpoint.safetensors";
    static final String METRICS = "metrics.csv";
    static final String CONFIG = "config.json";
    private static final List<String> FILES = List.of(MODEL, CHECKPOINT, METRICS, CONFIG);

    private RunFolder() {}

    /**
     * Prepares {@code out} for a new run: creates it if needed; it must be a writable folder that
     * is empty, or holds only the config.json of a run stopped before its first step (a folder
     * holding a run is continued with {@code --resume}, never overwritten).
     */
    static Path forNewRun(Path out) {
        return forNewRun(out, "train");
    }

    /** {@link #forNewRun(Path)} for {@code ./jgrad command}, which the messages name. */
    static Path forNewRun(Path out, String command) {
        if (Files.exists(out) && !Files.isDirectory(out)) {
            throw new Failure("--out " + out + ": is a file, not a folder; give a folder for the run's files");
        }
        if (Files.isDirectory(out) && !onlyHolds(out, CONFIG)) {
            String resume = Files.isRegularFile(out.resolve(CHECKPOINT))
                    ? ", or continue the run there with ./jgrad " + command + " --resume " + out : "";
            throw new Failure("--out " + out + ": folder is not empty; choose a new --out" + resume);
        }
        try {
            Files.createDirectories(out);
        } catch (IOException e) {
            throw new Failure("--out " + out + ": cannot create the folder (" + Errors.describe(e) + ")", e);
        }
        requireWritable(out, "--out");
        return out;
    }

    /** Checks that {@code dir} holds a run that can be resumed and written to. */
    static Path forResume(Path dir) {
        return forResume(dir, "train");
    }

    /** {@link #forResume(Path)} for {@code ./jgrad command}, which the messages name. */
    static Path forResume(Path dir, String command) {
        if (!Files.isDirectory(dir)) {
            throw new Failure("--resume " + dir + ": no such folder; give the --out folder of the run to continue");
        }
        for (String f : List.of(CHECKPOINT, CONFIG)) {
            if (!Files.isRegularFile(dir.resolve(f))) {
                throw new Failure("--resume " + dir + ": no " + f + " in it, so there is no run to continue;"
                        + " start one with ./jgrad " + command + " --out " + dir);
            }
        }
        requireWritable(dir, "--resume");
        return dir;
    }

    /** Checks that {@code file} (an output named by {@code option}) can be written: not a folder, its folder writable. */
    static Path forOutputFile(Path file, String option) {
        if (Files.isDirectory(file)) {
            throw new Failure(option + " " + file + ": is a folder; give a file name, e.g. " + file.resolve("predictions.csv"));
        }
        Path parent = file.toAbsolutePath().getParent();
        try {
            Files.createDirectories(parent);
        } catch (IOException e) {
            throw new Failure(option + " " + file + ": cannot create its folder (" + Errors.describe(e) + ")", e);
        }
        if (!Files.isWritable(parent) || Files.exists(file) && !Files.isWritable(file)) {
            throw new Failure(option + " " + file + ": not writable; choose another place");
        }
        return file;
    }

    private static void requireWritable(Path dir, String option) {
        if (!Files.isWritable(dir)) throw new Failure(option + " " + dir + ": folder is not writable; choose another");
        for (String f : FILES) {
            if (Files.isDirectory(dir.resolve(f))) {
                throw new Failure(option + " " + dir + ": " + f + " is a folder where jgrad writes a file; remove it");
            }
        }
    }

    /** True if {@code dir} holds nothing but (maybe) a file named {@code allowed}. */
    private static boolean onlyHolds(Path dir, String allowed) {
        try (Stream<Path> entries = Files.list(dir)) {
            return entries.allMatch(p -> p.getFileName().toString().equals(allowed) && Files.isRegularFile(p));
        } catch (IOException e) {
            throw new Failure("--out " + dir + ": cannot list the folder (" + Errors.describe(e) + ")", e);
        }
    }
}
