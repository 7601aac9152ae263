package jgrad.spark;

import java.io.IOException;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import jgrad.io.SafeTensors;

/**
 * What every task of a run needs besides its data and the current parameters: the architecture
 * (the {@link jgrad.model.ModelSpec}'s JSON form), the input layout, the batching and the
 * normalisation. It travels once per run, as the metadata of an empty safetensors file (plain
 * strings, no Java objects).
 *
 * @param runId tells apart the models cached on an executor for different runs
 * @param model the architecture, a {@link jgrad.model.ModelSpec} in its JSON form
 * @param featureShape the shape of one example's features
 * @param classes the number of classes
 * @param total training examples in the run (the files' examples less the {@code validation} held out)
 * @param batchSize the global batch size
 * @param seed the seed of the shuffled order ({@code DataLoader.order(total, seed, epoch)})
 * @param mean the mean subtracted from each feature value: one for all, or one per feature ({0} for none)
 * @param std the deviation each feature value is divided by, as many as {@code mean} ({1} for none)
 * @param validation how many of the files' examples are held out for validation, as
 *     {@link jgrad.data.TrainTestSplit} draws them with {@code seed} (0 for none); example {@code i}
 *     of the training part is then row {@code Shuffle.permutation(n, new SplittableRandom(seed))[validation + i]}
 * @param threads kernel threads per task, or 0 for the task's cores ({@code spark.task.cpus})
 */
record Recipe(String runId, String model, int[] featureShape, int classes, int total, int batchSize, long seed,
        float[] mean, float[] std, int validation, int threads) {

    byte[] toBytes() {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("run", runId);
        m.put("model", model);
        m.put("features", Arrays.toString(featureShape));
        m.put("classes", Integer.toString(classes));
        m.put("total", Integer.toString(total));
        m.put("batch", Integer.toString(batchSize));
        m.put("seed", Long.toString(seed));
        m.put("mean", Arrays.toString(mean)); // Float.toString reads back exactly
        m.put("std", Arrays.toString(std));
        m.put("validation", Integer.toString(validation));
        m.put("threads", Integer.toString(threads));
        return SafeTensors.toBytes(Map.of(), m);
    }

    static Recipe fromBytes(byte[] bytes) {
        try {
            Map<String, String> m = SafeTensors.read(bytes).metadata();
            int[] shape = Arrays.stream(items(m.get("features"))).mapToInt(Integer::parseInt).toArray();
            return new Recipe(m.get("run"), m.get("model"), shape, Integer.parseInt(m.get("classes")),
                    Integer.parseInt(m.get("total")), Integer.parseInt(m.get("batch")), Long.parseLong(m.get("seed")),
                    floats(m.get("mean")), floats(m.get("std")), Integer.parseInt(m.get("validation")),
                    Integer.parseInt(m.get("threads")));
        } catch (IOException | RuntimeException e) {
            throw new IllegalArgumentException("jgrad-spark: the run's recipe does not parse (" + e.getMessage() + ")", e);
        }
    }

    /** The items of {@code Arrays.toString}'s text, e.g. {@code "[1, 28, 28]"}. */
    private static String[] items(String text) {
        return Arrays.stream(text.substring(1, text.length() - 1).split(",")).map(String::trim).toArray(String[]::new);
    }

    private static float[] floats(String text) {
        String[] items = items(text);
        float[] out = new float[items.length];
        for (int i = 0; i < out.length; i++) out[i] = Float.parseFloat(items[i]);
        return out;
    }
}
