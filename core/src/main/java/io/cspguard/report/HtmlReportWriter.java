package io.cspguard.report;

import gg.jte.ContentType;
import gg.jte.TemplateEngine;
import gg.jte.output.WriterOutput;
import io.cspguard.report.html.HtmlReportBuilder;
import io.cspguard.result.Assessment;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;

/**
 * One self-contained HTML file (no external resource at all, so it can be mailed or archived as evidence), rendered
 * by the precompiled JTE template {@code report.jte}, which escapes every value it prints.
 */
final class HtmlReportWriter implements ReportWriter {
    static final String TEMPLATES_PACKAGE = "io.cspguard.report.html.templates";

    // Precompiled at build time (jte-maven-plugin) into our own package, so the engine must be told where they are.
    private static final TemplateEngine ENGINE = TemplateEngine.createPrecompiled(null, ContentType.Html,
            HtmlReportWriter.class.getClassLoader(), TEMPLATES_PACKAGE);

    @Override
    public void write(Assessment a, OutputStream out) throws IOException {
        // Not closed: closing the writer would close the caller's stream.
        Writer w = new BufferedWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8));
        ENGINE.render("report.jte", HtmlReportBuilder.of(a), new WriterOutput(w));
        w.flush();
    }
}
