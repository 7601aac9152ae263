package jgrad.charts;

import java.math.BigDecimal;
import java.math.MathContext;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import jgrad.train.TrainingEvent;

/**
 * The HTML of {@code report.html}: plain HTML and CSS, charts inline as SVG, no script. What a reader
 * looks for first comes first: the curves, the confusion matrix and the samples; the settings and
 * the metrics table (folded for long runs) close the page.
 */
final class ReportPage {
    /** Runs with more epochs than this show their metrics table folded. */
    static final int FOLD_ROWS = 20;
    private static final Pattern ID = Pattern.compile("(id=\"|url\\(#|href=\"#)([A-Za-z_][\\w.-]*)");
    private static final String STYLE = """
            body { font-family: "DejaVu Sans", "Liberation Sans", Arial, sans-serif; color: #222;
                   max-width: 1040px; margin: 24px auto; padding: 0 16px; line-height: 1.4; }
            h1 { font-size: 26px; margin-bottom: 4px; }
            h2 { font-size: 19px; margin-top: 32px; border-bottom: 1px solid #ddd; padding-bottom: 4px; }
            .summary { color: #555; margin-top: 0; }
            table { border-collapse: collapse; font-size: 14px; }
            th, td { padding: 4px 10px; border-bottom: 1px solid #e3e3e3; }
            th { background: #f4f6f8; text-align: left; }
            td.num { text-align: right; font-variant-numeric: tabular-nums; }
            figure { margin: 12px 0; }
            figure.chart svg { max-width: 100%; height: auto; display: block; }
            .samples { display: flex; flex-wrap: wrap; gap: 10px; }
            .sample { width: 92px; margin: 0; text-align: center; font-size: 13px; }
            .sample img { width: 84px; height: 84px; image-rendering: pixelated; border: 1px solid #ccc; }
            .right { color: #1e7b34; }
            .wrong { color: #c0392b; }
            tr.wrong td { background: #fdf0ef; }
            img.grid { max-width: 100%; }
            details summary { cursor: pointer; color: #2a5db0; margin: 6px 0; }
            footer { margin-top: 40px; color: #777; font-size: 12px; }
            """;

    private final RunReport.Data data;
    private final List<String> curves = new ArrayList<>();
    private String confusion;
    private String misclassified;

    ReportPage(RunReport.Data data) {
        this.data = data;
    }

    void chart(String id, String caption, Chart chart) {
        curves.add(figure(id, caption, chart));
    }

    void confusion(Chart chart) {
        confusion = figure("confusion-chart", "Confusion matrix", chart);
    }

    void misclassified(String file) {
        misclassified = file;
    }

    String html(String writtenAt) {
        var h = new StringBuilder(64 * 1024);
        h.append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n")
                .append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n")
                .append("<title>").append(esc(data.title())).append(" · jgrad run report</title>\n")
                .append("<style>\n").append(STYLE).append("</style>\n</head>\n<body>\n");
        h.append("<h1>").append(esc(data.title())).append("</h1>\n<p class=\"summary\">").append(summary()).append("</p>\n");

        h.append("<section id=\"curves\">\n<h2>Curves</h2>\n");
        for (String c : curves) h.append(c);
        if (curves.isEmpty()) h.append("<p>No curves yet: they appear after the first epoch.</p>\n");
        h.append("</section>\n");

        h.append("<section id=\"confusion\">\n<h2>Confusion matrix</h2>\n");
        h.append(confusion != null ? confusion : "<p>Not computed yet: it is added when training ends.</p>\n");
        h.append("</section>\n");

        samples(h);
        h.append("<section id=\"settings\">\n<h2>Settings</h2>\n<table>\n");
        for (Map.Entry<String, ?> e : data.settings().entrySet()) {
            h.append("<tr><th>").append(esc(e.getKey())).append("</th><td>").append(esc(String.valueOf(e.getValue())))
                    .append("</td></tr>\n");
        }
        h.append("</table>\n</section>\n");

        String held = esc(data.heldOut());
        // a long run's table is folded (HTML's own details element, no script) so that it does not push the page down
        boolean fold = data.epochs().size() > FOLD_ROWS;
        h.append("<section id=\"metrics\">\n<h2>Metrics per epoch</h2>\n")
                .append(fold ? "<details>\n<summary>" + data.epochs().size() + " epochs: show the table</summary>\n" : "")
                .append("<table>\n<tr><th>epoch</th><th>step</th>")
                .append("<th>train loss</th><th>train accuracy</th><th>").append(held).append(" loss</th><th>").append(held)
                .append(" accuracy</th><th>lr</th><th>seconds</th></tr>\n");
        for (TrainingEvent.EpochEnded e : data.epochs()) {
            h.append("<tr>").append(num(Integer.toString(e.epoch()))).append(num(Long.toString(e.step())))
                    .append(num(fixed(e.trainLoss(), 4))).append(num(percent(e.trainAccuracy())))
                    .append(num(fixed(e.testLoss(), 4))).append(num(percent(e.testAccuracy())))
                    .append(num(rate(e.lr())))
                    .append(num(fixed(e.seconds(), 1))).append("</tr>\n");
        }
        if (data.epochs().isEmpty()) h.append("<tr><td colspan=\"8\">no epoch has finished yet</td></tr>\n");
        h.append(fold ? "</table>\n</details>\n</section>\n" : "</table>\n</section>\n");

        h.append("<footer>Written by jgrad at ").append(esc(writtenAt))
                .append(". This page is self-contained: it needs no network and no script.</footer>\n</body>\n</html>\n");
        return h.toString();
    }

