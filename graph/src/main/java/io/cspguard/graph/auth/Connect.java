package io.cspguard.graph.auth;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.microsoft.aad.msal4j.AbstractClientApplicationBase;
import com.microsoft.aad.msal4j.DeviceCode;
import com.microsoft.aad.msal4j.DeviceCodeFlowParameters;
import com.microsoft.aad.msal4j.IAuthenticationResult;
import com.microsoft.aad.msal4j.PublicClientApplication;
import java.io.IOException;
import java.time.Duration;
import java.util.Iterator;
import java.util.Objects;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * {@code cspguard connect}: signs a partner user in once, with MFA, and keeps the refresh token (the Secure
 * Application Model). The device-code flow: MSAL4J's public client for the profile's app, against the partner
 * tenant's authority, asking Graph's {@code .default} (MSAL adds {@code openid profile offline_access}); the person
 * opens the verification page, enters the code and signs in; the refresh token from MSAL's token cache is then stored
 * encrypted in the profile's {@code refreshToken} file ({@link RefreshTokenStore}).
 */
public final class Connect {
    private static final ObjectMapper JSON = new ObjectMapper();

    private Connect() {
    }

    /**
     * What to show the person signing in.
     *
     * @param message         Entra's instruction, e.g. "To sign in, use a web browser to open the page … and enter the
     *                        code … to authenticate."
     * @param userCode        the code to enter
     * @param verificationUri the page to open
     * @param expiresIn       how long the code is valid
     */
    public record DevicePrompt(String message, String userCode, String verificationUri, Duration expiresIn) {
    }

    /**
     * Who signed in and where the refresh token was stored.
     *
     * @param username  the user's UPN
     * @param tenantId  the tenant signed in to (the partner's)
     * @param tokenFile the encrypted refresh token
     */
    public record Connected(String username, String tenantId, java.nio.file.Path tokenFile) {
    }

    /**
     * Device-code sign-in with the key from this process's environment (or the key file).
     *
     * @param showMessage receives the instruction to show the person (blocks until they have signed in or the code
     *                    expires)
     */
    public static Connected deviceCode(ConnectionProfile profile, Consumer<String> showMessage)
            throws ProfileException, AuthException, IOException {
        Objects.requireNonNull(showMessage, "showMessage");
        return deviceCode(profile, System::getenv, p -> showMessage.accept(p.message()));
    }

    /**
     * @param env    the environment ({@value RefreshTokenStore#KEY_VARIABLE}, {@code env:} secrets)
     * @param prompt receives the code to enter, before MSAL polls for the result
     * @throws ProfileException the profile has no {@code refreshToken} file, or its CA cannot be read
     * @throws AuthException    the sign-in failed, was declined or expired
     * @throws IOException      the token could not be stored
     */
    public static Connected deviceCode(ConnectionProfile profile, Function<String, String> env,
                                       Consumer<DevicePrompt> prompt)
            throws ProfileException, AuthException, IOException {
        RefreshTokenStore store = RefreshTokenStore.of(profile, env);
        Redactor redactor = new Redactor();
        PublicClientApplication app = Msal.publicClient(profile,
                Msal.authority(profile, profile.partnerTenantId()), Trust.sslContext(profile));
        DeviceCodeFlowParameters parameters = DeviceCodeFlowParameters.builder(Set.of(Resource.GRAPH.scope()),
                (DeviceCode code) -> prompt.accept(new DevicePrompt(code.message(), code.userCode(),
                        code.verificationUri(), Duration.ofSeconds(code.expiresIn())))).build();
        IAuthenticationResult result = Msal.await(app.acquireToken(parameters),
                "a sign-in for tenant " + profile.partnerTenantId(), redactor);
        redactor.addToken(result.accessToken());
        String refreshToken = refreshToken(app).orElseThrow(() -> new AuthException("The sign-in returned no "
                + "refresh token (was offline_access refused?)", "no_refresh_token", 0, null));
        store.save(refreshToken);
        String username = result.account() != null ? result.account().username() : null;
        return new Connected(username, profile.partnerTenantId(), store.tokenFile());
    }

    /**
     * The refresh token in an MSAL application's token cache (MSAL4J exposes refresh tokens only through its cache
     * serialization: the {@code RefreshToken} section's {@code secret}). With several, the one of the most recently
     * signed-in account is not knowable from the cache; CSP Guard's applications hold one account, so any is it.
     */
    static java.util.Optional<String> refreshToken(AbstractClientApplicationBase app) {
        String serialized = app.tokenCache().serialize();
        try {
            JsonNode section = JSON.readTree(serialized).path("RefreshToken");
            String found = null;
            for (Iterator<JsonNode> it = section.elements(); it.hasNext(); ) {
                JsonNode entry = it.next();
                String secret = entry.path("secret").asText("");
                if (!secret.isEmpty() && (entry.path("client_id").isMissingNode()
                        || app.clientId().equalsIgnoreCase(entry.path("client_id").asText()))) {
                    found = secret;
                }
            }
            return java.util.Optional.ofNullable(found);
        } catch (IOException e) {
            return java.util.Optional.empty();
        }
    }
}
