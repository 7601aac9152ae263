package jgrad.train;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.function.Consumer;
import java.util.random.RandomGenerator;
import jgrad.data.Batch;
import jgrad.data.DataLoader;
import jgrad.data.Dataset;
import jgrad.data.Mnist;
import jgrad.data.ToyData;
import jgrad.io.SafeTensors;
import jgrad.nn.Layer;
import jgrad.nn.Linear;
import jgrad.nn.Losses;
import jgrad.nn.Relu;
import jgrad.nn.Sequential;
import jgrad.optim.Adam;
import jgrad.tensor.Tensor;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The code of docs/guide.md, block for block: {@link #theGuideShowsThisCode} checks that every
 * Java block of the guide appears here, so the guide cannot drift from code that compiles and runs.
 */
class GuideTest {
    @TempDir Path dir;

    @Test
    void defineTrainSaveAndLoad() throws IOException {
        var rng = new SplittableRandom(42);
        Dataset train = ToyData.moons(500, 0.1, rng).toDataset();
        Dataset test = ToyData.moons(200, 0.1, rng).toDataset();
        var model = new Mlp(rng);
        var optimizer = new Adam(model.parameters(), 0.01);
        var batches = DataLoader.shuffled(train, 50, 7);
        for (int epoch = 0; epoch < 20; epoch++) {
            for (Batch batch : batches) {
                Tensor loss = Losses.crossEntropy(model.forward(batch.x()), batch.labels());
                optimizer.zeroGrad();
                loss.backward();
                optimizer.step();
            }
        }
        double accuracy = Metrics.accuracy(model, DataLoader.inOrder(test, 100));
        System.out.printf("test accuracy %.1f%%%n", 100 * accuracy);
        assertThat(accuracy).isGreaterThan(0.95);

        var history = new Trainer(model, LossFunction.crossEntropy(), optimizer)
                .listener(ConsoleProgress.auto())
                .listener(MetricsLog.csv(dir.resolve("metrics.csv")))
                .checkpoint(dir.resolve("moons.ckpt.safetensors"))
                .fit(DataLoader.shuffled(train, 50, 7), DataLoader.inOrder(test, 100), 5);
        System.out.println("last test accuracy " + history.getLast().testAccuracy());
        assertThat(Files.readAllLines(dir.resolve("metrics.csv"))).hasSize(6);

        List<Integer> seen = new ArrayList<>();
        Consumer<TrainingEvent> listener = event -> {
            switch (event) {
                case TrainingEvent.EpochEnded e -> System.out.printf("epoch %d: %.4f%n", e.epoch(), e.trainLoss());
                case TrainingEvent.Started s -> { }
                case TrainingEvent.EpochStarted s -> { }
                case TrainingEvent.BatchEnded b -> { }
                case TrainingEvent.CheckpointSaved c -> { }
            }
        };

        new Trainer(model, LossFunction.crossEntropy(), optimizer)
                .resume(dir.resolve("moons.ckpt.safetensors"), DataLoader.shuffled(train, 50, 7),
                        DataLoader.inOrder(test, 100), 8);

        Path file = dir.resolve("moons.safetensors");
        SafeTensors.save(file, model.stateDict(), Map.of("architecture", model.toString()));

        var restored = new Mlp(new SplittableRandom(0));
        restored.loadStateDict(SafeTensors.load(file));
        System.out.println(SafeTensors.readMetadata(file).get("architecture"));

        assertThat(Metrics.accuracy(restored, DataLoader.inOrder(test, 100)))
                .isEqualTo(Metrics.accuracy(model, DataLoader.inOrder(test, 100)));
        listener.accept(history.getLast());
    }

    @Test
    @Tag("slow")
    void mnistSection() throws IOException {
        Dataset mnistTrain = Mnist.load(Mnist.Split.TRAIN);
        Dataset mnistTest = Mnist.load(Mnist.Split.TEST);
        var init = new SplittableRandom(1);
        var net = new Sequential(new Linear(784, 100, init), new Relu(), new Linear(100, 10, init));
        new Trainer(net, LossFunction.crossEntropy(), new Adam(net.parameters(), 1e-3))
                .listener(ConsoleProgress.auto())
                .fit(DataLoader.shuffled(mnistTrain, 100, 1), DataLoader.inOrder(mnistTest, 1000), 2);
        System.out.println(Metrics.confusionMatrix(net, DataLoader.inOrder(mnistTest, 1000), 10));
        assertThat(Metrics.accuracy(net, DataLoader.inOrder(mnistTest, 1000))).isGreaterThan(0.95);
    }

    @Test
    void theGuideShowsThisCode() throws IOException {
        String guide = Files.readString(Path.of("../docs/guide.md"));
        List<String> here = normalized(Files.readString(Path.of("src/test/java/jgrad/train/GuideTest.java")));
        String[] parts = guide.split("```");
        int blocks = 0;
        for (int i = 1; i < parts.length; i += 2) {
            if (!parts[i].startsWith("java\n")) continue;
            blocks++;
            List<String> block = normalized(parts[i].substring("java\n".length()));
            assertThat(java.util.Collections.indexOfSubList(here, block))
                    .as("guide block %d is not in GuideTest verbatim:%n%s", blocks, String.join("\n", block))
                    .isNotNegative();
        }
        assertThat(blocks).isEqualTo(7);
    }

    private static List<String> normalized(String code) {
        return code.lines().map(String::strip).filter(l -> !l.isEmpty()).toList();
    }
}

/** 2 -> 16 -> 16 -> 2 with ReLU: a classifier for points in the plane. */
class Mlp extends Layer {
    private final Linear fc1;
    private final Linear fc2;
    private final Linear fc3;

    Mlp(RandomGenerator rng) {
        fc1 = child("fc1", new Linear(2, 16, rng));
        fc2 = child("fc2", new Linear(16, 16, rng));
        fc3 = child("fc3", new Linear(16, 2, rng));
    }

    @Override
    public Tensor forward(Tensor x) {
        return fc3.forward(fc2.forward(fc1.forward(x).relu()).relu());
    }
}
