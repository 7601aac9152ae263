package jgrad.cli;

import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import jgrad.data.DataSource;
import jgrad.data.Images;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;

/** The options that name a data source ({@code --data} and the options that go with it). */
final class DataOptions {
    @Option(names = "--data", paramLabel = "SOURCE",
            description = {"mnist, fashion-mnist (with --data-dir), iris, a .csv file (header row, numeric features,"
                    + " a label column of numbers or names), or a folder of PNG/JPEG images with one sub-folder per class"
                    + " (default: mnist; for eval, the held-out part of the data named in config.json next to the model)"})
    String data;

    @Option(names = "--data-dir", paramLabel = "DIR",
            description = "the folder of the four IDX files for mnist (default: the bundled copy) or fashion-mnist")
    Path dataDir;

    @Option(names = "--label", paramLabel = "COLUMN",
            description = "the label column of a .csv file (default: the last column)")
    String label;

    /**
     * The source the options name ({@code fallback} when {@code --data} is not given), converting
     * the images of a folder to {@code images}.
     *
     * @throws CommandLine.ParameterException if the options do not fit together
     * @throws NoSuchFileException if {@code --data-dir} does not exist
     */
    DataSource source(CommandSpec spec, String fallback, Images.Format images) throws NoSuchFileException {
        String word = data != null ? data : fallback;
        if (dataDir != null && !Files.isDirectory(dataDir)) {
            throw new NoSuchFileException(dataDir.toString(), null, "--data-dir: expected the folder of the four IDX files");
        }
        try {
            return DataSource.parse(word, dataDir, label, images);
        } catch (IllegalArgumentException e) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--data " + word + ": " + e.getMessage());
        }
    }

    /** The text of {@code --data} as given, or {@code fallback}. */
    String word(String fallback) {
        return data != null ? data : fallback;
    }
}
