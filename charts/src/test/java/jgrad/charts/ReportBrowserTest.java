package jgrad.charts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * report.html in a real browser: headless Chromium (Debian's {@code chromium}) renders the page,
 * the rendered DOM has the charts, the console stays silent, and a screenshot is taken (kept as
 * {@code charts/target/browser/report.png} to look at). Run with {@code ./jgrad test-browser}.
 */
@Tag("browser")
class ReportBrowserTest {
    private static final Pattern CONSOLE = Pattern.compile(":CONSOLE[:(]");
    @TempDir Path dir;

    /** What Chromium printed and wrote. */
    record Run(String stdout, List<String> console) {}

    private Run chromium(Path page, String... extra) throws IOException, InterruptedException {
        String program = System.getProperty("jgrad.chromium", "chromium");
        Path profile = Files.createTempDirectory(dir, "profile");
        List<String> command = new ArrayList<>(List.of(program, "--headless", "--no-sandbox", "--disable-gpu",
                "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update",
                "--disable-sync", "--user-data-dir=" + profile, "--enable-logging=stderr", "--v=0"));
        command.addAll(List.of(extra));
        command.add(page.toUri().toString());
        Process p;
        try {
            p = new ProcessBuilder(command).redirectError(dir.resolve("stderr.txt").toFile()).start();
        } catch (IOException missing) {
            return fail("'" + program + "' is not installed; install it (apt-get install -y chromium) or set -Djgrad.chromium=PATH");
        }
        byte[] out = p.getInputStream().readAllBytes();
        if (!p.waitFor(120, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            fail("chromium did not finish within 120 s");
        }
        assertThat(p.exitValue()).as("chromium exit code").isZero();
        List<String> console = Files.readAllLines(dir.resolve("stderr.txt")).stream()
                .filter(l -> CONSOLE.matcher(l).find()).toList();
        return new Run(new String(out, StandardCharsets.UTF_8), console);
    }

    @Test
    void theReportRendersWithItsChartsAndASilentConsole() throws Exception {
        Path run = dir.resolve("run");
        RunReport.write(run, ReportFixture.full());
        Path page = run.resolve("report.html");

        Run dom = chromium(page, "--dump-dom");
        assertThat(dom.console()).as("console messages").isEmpty();
        String html = dom.stdout();
        for (String id : List.of("loss-chart", "accuracy-chart", "confusion-chart")) {
            assertThat(html).contains("<figure class=\"chart\" id=\"" + id + "\"");
        }
        assertThat(Pattern.compile("<svg").matcher(html).results().count()).isEqualTo(3);
        assertThat(Pattern.compile("<figure class=\"sample ").matcher(html).results().count()).isEqualTo(40);
        assertThat(html).contains("<h2>Metrics per epoch</h2>").contains("mnist, mlp:100 (synthetic)");

        Path shot = Path.of("target/browser/report.png").toAbsolutePath();
        Files.createDirectories(shot.getParent());
        Files.deleteIfExists(shot);
        Run screenshot = chromium(page, "--screenshot=" + shot, "--window-size=1200,2000", "--hide-scrollbars");
        assertThat(screenshot.console()).isEmpty();
        var image = ImageIO.read(shot.toFile());
        assertThat(image.getWidth()).isEqualTo(1200);
        assertThat(image.getHeight()).isEqualTo(2000);
        Pictures.notBlank(image, "screenshot of report.html");
    }

    @Test
    void theConsoleCheckSeesAConsoleError() throws Exception {
        Path page = dir.resolve("noisy.html");
        Files.writeString(page, "<html><body><script>console.error('boom')</script></body></html>");
        assertThat(chromium(page, "--dump-dom").console()).singleElement().asString().contains("\"boom\"");
    }
}
