package jgrad.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import jgrad.io.Json;
import jgrad.model.Model;
import jgrad.tensor.Tensor;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The done-when of issue 8 on a CSV jgrad has never seen: train with the defaults, evaluate on a
 * separate test file, predict, and beat a plain logistic regression.
 */
class TrainEvalPredictTest {
    @TempDir Path dir;

    private static double percent(String text, String regex) {
        Matcher m = Pattern.compile(regex).matcher(text);
        assertThat(m.find()).as("'%s' in%n%s", regex, text).isTrue();
        return Double.parseDouble(m.group(1));
    }

    @Test
    void trainEvalPredictOnANewCsvBeatLogisticRegression() throws Exception {
        Path train = Tables.write(dir.resolve("my.csv"), 2000, 7);
        Path test = Tables.write(dir.resolve("test.csv"), 1000, 8);
        Path run = dir.resolve("run");

        MainTest.Result t = MainTest.run("train", "--data", train.toString(), "--label", "plan", "--out", run.toString());
        assertThat(t.code()).as(t.err()).isZero();
        assertThat(t.out()).contains("1,600 training / 400 validation examples, 3 classes, 6 features", "model mlp:64");
        for (String f : List.of("model.safetensors", "checkpoint.safetensors", "metrics.csv", "config.json", "loss.png",
                "accuracy.svg", "confusion.png", "report.html")) {
            assertThat(run.resolve(f)).isRegularFile();
        }
        var config = (Map<?, ?>) Json.parse(Files.readString(run.resolve("config.json")));
        int epochs = ((Number) config.get("epochs")).intValue();
        assertThat(config.get("label")).isEqualTo("plan");
        assertThat(config.get("class_names")).isEqualTo(List.of("bronze", "gold", "silver"));
        assertThat(config.get("feature_names")).isEqualTo(Tables.COLUMNS);
        assertThat(config.get("held_out")).isEqualTo("validation");
        List<String> metrics = Tables.lines(run.resolve("metrics.csv"));
        assertThat(metrics).hasSize(epochs + 1);
        assertThat(metrics.getFirst()).isEqualTo("epoch,step,train_loss,train_accuracy,test_loss,test_accuracy,lr,seconds");
        assertThat(Files.readString(run.resolve("report.html"))).contains("validation", "bronze", "<svg");

        MainTest.Result e = MainTest.run("eval", "--model", run.resolve("model.safetensors").toString(), "--data", test.toString(),
                "--label", "plan");
        assertThat(e.code()).as(e.err()).isZero();
        assertThat(e.out()).containsPattern("(?m)^loss \\d\\.\\d{4}$").contains("confusion matrix", "1 = gold");
        double accuracy = percent(e.out(), "(?m)^accuracy ([\\d.]+)%$");
        double baseline = 100 * Tables.logisticRegressionAccuracy(Tables.Rows.read(train), Tables.Rows.read(test));
        System.out.printf("new CSV: jgrad default %.2f%%, logistic regression %.2f%%%n", accuracy, baseline);
        assertThat(accuracy).isGreaterThanOrEqualTo(baseline).isGreaterThan(80);

        Path predictions = dir.resolve("out/predictions.csv");
        MainTest.Result p = MainTest.run("predict", "--model", run.resolve("model.safetensors").toString(), "--data",
                test.toString(), "--output", predictions.toString());
        assertThat(p.code()).as(p.err()).isZero();
        assertThat(p.out().lines()).hasSize(1000).first().asString().matches("row 1: (bronze|gold|silver) \\(\\d+\\.\\d%\\)");
        List<String> rows = Tables.lines(predictions);
        assertThat(rows.getFirst()).isEqualTo("input,prediction,probability,bronze,gold,silver");
        assertThat(rows).hasSize(1001);
        // the CSV's probabilities are the model's, and the prediction is the most likely class
        Model model = Model.load(run.resolve("model.safetensors"));
        Tensor probs = model.predict(jgrad.data.Csv.features(test, model.featureNames()));
        String[] first = rows.get(1).split(",");
        for (int c = 0; c < 3; c++) assertThat(Double.parseDouble(first[3 + c])).isCloseTo(probs.floatData()[c], org.assertj.core.data.Offset.offset(1e-6));
        assertThat(first[2]).isEqualTo(first[3 + List.of("bronze", "gold", "silver").indexOf(first[1])]);

        // eval without --data: the run's validation part, as the run reported it
        MainTest.Result v = MainTest.run("eval", "--model", run.resolve("model.safetensors").toString());
        assertThat(v.code()).as(v.err()).isZero();
        assertThat(v.out()).contains("validation examples");
        String lastEpoch = metrics.getLast();
        double validation = Double.parseDouble(lastEpoch.split(",")[5]);
        assertThat(percent(v.out(), "(?m)^accuracy ([\\d.]+)%$")).isCloseTo(100 * validation, org.assertj.core.data.Offset.offset(0.006));
    }

    @Test
    void theThreadCountDoesNotChangeTheModel() throws Exception {
        Path one = dir.resolve("one");
        Path two = dir.resolve("two");
        assertThat(MainTest.run("train", "--data", "iris", "--epochs", "3", "--threads", "1", "--out", one.toString()).code()).isZero();
        assertThat(MainTest.run("train", "--data", "iris", "--epochs", "3", "--threads", "2", "--out", two.toString()).code()).isZero();
        assertThat(Files.readAllBytes(one.resolve("model.safetensors"))).isEqualTo(Files.readAllBytes(two.resolve("model.safetensors")));
    }

    @Test
    void gradcheckAgreesAndGraphWritesDotAndSvg() throws Exception {
        MainTest.Result g = MainTest.run("gradcheck", "--data", "iris", "--model", "mlp:8");
        assertThat(g.code()).as(g.err()).isZero();
        assertThat(g.out()).contains("0.weight", "[8, 4]", "2.bias", "all checked entries agree");

        Path dot = dir.resolve("g.dot");
        MainTest.Result d = MainTest.run("graph", "--data", "iris", "--model", "mlp:8", "--out", dot.toString());
        assertThat(d.code()).as(d.err()).isZero();
        assertThat(Files.readString(dot)).startsWith("digraph jgrad").contains("0.weight", "softmaxCrossEntropy", "input");
        Path svg = dir.resolve("g.svg");
        MainTest.Result s = MainTest.run("graph", "--data", "iris", "--model", "mlp:8", "--out", svg.toString());
        assertThat(s.code()).as(s.err()).isZero();
        // with Graphviz the SVG, without it the DOT text and the reason: either way one line saying what was written
        assertThat(s.out().strip()).matches("wrote .*g\\.svg|.*wrote .*g\\.dot instead.*");
    }
}
