package io.cspguard.graph.auth;

import java.util.Objects;
import java.util.function.Function;
import java.util.regex.Pattern;

/**
 * Secrets as a profile gives them: in clear, or {@code env:NAME} for an environment variable. A missing variable is
 * an error naming the variable, never a value.
 */
public final class Secrets {
    /** The prefix of a secret read from the environment. */
    public static final String ENV_PREFIX = "env:";
    private static final Pattern NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");

    private Secrets() {
    }

    /** {@code value}, or for {@code env:NAME} the variable {@code NAME} of this process; null stays null. */
    public static String resolve(String value) throws ProfileException {
        return resolve(value, System::getenv);
    }

    /**
     * @param env the environment (tests pass a map's {@code get})
     * @throws ProfileException {@code env:} with a malformed name, or a variable that is not set or empty
     */
    public static String resolve(String value, Function<String, String> env) throws ProfileException {
        Objects.requireNonNull(env, "env");
        if (value == null || !value.startsWith(ENV_PREFIX)) {
            return value;
        }
        String name = variable(value);
        String resolved = env.apply(name);
        if (resolved == null || resolved.isEmpty()) {
            throw new ProfileException(null, null, "environment variable " + name + " is not set");
        }
        return resolved;
    }

    /** Whether {@code value} names an environment variable rather than holding the secret. */
    public static boolean isReference(String value) {
        return value != null && value.startsWith(ENV_PREFIX);
    }

    /**
     * The variable's name in {@code env:NAME}.
     *
     * @throws ProfileException when the name is not a valid variable name (the text is not repeated)
     */
    static String variable(String reference) throws ProfileException {
        String name = reference.substring(ENV_PREFIX.length());
        if (!NAME.matcher(name).matches()) {
            throw new ProfileException(null, null, "\"env:\" must be followed by an environment variable name "
                    + "(letters, digits and _)");
        }
        return name;
    }

    /** {@link #resolve} with the error placed at the profile's file and key. */
    static String resolve(ConnectionProfile profile, String key, String value, Function<String, String> env)
            throws ProfileException {
        try {
            return resolve(value, env);
        } catch (ProfileException e) {
            throw e.at(profile.source(), key);
        }
    }
}
