package io.cspguard.graph.auth;

import java.nio.file.Path;

/**
 * A connection profile (formats.md §4) that cannot be used: unreadable, malformed, an unknown key, a missing
 * credential, a file it names that is missing, an {@code env:NAME} secret whose variable is not set. The message names
 * the file and the key, never a secret's value.
 */
public final class ProfileException extends Exception {
    private final Path file;
    private final String key;
    private final String problem;

    /**
     * @param file    the profile (or the file it names), or null
     * @param key     the profile key at fault, or null
     * @param problem what is wrong, without any secret
     */
    public ProfileException(Path file, String key, String problem) {
        this(file, key, problem, null);
    }

    public ProfileException(Path file, String key, String problem, Throwable cause) {
        super(message(file, key, problem), cause);
        this.file = file;
        this.key = key;
        this.problem = problem;
    }

    /** The profile, or null. */
    public Path file() {
        return file;
    }

    /** The key at fault, or null. */
    public String key() {
        return key;
    }

    /** The message without the file and key. */
    public String problem() {
        return problem;
    }

    /** The same problem, placed in {@code file} at {@code key} (when this one has none). */
    ProfileException at(Path atFile, String atKey) {
        return new ProfileException(file != null ? file : atFile, key != null ? key : atKey, problem, getCause());
    }

    private static String message(Path file, String key, String problem) {
        StringBuilder m = new StringBuilder();
        if (file != null) {
            m.append(file).append(": ");
        }
        if (key != null) {
            m.append(key).append(": ");
        }
        return m.append(problem).toString();
    }
}
