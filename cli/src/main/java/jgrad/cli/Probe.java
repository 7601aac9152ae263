package jgrad.cli;

import java.io.IOException;
import java.util.Iterator;
import jgrad.data.Batch;
import jgrad.data.DataLoader;
import jgrad.data.DataSource;
import jgrad.model.Model;
import jgrad.model.ModelSpec;
import jgrad.nn.Layer;
import jgrad.train.ResumableRandom;
import picocli.CommandLine.Model.CommandSpec;

/**
 * A freshly initialised model of a spec for a data source, with one batch of its (standardised)
 * training examples: what {@code gradcheck} and {@code graph} look at.
 *
 * @param data the data the spec was fitted to
 * @param spec the model's spec
 * @param layer the network, initialised from {@code rng}
 * @param rng the generator of the initial weights and of dropout
 * @param batch the first {@code batchSize} training examples, as the network takes them
 */
record Probe(RunData data, String modelText, ModelSpec spec, Layer layer, ResumableRandom rng, Batch batch) {
    /** Reads the data, parses the model text (default as {@code train}'s) and takes the first batch. */
    static Probe of(CommandSpec command, DataOptions dataOptions, ImageOptions imageOptions, String model, long seed,
            int batchSize) throws IOException {
        var check = new TrainCommand.ParseCheck(command);
        check.atLeast("--batch-size", batchSize, 1);
        String word = dataOptions.word(TrainCommand.DEFAULT_DATA);
        DataSource source = dataOptions.source(command, TrainCommand.DEFAULT_DATA, imageOptions.imageFormat(command));
        imageOptions.imageFormat(command, source);
        RunData data = RunData.load(word, source, 0, seed);
        String text = model != null ? model : source.imageFormat().isPresent() ? "mlp:100" : "mlp:64";
        ModelSpec spec = TrainCommand.parseModel(text, data, check);
        var rng = new ResumableRandom(seed);
        Layer layer = spec.build(rng);
        Model m = Model.of(spec, layer, data.preprocessing(), data.classNames(), data.featureNames());
        Iterator<Batch> batches = DataLoader.inOrder(m.input(data.train()), batchSize).iterator();
        return new Probe(data, text, spec, layer, rng, batches.next());
    }
}
