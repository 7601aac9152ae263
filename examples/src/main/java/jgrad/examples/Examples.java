package jgrad.examples;

import java.util.List;

/**
 * The examples as picocli commands, for {@code ./jgrad example NAME}: each is annotated with
 * {@code @Command(name = ..., description = ..., mixinStandardHelpOptions = true)}, implements
 * {@code Callable<Integer>} (0 on success), takes {@code --out DIR} ({@link Output}) and reports a
 * bad option value as a {@code CommandLine.ParameterException}.
 */
public final class Examples {
    private Examples() {}

    /** One new command object per example, in listing order (the curriculum's order). */
    public static List<Object> commands() {
        return List.of(
                new BackpropBasics(),
                new MicrogradStep(),
                new ToyRegression(),
                new Moons(),
                new Shopping(),
                new NumericalGradient(),
                new SineRegression(),
                new SineClassification(),
                new Xor(),
                new TwoLayerNetMnist(),
                new OptimizerComparison(),
                new WeightInitComparison(),
                new BatchNormComparison(),
                new Overfitting(),
                new Iris(),
                new MnistMlp(),
                new MnistConv(),
                new DeepConvNet());
    }
}
