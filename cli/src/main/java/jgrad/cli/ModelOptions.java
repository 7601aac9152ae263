package jgrad.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import jgrad.model.Model;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;

/** The model a command uses: a jgrad model file, or a spec file and a weights file (PyTorch's). */
final class ModelOptions {
    @Option(names = "--model", paramLabel = "FILE", description = "a model file written by ./jgrad train (model.safetensors)")
    Path model;

    @Option(names = "--spec", paramLabel = "FILE", description = "a JSON spec (or model description) of a"
            + " torch.nn.Sequential, with --weights (docs/model-format.md)")
    Path specFile;

    @Option(names = "--weights", paramLabel = "FILE", description = "the weights for --spec, e.g. saved by PyTorch's"
            + " safetensors.torch.save_file(model.state_dict(), FILE)")
    Path weights;

    /**
     * Loads the model the options name.
     *
     * @throws CommandLine.ParameterException if neither or both ways are given
     * @throws IOException if a file is missing or invalid (the message names it)
     */
    Model load(CommandSpec spec) throws IOException {
        boolean pair = specFile != null || weights != null;
        if (model != null && pair) {
            throw new CommandLine.ParameterException(spec.commandLine(), "give --model FILE, or --spec FILE with --weights FILE, not both");
        }
        if (model == null && (specFile == null || weights == null)) {
            throw new CommandLine.ParameterException(spec.commandLine(), model == null && !pair
                    ? "missing --model FILE (or --spec FILE --weights FILE)"
                    : "--spec and --weights go together: give both");
        }
        return model != null ? Model.load(model) : Model.fromWeights(specFile, weights);
    }

    /** What to call the model in messages. */
    String describe() {
        return model != null ? model.toString() : specFile + " with " + weights;
    }

    /** The config.json of the run folder the model file is in, if there is one. */
    Optional<Path> runConfig() {
        if (model == null) return Optional.empty();
        Path config = model.toAbsolutePath().resolveSibling(RunFolder.CONFIG);
        return Files.isRegularFile(config) ? Optional.of(config) : Optional.empty();
    }
}