    private void samples(StringBuilder h) {
        List<RunReport.Sample> shown = data.samples().stream().limit(RunReport.MAX_SAMPLES).toList();
        h.append("<section id=\"samples\">\n<h2>Sample predictions</h2>\n");
        if (shown.isEmpty()) {
            h.append("<p>No samples yet: they are added when training ends.</p>\n</section>\n");
            return;
        }
        long wrong = data.samples().stream().filter(s -> !s.right()).count();
        h.append("<p>").append(shown.size()).append(" of ").append(data.samples().size()).append(" samples shown; ")
                .append(wrong).append(" of ").append(data.samples().size()).append(" are wrong (in red).</p>\n");
        if (shown.stream().allMatch(s -> s.image() != null)) {
            h.append("<div class=\"samples\">\n");
            for (RunReport.Sample s : shown) {
                String cls = s.right() ? "right" : "wrong";
                String label = esc(data.className(s.predicted())) + (s.right() ? "" : " (true " + esc(data.className(s.actual())) + ")");
                h.append("<figure class=\"sample ").append(cls).append("\"><img src=\"").append(RunReport.dataUri(s.image()))
                        .append("\" alt=\"").append(esc(s.input())).append("\" title=\"").append(esc(s.input()))
                        .append("\"><figcaption>").append(label).append(probability(s)).append("</figcaption></figure>\n");
            }
            h.append("</div>\n");
        } else {
            h.append("<table>\n<tr><th>input</th><th>predicted</th><th>true</th><th>probability</th></tr>\n");
            for (RunReport.Sample s : shown) {
                h.append("<tr class=\"").append(s.right() ? "right" : "wrong").append("\"><td>").append(esc(s.input()))
                        .append("</td><td>").append(esc(data.className(s.predicted()))).append("</td><td>")
                        .append(esc(data.className(s.actual()))).append("</td>").append(num(percent(s.probability())))
                        .append("</tr>\n");
            }
            h.append("</table>\n");
        }
        if (misclassified != null) {
            h.append("<p>All misclassified samples shown are also in <code>").append(esc(misclassified))
                    .append("</code> next to this page.</p>\n");
        }
        h.append("</section>\n");
    }

    private String summary() {
        List<String> parts = new ArrayList<>();
        parts.add(data.epochs().size() + (data.epochs().size() == 1 ? " epoch" : " epochs"));
        if (!data.epochs().isEmpty()) {
            TrainingEvent.EpochEnded last = data.epochs().getLast();
            if (Double.isFinite(last.testAccuracy())) parts.add(data.heldOut() + " accuracy " + percent(last.testAccuracy()));
            else if (Double.isFinite(last.testLoss())) parts.add(data.heldOut() + " loss " + fixed(last.testLoss(), 4));
            parts.add("train loss " + fixed(last.trainLoss(), 4));
        }
        return esc(String.join(" · ", parts));
    }

    /** A chart as an inline SVG whose ids are made unique within the page. */
    private static String figure(String id, String caption, Chart chart) {
        String svg = Svg.element(chart.svg());
        svg = ID.matcher(svg).replaceAll(m -> Matcher.quoteReplacement(m.group(1) + id + "-" + m.group(2)));
        return "<figure class=\"chart\" id=\"" + id + "\" aria-label=\"" + esc(caption) + "\">\n" + svg + "\n</figure>\n";
    }

    /** A learning rate as written by hand: 0.001, 0.0005, 3e-07. */
    static String rate(double v) {
        if (!Double.isFinite(v)) return "–";
        if (v != 0 && Math.abs(v) < 1e-6) return String.format(Locale.ROOT, "%.3g", v);
        return new BigDecimal(v).round(new MathContext(4)).stripTrailingZeros().toPlainString();
    }

    private static String probability(RunReport.Sample s) {
        return Double.isFinite(s.probability()) ? "<br>" + percent(s.probability()) : "";
    }

    private static String num(String s) {
        return "<td class=\"num\">" + s + "</td>";
    }

    private static String fixed(double v, int decimals) {
        return Double.isFinite(v) ? String.format(Locale.ROOT, "%." + decimals + "f", v) : "–";
    }

    private static String percent(double fraction) {
        return Double.isFinite(fraction) ? String.format(Locale.ROOT, "%.2f%%", 100 * fraction) : "–";
    }

    static String esc(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
