package dev.aiopt.junit.internal.report;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Measures a page's layout in Chromium at a given viewport width: a copy of the page gets a small script that
 * opens every {@code <details>}, reads the geometry the browser computed and writes what does not fit into the
 * DOM, which {@code --dump-dom} returns. A page fits when the document is no wider than the viewport and every
 * element either lies within the viewport or inside a horizontally scrollable container ({@code overflow-x:
 * auto|scroll}) that does; a table wider than the viewport must sit in such a container. On a wide screen a table
 * may also be required to fit without being scrolled (except a table opened inside another table's cell, such as
 * a candidate's runs).
 */
final class PageLayout {
    private static final String RESULT_ID = "aiopt-layout-probe";
    private static final Pattern RESULT = Pattern.compile("<pre id=\"" + RESULT_ID + "\">(.*?)</pre>", Pattern.DOTALL);
    // Reads, never changes, the layout (opening details aside); runs after the page's own markup has been parsed.
    private static final String PROBE = """
            <script>(function () {
              document.querySelectorAll('details').forEach(function (d) { d.open = true; });
              var root = document.documentElement, width = root.clientWidth, out = [];
              if (root.scrollWidth > width) out.push('document: scrollWidth ' + root.scrollWidth + ' > viewport ' + width);
              function scroller(e) {
                for (var p = e.parentElement; p && p !== document.body; p = p.parentElement) {
                  var o = getComputedStyle(p).overflowX;
                  if (o === 'auto' || o === 'scroll') return p;
                }
                return null;
              }
              function name(e) {
                var text = (e.textContent || '').replace(/\\s+/g, ' ').trim().slice(0, 60);
                return e.tagName.toLowerCase() + (e.id ? '#' + e.id : '')
                    + (typeof e.className === 'string' && e.className ? '.' + e.className.split(' ').join('.') : '')
                    + ' "' + text + '"';
              }
              function outside(r) { return r.right > width + 0.5 || r.left < -0.5; }
              var reported = [];
              document.querySelectorAll('body *').forEach(function (e) {
                var r = e.getBoundingClientRect();
                if (r.width === 0 && r.height === 0) return;
                if (scroller(e) === null && outside(r)) {
                  // Report the outermost offender only: its children overflow with it.
                  for (var i = 0; i < reported.length; i++) if (reported[i].contains(e)) return;
                  reported.push(e);
                  out.push('element ' + name(e) + ' spans x ' + Math.round(r.left) + '..' + Math.round(r.right)
                      + ', viewport ' + width);
                }
              });
              document.querySelectorAll('table').forEach(function (t) {
                var r = t.getBoundingClientRect(), s = scroller(t);
                if (r.right <= width + 0.5) return;
                if (s === null) out.push('table ' + name(t) + ' is ' + Math.round(r.width) + ' px wide and not in a'
                    + ' scroll container');
                else if (scroller(s) === null && outside(s.getBoundingClientRect())) out.push('the scroll container of table ' + name(t)
                    + ' reaches x ' + Math.round(s.getBoundingClientRect().right));
              });
              document.querySelectorAll('table').forEach(function (t) {
                var s = scroller(t);
                // A table opened inside another's cell (a candidate's runs) may scroll in its own box.
                var nested = t.parentElement.closest('table') !== null;
                if (!nested && s !== null && s.scrollWidth > s.clientWidth + 0.5) out.push('scrolls: table ' + name(t) + ' needs '
                    + s.scrollWidth + ' px in a container of ' + s.clientWidth);
              });
              var pre = document.createElement('pre');
              pre.id = '%s';
              pre.textContent = out.join('\\n');
              document.body.appendChild(pre);
            })();</script>
            """.formatted(RESULT_ID);

    private PageLayout() {
    }

    /**
     * What does not fit in a viewport {@code width} CSS pixels wide, one line each; empty when all fits. A table
     * that needs its scroll container to be scrolled counts only when {@code tablesMustFit}.
     */
    static List<String> overflows(HeadlessChromium chromium, Path page, int width, boolean tablesMustFit, Path workDir)
            throws IOException, InterruptedException {
        String html = Files.readString(page);
        // The pages forbid scripts (default-src 'none'); the copy allows inline ones, for the probe alone.
        String probed = html.replaceFirst("default-src 'none';", "default-src 'none'; script-src 'unsafe-inline';");
        int end = probed.lastIndexOf("</body>");
        if (end < 0 || probed.equals(html)) {
            throw new IllegalStateException(page + " has no </body> or no default-src policy to extend");
        }
        Path copy = Files.createTempFile(workDir, "layout-", ".html");
        Files.writeString(copy, probed.substring(0, end) + PROBE + probed.substring(end));
        HeadlessChromium.Load load = chromium.dumpDom(copy, workDir, width, 900);
        Matcher result = RESULT.matcher(load.dom());
        if (!result.find()) {
            throw new IllegalStateException("the layout probe wrote nothing into " + page + " at " + width + " px\n"
                    + load.consoleLines() + "\n" + load.stderr());
        }
        List<String> problems = new ArrayList<>();
        for (String line : result.group(1).split("\n")) {
            if (!line.isBlank() && (tablesMustFit || !line.startsWith("scrolls: "))) {
                problems.add(page.getFileName() + " at " + width + " px: " + unescape(line));
            }
        }
        return problems;
    }

    private static String unescape(String text) {
        return text.replace("&lt;", "<").replace("&gt;", ">").replace("&quot;", "\"").replace("&amp;", "&");
    }
}
