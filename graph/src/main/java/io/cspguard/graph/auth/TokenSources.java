package io.cspguard.graph.auth;

import java.util.function.Function;

/** The token source a profile's mode calls for: {@link AppTokenSource} or {@link DelegatedTokenSource}. */
public final class TokenSources {
    private TokenSources() {
    }

    /** With secrets (and the token key) from this process's environment. */
    public static TokenSource open(ConnectionProfile profile) throws ProfileException {
        return open(profile, System::getenv);
    }

    /**
     * @param env the environment {@code env:NAME} secrets and {@value RefreshTokenStore#KEY_VARIABLE} are read from
     * @throws ProfileException no usable credential, CA or (delegated) stored refresh token
     */
    public static TokenSource open(ConnectionProfile profile, Function<String, String> env) throws ProfileException {
        return switch (profile.mode()) {
            case APP -> new AppTokenSource(profile, env);
            case DELEGATED -> new DelegatedTokenSource(profile, env);
        };
    }
}
