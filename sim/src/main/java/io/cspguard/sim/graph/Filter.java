package io.cspguard.sim.graph;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The {@code $filter} subset the collectors and workflows use: comparisons ({@code eq ne gt ge lt le}) of a property
 * path with a literal, joined by {@code and} — date windows ({@code createdDateTime ge X and createdDateTime le Y}),
 * {@code groupId eq '…'}, {@code scopeId eq '/' and scopeType eq 'DirectoryRole'},
 * {@code displayName eq 'AdminAgents'}. Anything else ({@code or}, lambdas, functions) is refused with 400, as Graph
 * refuses what an endpoint does not support, rather than being half-evaluated.
 */
final class Filter {
    enum Op { EQ, NE, GT, GE, LT, LE }

    /** One comparison; {@code instant} is set when the literal is a date-time (compared as instants, not as text). */
    record Clause(String[] path, String property, Op op, String text, Instant instant, Double number, Boolean bool,
                  boolean isNull) {
    }

    private static final Pattern AND = Pattern.compile("\\s+and\\s+", Pattern.CASE_INSENSITIVE);
    private static final Pattern CLAUSE = Pattern.compile("^([A-Za-z0-9_@./]+)\\s+(eq|ne|gt|ge|lt|le)\\s+(.+)$",
            Pattern.CASE_INSENSITIVE);

    private final List<Clause> clauses;

    private Filter(List<Clause> clauses) {
        this.clauses = List.copyOf(clauses);
    }

    /** @throws IllegalArgumentException with the reason, for a 400 */
    static Filter parse(String text) {
        List<Clause> out = new ArrayList<>();
        for (String part : splitAnd(text.trim())) {
            String p = stripParens(part.trim());
            if (p.toLowerCase(Locale.ROOT).contains(" or ") || p.contains("/any(") || p.contains("/all(")
                    || p.contains("(")) {
                throw new IllegalArgumentException("Unsupported filter clause: " + part.trim());
            }
            Matcher m = CLAUSE.matcher(p);
            if (!m.matches()) {
                throw new IllegalArgumentException("Invalid filter clause: " + part.trim());
            }
            out.add(clause(m.group(1), Op.valueOf(m.group(2).toUpperCase(Locale.ROOT)), m.group(3).trim()));
        }
        return new Filter(out);
    }

    List<Clause> clauses() {
        return clauses;
    }

    /** The literal of {@code property eq '…'}, for filters that pick a resource rather than filter one. */
    Optional<String> equalTo(String property) {
        return clauses.stream().filter(c -> c.op == Op.EQ && c.property.equalsIgnoreCase(property))
                .map(Clause::text).findFirst();
    }

    /** The clauses on other properties than these (the ones that picked the resource), or null if none remain. */
    Filter without(String... properties) {
        List<Clause> rest = new ArrayList<>();
        outer:
        for (Clause c : clauses) {
            for (String p : properties) {
                if (c.property.equalsIgnoreCase(p)) {
                    continue outer;
                }
            }
            rest.add(c);
        }
        return rest.isEmpty() ? null : new Filter(rest);
    }

    boolean test(JsonNode item) {
        for (Clause c : clauses) {
            if (!test(c, item)) {
                return false;
            }
        }
        return true;
    }

    private static boolean test(Clause c, JsonNode item) {
        JsonNode v = item;
        for (String seg : c.path) {
            v = v == null ? null : v.get(seg);
        }
        if (c.isNull) {
            boolean isNull = v == null || v.isNull();
            return c.op == Op.EQ ? isNull : c.op == Op.NE && !isNull;
        }
        if (v == null || v.isNull()) {
            return c.op == Op.NE;
        }
        int cmp;
        if (c.instant != null) {
            Instant actual = instant(v.asText());
            if (actual == null) {
                return false;
            }
            cmp = actual.compareTo(c.instant);
        } else if (c.number != null && v.isNumber()) {
            cmp = Double.compare(v.asDouble(), c.number);
        } else if (c.bool != null) {
            if (!v.isBoolean()) {
                return false;
            }
            cmp = Boolean.compare(v.asBoolean(), c.bool);
        } else {
            // Graph compares directory strings case-insensitively.
            cmp = v.asText().compareToIgnoreCase(c.text);
        }
        return switch (c.op) {
            case EQ -> cmp == 0;
            case NE -> cmp != 0;
            case GT -> cmp > 0;
            case GE -> cmp >= 0;
            case LT -> cmp < 0;
            case LE -> cmp <= 0;
        };
    }

    private static Clause clause(String property, Op op, String literal) {
        String[] path = property.split("/");
        if (literal.startsWith("'")) {
            if (literal.length() < 2 || !literal.endsWith("'")) {
                throw new IllegalArgumentException("Unterminated string literal: " + literal);
            }
            String text = literal.substring(1, literal.length() - 1).replace("''", "'");
            return new Clause(path, property, op, text, null, null, null, false);
        }
        String lower = literal.toLowerCase(Locale.ROOT);
        if (lower.equals("null")) {
            return new Clause(path, property, op, null, null, null, null, true);
        }
        if (lower.equals("true") || lower.equals("false")) {
            return new Clause(path, property, op, lower, null, null, Boolean.valueOf(lower), false);
        }
        Instant instant = instant(literal);
        if (instant != null) {
            return new Clause(path, property, op, literal, instant, null, null, false);
        }
        try {
            return new Clause(path, property, op, literal, null, Double.valueOf(literal), null, false);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("Invalid literal in filter: " + literal);
        }
    }

    /** ISO-8601 with an offset or Z, any fraction (Graph's own timestamps carry 0 to 7 digits); null if not one. */
    static Instant instant(String s) {
        if (s == null || s.length() < 20 || s.charAt(4) != '-' || s.charAt(10) != 'T') {
            return null;
        }
        try {
            return OffsetDateTime.parse(s).toInstant();
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    private static List<String> splitAnd(String text) {
        // Split on " and " outside quotes: a quoted literal may itself contain " and ".
        List<String> parts = new ArrayList<>();
        StringBuilder cur = new StringBuilder();
        boolean quoted = false;
        int i = 0;
        while (i < text.length()) {
            char ch = text.charAt(i);
            if (ch == '\'') {
                quoted = !quoted;
            }
            if (!quoted) {
                Matcher m = AND.matcher(text).region(i, text.length());
                if (Character.isWhitespace(ch) && m.lookingAt()) {
                    parts.add(cur.toString());
                    cur.setLength(0);
                    i = m.end();
                    continue;
                }
            }
            cur.append(ch);
            i++;
        }
        parts.add(cur.toString());
        return parts;
    }

    private static String stripParens(String s) {
        String r = s;
        while (r.startsWith("(") && r.endsWith(")")) {
            r = r.substring(1, r.length() - 1).trim();
        }
        return r;
    }
}
