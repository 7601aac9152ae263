package jgrad.charts;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Pattern;
import jgrad.train.TrainingEvent;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RunReportTest {
    @TempDir Path dir;

    private static int count(String text, String regex) {
        return (int) Pattern.compile(regex).matcher(text).results().count();
    }

    @Test
    void writesThePicturesAndOneSelfContainedPage() throws Exception {
        List<Path> written = RunReport.write(dir, ReportFixture.full());
        assertThat(written).containsExactly(dir.resolve("loss.png"), dir.resolve("loss.svg"), dir.resolve("accuracy.png"),
                dir.resolve("accuracy.svg"), dir.resolve("confusion.png"), dir.resolve("confusion.svg"),
                dir.resolve("misclassified.png"), dir.resolve("report.html"));
        Pictures.png(dir.resolve("loss.png"), Chart.WIDTH, Chart.HEIGHT);
        Pictures.svg(dir.resolve("accuracy.svg"), Chart.WIDTH, Chart.HEIGHT);
        var cm = javax.imageio.ImageIO.read(dir.resolve("confusion.png").toFile());
        Pictures.notBlank(cm, "confusion.png");
        Pictures.notBlank(javax.imageio.ImageIO.read(dir.resolve("misclassified.png").toFile()), "misclassified.png");

        String html = Files.readString(dir.resolve("report.html"));
        assertThat(html).startsWith("<!DOCTYPE html>").endsWith("</html>\n");
        assertThat(count(html, "<svg")).isEqualTo(3);
        assertThat(html).contains("id=\"loss-chart\"", "id=\"accuracy-chart\"", "id=\"confusion-chart\"");
        assertThat(count(html, "<tr><th>")).isEqualTo(8 + 1);        // 8 settings, the metrics header
        assertThat(count(html, "<tr><td class=\"num\">")).isEqualTo(5); // one row per epoch
        assertThat(html).contains("<td class=\"num\">0.1000</td>")  // epoch 5 train loss 0.5 / 5
                .contains("&lt;b&gt;escaped&lt;/b&gt; &amp; shown as text");
        assertThat(count(html, "<figure class=\"sample ")).isEqualTo(40);
        assertThat(count(html, "<figure class=\"sample wrong\"")).isEqualTo(6); // i % 7 == 3 for i < 40
        assertThat(html).contains("four (true three)");
        // self-contained: no script, no stylesheet link, nothing fetched from anywhere
        assertThat(html).doesNotContain("<script", "<link", "src=\"http", "href=\"http", "url(http", "<!DOCTYPE svg");
        for (var m : Pattern.compile("src=\"([^\"]*)\"").matcher(html).results().toList()) {
            assertThat(m.group(1)).startsWith("data:image/png;base64,");
        }
        // clip-path ids are unique across the inline charts
        var ids = Pattern.compile("id=\"([^\"]+)\"").matcher(html).results().map(r -> r.group(1)).toList();
        assertThat(ids).doesNotHaveDuplicates();
    }

    @Test
    void picturesComeFirstAndALongRunsTableIsFolded() throws Exception {
        RunReport.write(dir, ReportFixture.full());
        String shortRun = Files.readString(dir.resolve("report.html"));
        assertThat(shortRun.indexOf("id=\"curves\"")).isLessThan(shortRun.indexOf("id=\"confusion\""));
        assertThat(shortRun.indexOf("id=\"samples\"")).isLessThan(shortRun.indexOf("id=\"settings\""));
        assertThat(shortRun.indexOf("id=\"settings\"")).isLessThan(shortRun.indexOf("id=\"metrics\""));
        assertThat(shortRun).doesNotContain("<details>");

        int epochs = RunReportTest.FOLDED;
        RunReport.write(dir, RunReport.Data.of("long", ReportFixture.settings(), ReportFixture.epochs(epochs)));
        String longRun = Files.readString(dir.resolve("report.html"));
        assertThat(longRun).contains("<details>\n<summary>" + epochs + " epochs: show the table</summary>\n<table>");
        assertThat(count(longRun, "<tr><td class=\"num\">")).isEqualTo(epochs);
        assertThat(longRun.indexOf("</details>")).isGreaterThan(longRun.lastIndexOf("<tr><td class=\"num\">"));
    }

    /** One epoch more than the report shows unfolded. */
    private static final int FOLDED = ReportPage.FOLD_ROWS + 1;

    @Test
    void tabularSamplesAreATable() throws Exception {
        var samples = List.of(RunReport.Sample.ofRow("5.1, 3.5, 1.4, 0.2", 0, 0, 0.98),
                RunReport.Sample.ofRow("6.3, 2.8, 5.1, 1.5", 2, 1, 0.55));
        var data = RunReport.Data.of("iris", ReportFixture.settings(), ReportFixture.epochs(2))
                .withSamples(samples).withHeldOut("validation");
        List<Path> written = RunReport.write(dir, data);
        assertThat(written).doesNotContain(dir.resolve("misclassified.png"), dir.resolve("confusion.png"));
        String html = Files.readString(dir.resolve("report.html"));
        assertThat(html).contains("<tr class=\"wrong\"><td>6.3, 2.8, 5.1, 1.5</td><td>1</td><td>2</td>")
                .contains("<th>validation loss</th>").contains("Not computed yet");
    }

    @Test
    void aRunWithoutTestSetOrAccuracyStillHasItsLossCurve() throws Exception {
        double nan = Double.NaN;
        var epochs = List.of(new TrainingEvent.EpochEnded(1, 10, 0.8, nan, nan, nan, 0.01, 0.1),
                new TrainingEvent.EpochEnded(2, 20, 0.5, nan, nan, nan, 0.01, 0.1));
        List<Path> written = RunReport.write(dir, RunReport.Data.of("regression", ReportFixture.settings(), epochs));
        assertThat(written).containsExactly(dir.resolve("loss.png"), dir.resolve("loss.svg"), dir.resolve("report.html"));
        assertThat(Files.readString(dir.resolve("report.html"))).contains("<td class=\"num\">–</td>");
    }

    @Test
    void theListenerRewritesTheReportAfterEachEpochAndFinishAddsTheRest() throws Exception {
        var listener = new RunReport.Listener(dir, "live run", ReportFixture.settings());
        listener.accept(new TrainingEvent.EpochStarted(1, 2, 0.001));
        assertThat(dir.resolve("report.html")).doesNotExist();
        var epochs = ReportFixture.epochs(2);
        listener.accept(epochs.get(0));
        String first = Files.readString(dir.resolve("report.html"));
        assertThat(count(first, "<tr><td class=\"num\">")).isEqualTo(1);
        assertThat(first).contains("Not computed yet");
        listener.accept(epochs.get(1));
        assertThat(listener.epochs()).hasSize(2);
        var samples = ReportFixture.samples(20);
        List<Path> written = listener.finish(ReportFixture.confusion(samples), ReportFixture.classNames(), samples);
        assertThat(written).contains(dir.resolve("confusion.svg"), dir.resolve("report.html"));
        String last = Files.readString(dir.resolve("report.html"));
        assertThat(count(last, "<tr><td class=\"num\">")).isEqualTo(2);
        assertThat(count(last, "<svg")).isEqualTo(3);
    }

    @Test
    void aResumedRunKeepsItsEarlierEpochs() throws Exception {
        var epochs = ReportFixture.epochs(3);
        var listener = new RunReport.Listener(dir, "resumed", ReportFixture.settings(), epochs.subList(0, 2))
                .heldOut("validation");
        listener.accept(epochs.get(2));
        String html = Files.readString(dir.resolve("report.html"));
        assertThat(count(html, "<tr><td class=\"num\">")).isEqualTo(3);
        assertThat(html).contains("<th>validation accuracy</th>");
    }

    @Test
    void anEmptyRunStillWritesAPage() throws Exception {
        List<Path> written = RunReport.write(dir, RunReport.Data.of("nothing yet", ReportFixture.settings(), List.of()));
        assertThat(written).containsExactly(dir.resolve("report.html"));
        assertThat(Files.readString(written.getFirst())).contains("no epoch has finished yet");
    }
}
