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
 * @param mean the mean subtracted from every feature value (0 for none)
 * @param std the deviation every feature value is divided by (1 for none)
 * @param validation how many of the files' examples are held out for validation, as
 *     {@link jgrad.data.TrainTestSplit} draws them with {@code seed} (0 for none); example {@code i}
 *     of the training part is then row {@code Shuffle.permutation(n, new SplittableRandom(seed))[validation + i]}
 * @param threads kernel threads per task, or 0 for the task's cores ({@code spark.task.cpus})
 */
record Recipe(String runId, String model, int[] featureShape, int classes, int total, int batchSize, long seed,
        float mean, float std, int validation, int threads) {

    byte[] toBytes() {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("run", runId);
        m.put("model", model);
        m.put("features", Arrays.toString(featureShape));
        m.put("classes", Integer.toString(classes));
        m.put("total", Integer.toString(total));
        m.put("batch", Integer.toString(batchSize));
        m.put("seed", Long.toString(seed));
        m.put("mean", Float.toString(mean));
        m.put("std", Float.toString(std));
        m.put("validation", Integer.toString(validation));
        m.put("threads", Integer.toString(threads));
        return SafeTensors.toBytes(Map.of(), m);
    }

    static Recipe fromBytes(byte[] bytes) {
        try {
            Map<String, String> m = SafeTensors.read(bytes).metadata();
            String f = m.get("features");
            int[] shape = Arrays.stream(f.substring(1, f.length() - 1).split(",")).map(String::trim).mapToInt(Integer::parseInt).toArray();
            return new Recipe(m.get("run"), m.get("model"), shape, Integer.parseInt(m.get("classes")),
                    Integer.parseInt(m.get("total")), Integer.parseInt(m.get("batch")), Long.parseLong(m.get("seed")),
                    Float.parseFloat(m.get("mean")), Float.parseFloat(m.get("std")), Integer.parseInt(m.get("validation")),
                    Integer.parseInt(m.get("threads")));
        } catch (IOException | RuntimeException e) {
            throw new IllegalArgumentException("jgrad-spark: the run's recipe does not parse (" + e.getMessage() + ")", e);
        }
    }
}
