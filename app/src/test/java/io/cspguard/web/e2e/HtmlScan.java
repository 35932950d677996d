package io.cspguard.web.e2e;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Reads a page's markup the way a browser's tokenizer does (tags, attributes, comments; text between them) and lists
 * what would make a hostile string active: an element the dashboard's templates never write, an event-handler or
 * style attribute, a {@code javascript:} URL, a script that is not one of the app's own {@code /static/*.js}.
 * A string escaped by JTE stays text, so it cannot show up here; one that is not, does.
 */
public final class HtmlScan {
    /** Every element the dashboard's templates (layout, pages, auth, admin) write. */
    static final Set<String> APP_ELEMENTS = Set.of("html", "head", "meta", "title", "link", "body", "header", "nav",
            "main", "section", "div", "p", "span", "a", "h1", "h2", "h3", "h4", "form", "input", "button", "label",
            "select", "option", "textarea", "fieldset", "legend", "table", "thead", "tbody", "tr", "th", "td", "dl", "dt",
            "dd", "ul", "ol", "li", "code", "strong", "em", "small", "br", "script", "svg", "line", "polyline",
            "circle", "text", "details", "summary", "pre", "abbr", "time", "caption", "col", "colgroup", "tfoot", "b", "i",
            "hr", "img", "style", "figure", "figcaption", "g", "rect", "path");
    /** Elements a template never writes in a dashboard page (the HTML report may have an image or a style sheet). */
    static final Set<String> NEVER_IN_PAGES = Set.of("img", "style", "iframe", "object", "embed", "base", "frame",
            "frameset", "meta-refresh");
    private static final Set<String> URL_ATTRIBUTES = Set.of("href", "src", "action", "formaction", "xlink:href",
            "data", "poster", "background");

    public record Tag(String name, Map<String, String> attributes) {
    }

    private HtmlScan() {
    }

    /** The start tags of {@code html}, in order. */
    public static List<Tag> tags(String html) {
        List<Tag> tags = new ArrayList<>();
        int i = 0;
        int n = html.length();
        while (i < n) {
            int lt = html.indexOf('<', i);
            if (lt < 0 || lt + 1 >= n) {
                break;
            }
            char c = html.charAt(lt + 1);
            if (html.startsWith("<!--", lt)) {
                int end = html.indexOf("-->", lt + 4);
                i = end < 0 ? n : end + 3;
            } else if (c == '!' || c == '?' || c == '/') {
                int end = html.indexOf('>', lt + 1);
                i = end < 0 ? n : end + 1;
            } else if (Character.isLetter(c)) {
                i = startTag(html, lt + 1, tags);
                Tag last = tags.getLast();
                if (last.name().equals("script") || last.name().equals("style") || last.name().equals("textarea")
                        || last.name().equals("title")) {
                    // raw text until the end tag: a payload there is text (or, for script, caught by its content check)
                    int end = html.toLowerCase(Locale.ROOT).indexOf("</" + last.name(), i);
                    if (last.name().equals("script") && end > i && !html.substring(i, end).isBlank()) {
                        last.attributes().put("#inline-content", html.substring(i, end));
                    }
                    i = end < 0 ? n : end;
                }
            } else {
                i = lt + 1;
            }
        }
        return tags;
    }

    private static int startTag(String html, int from, List<Tag> tags) {
        int n = html.length();
        int i = from;
        while (i < n && !isSpace(html.charAt(i)) && html.charAt(i) != '/' && html.charAt(i) != '>') {
            i++;
        }
        String name = html.substring(from, i).toLowerCase(Locale.ROOT);
        Map<String, String> attributes = new LinkedHashMap<>();
        while (i < n) {
            while (i < n && (isSpace(html.charAt(i)) || html.charAt(i) == '/')) {
                i++;
            }
            if (i >= n || html.charAt(i) == '>') {
                i++;
                break;
            }
            int start = i;
            while (i < n && !isSpace(html.charAt(i)) && html.charAt(i) != '/' && html.charAt(i) != '>'
                    && (html.charAt(i) != '=' || i == start)) {
                i++;
            }
            String attribute = html.substring(start, i).toLowerCase(Locale.ROOT);
            while (i < n && isSpace(html.charAt(i))) {
                i++;
            }
            String value = "";
            if (i < n && html.charAt(i) == '=') {
                i++;
                while (i < n && isSpace(html.charAt(i))) {
                    i++;
                }
                if (i < n && (html.charAt(i) == '"' || html.charAt(i) == '\'')) {
                    char quote = html.charAt(i);
                    int end = html.indexOf(quote, i + 1);
                    end = end < 0 ? n : end;
                    value = html.substring(i + 1, end);
                    i = end + 1;
                } else {
                    int vs = i;
                    while (i < n && !isSpace(html.charAt(i)) && html.charAt(i) != '>') {
                        i++;
                    }
                    value = html.substring(vs, i);
                }
            }
            attributes.putIfAbsent(attribute, decode(value));
        }
        tags.add(new Tag(name, attributes));
        return i;
    }

    /**
     * What would be active in a dashboard page: unknown or forbidden elements, event handlers, style attributes,
     * {@code javascript:}/{@code data:} URLs, scripts that are not {@code /static/*.js} or that have inline content.
     */
    public static List<String> activeContent(String html) {
        return problems(html, true);
    }

    /** The same checks for a standalone document (the HTML report): any element, but nothing that runs. */
    public static List<String> scriptsOrHandlers(String html) {
        return problems(html, false);
    }

    private static List<String> problems(String html, boolean dashboardPage) {
        List<String> problems = new ArrayList<>();
        for (Tag t : tags(html)) {
            if (dashboardPage && (!APP_ELEMENTS.contains(t.name()) || NEVER_IN_PAGES.contains(t.name()))) {
                problems.add("element <" + t.name() + "> " + t.attributes());
            }
            if (t.name().equals("script")) {
                String src = t.attributes().get("src");
                if (src == null || !src.matches("/static/[a-z-]+\\.js") || t.attributes().containsKey("#inline-content")) {
                    problems.add("script " + t.attributes());
                }
            }
            if (!dashboardPage && t.name().equals("script")) {
                problems.add("script in a standalone report " + t.attributes());
            }
            for (Map.Entry<String, String> a : t.attributes().entrySet()) {
                String name = a.getKey();
                String value = a.getValue().strip().toLowerCase(Locale.ROOT).replaceAll("[\\s\\u0000-\\u001f]", "");
                if (name.startsWith("on")) {
                    problems.add("event handler " + name + " on <" + t.name() + ">");
                }
                if (dashboardPage && (name.equals("style") || name.equals("srcdoc"))) {
                    problems.add(name + " attribute on <" + t.name() + ">");
                }
                if (URL_ATTRIBUTES.contains(name) && (value.startsWith("javascript:") || value.startsWith("vbscript:")
                        || value.startsWith("data:text") || dashboardPage && value.startsWith("data:"))) {
                    problems.add(name + "=" + a.getValue() + " on <" + t.name() + ">");
                }
            }
            if (t.name().equals("meta") && "refresh".equalsIgnoreCase(t.attributes().getOrDefault("http-equiv", ""))) {
                problems.add("meta refresh");
            }
        }
        return problems;
    }

    private static boolean isSpace(char c) {
        return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f';
    }

    /** The entities JTE writes, so that an attribute's value is checked as the browser reads it. */
    private static String decode(String s) {
        return s.replace("&#34;", "\"").replace("&quot;", "\"").replace("&#39;", "'").replace("&lt;", "<")
                .replace("&gt;", ">").replace("&#58;", ":").replace("&colon;", ":").replace("&amp;", "&");
    }
}
