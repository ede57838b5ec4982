package dev.hypersphere.eval.report;

import dev.hypersphere.io.AtomicFiles;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/** A one-page HTML report: a table of the headline numbers and the plots, inlined as SVG (one self-contained file). */
public final class HtmlReport {

    public static final String FILE = "report.html";

    private HtmlReport() {}

    /** A plot to embed: its title and SVG text. */
    public record Plot(String title, String svg) {}

    public static Path write(Path dir, String title, Map<String, String> headline, List<String> notes, List<Plot> plots)
            throws IOException {
        StringBuilder html = new StringBuilder();
        html.append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>").append(escape(title))
                .append("</title>\n<style>body{font-family:sans-serif;max-width:1000px;margin:2em auto;color:#222}"
                        + "table{border-collapse:collapse;margin:1em 0}td,th{border:1px solid #ccc;padding:4px 10px;text-align:left}"
                        + "th{background:#f4f4f4}figure{margin:1.5em 0}figcaption{font-weight:bold;margin-bottom:.4em}"
                        + ".note{color:#555;font-size:.9em}svg{max-width:100%;height:auto}</style></head><body>\n");
        html.append("<h1>").append(escape(title)).append("</h1>\n<table>\n");
        headline.forEach((k, v) -> html.append("<tr><th>").append(escape(k)).append("</th><td>").append(escape(v)).append("</td></tr>\n"));
        html.append("</table>\n");
        for (String note : notes) {
            html.append("<p class=\"note\">").append(escape(note)).append("</p>\n");
        }
        for (Plot plot : plots) {
            html.append("<figure><figcaption>").append(escape(plot.title())).append("</figcaption>\n")
                    .append(plot.svg().replaceFirst("^<\\?xml[^>]*>", "")).append("\n</figure>\n");
        }
        html.append("<p class=\"note\">All numbers, parameters and input checksums: report.json beside this page.</p>\n</body></html>\n");
        Path file = dir.resolve(FILE);
        AtomicFiles.writeString(file, html.toString());
        return file;
    }

    static String escape(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
