package io.cspguard.graph.auth;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Removes secrets from text before it is shown or logged: every secret it was told about (the client secret, the
 * certificate password, refresh tokens, the access tokens handed out — the most recent {@value #RECENT_TOKENS}), and
 * whatever looks like one whatever its origin (a JWT, a {@code client_secret=}/{@code refresh_token=} form or query
 * value, a token or secret JSON member). Thread-safe.
 */
public final class Redactor {
    public static final String MASK = "[redacted]";
    /** Access tokens remembered (older ones are still caught by the JWT pattern). */
    static final int RECENT_TOKENS = 4096;
    /** Shorter values are not treated as secrets: masking every "a" would make all text unreadable. */
    static final int MIN_LENGTH = 4;

    private static final Pattern JWT =
            Pattern.compile("eyJ[A-Za-z0-9_-]{4,}\\.[A-Za-z0-9_-]{4,}\\.[A-Za-z0-9_-]*");
    private static final Pattern FORM = Pattern.compile("(?i)\\b(client_secret|client_assertion|refresh_token|"
            + "access_token|id_token|password|passwd|device_code|code_verifier)=([^&\\s\"']+)");
    private static final Pattern JSON = Pattern.compile("(?i)\"(client_secret|clientSecret|certificatePassword|"
            + "refresh_token|refreshToken|access_token|accessToken|id_token|secret|password)\"\\s*:\\s*\"([^\"]*)\"");

    private final Set<String> secrets = new LinkedHashSet<>();
    private final Map<String, Boolean> tokens = new LinkedHashMap<>(64, 0.75f, false) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Boolean> eldest) {
            return size() > RECENT_TOKENS;
        }
    };
    private volatile List<String> sorted = List.of();

    /** Remembers a long-lived secret (client secret, certificate password, refresh token); null is ignored. */
    public void add(String secret) {
        if (secret == null || secret.length() < MIN_LENGTH) {
            return;
        }
        synchronized (this) {
            if (secrets.add(secret)) {
                sorted = null;
            }
        }
    }

    /** Remembers an access token handed out (the most recent ones are kept); null is ignored. */
    public void addToken(String token) {
        if (token == null || token.length() < MIN_LENGTH) {
            return;
        }
        synchronized (this) {
            if (tokens.put(token, Boolean.TRUE) == null) {
                sorted = null;
            }
        }
    }

    /** {@code text} with every known secret, and everything shaped like one, replaced by {@value #MASK}. */
    public String redact(String text) {
        if (text == null || text.isEmpty()) {
            return text;
        }
        String out = text;
        for (String s : known()) {
            if (out.contains(s)) {
                out = out.replace(s, MASK);
            }
        }
        out = JWT.matcher(out).replaceAll(MASK);
        out = FORM.matcher(out).replaceAll(m -> Matcher.quoteReplacement(m.group(1) + "=" + MASK));
        out = JSON.matcher(out).replaceAll(m -> Matcher.quoteReplacement("\"" + m.group(1) + "\":\"" + MASK + "\""));
        return out;
    }

    /**
     * A copy of {@code t} (and its causes and suppressed exceptions) whose messages are redacted, keeping each class
     * name and stack trace, for attaching as a cause or logging without leaking what a library put in a message.
     */
    public Throwable scrub(Throwable t) {
        return scrub(t, 0);
    }

    private Throwable scrub(Throwable t, int depth) {
        if (t == null) {
            return null;
        }
        String message = t.getMessage() == null ? null : redact(t.getMessage());
        Redacted copy = new Redacted(t.getClass().getName() + (message == null ? "" : ": " + message));
        copy.setStackTrace(t.getStackTrace());
        if (depth < 8) {
            Throwable cause = t.getCause();
            if (cause != null && cause != t) {
                copy.initCause(scrub(cause, depth + 1));
            }
            for (Throwable s : t.getSuppressed()) {
                copy.addSuppressed(scrub(s, depth + 1));
            }
        }
        return copy;
    }

    private List<String> known() {
        List<String> s = sorted;
        if (s != null) {
            return s;
        }
        synchronized (this) {
            if (sorted == null) {
                List<String> all = new ArrayList<>(secrets);
                all.addAll(tokens.keySet());
                // longest first, so a secret that contains another is masked whole
                all.sort(Comparator.comparingInt(String::length).reversed());
                sorted = List.copyOf(all);
            }
            return sorted;
        }
    }

    /** An exception whose message was redacted; its text starts with the original's class name. */
    public static final class Redacted extends Exception {
        Redacted(String message) {
            super(message);
        }

        @Override
        public String toString() {
            return getMessage();
        }
    }
}
