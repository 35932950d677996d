package io.cspguard.graph.auth;

import com.microsoft.aad.msal4j.AbstractClientApplicationBase;
import com.microsoft.aad.msal4j.ConfidentialClientApplication;
import com.microsoft.aad.msal4j.IAuthenticationResult;
import com.microsoft.aad.msal4j.IClientCredential;
import com.microsoft.aad.msal4j.MsalException;
import com.microsoft.aad.msal4j.MsalServiceException;
import com.microsoft.aad.msal4j.MsalThrottlingException;
import com.microsoft.aad.msal4j.PublicClientApplication;
import java.io.IOException;
import java.net.MalformedURLException;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLException;

/**
 * MSAL4J as CSP Guard uses it: an authority {@code {authority}/{tenant}/} per tenant, no instance discovery (MSAL4J
 * would ask login.microsoftonline.com about any other host), the profile's trust, token requests run on virtual
 * threads (hundreds of tenants may ask at once), and its exceptions turned into redacted {@link AuthException}s.
 */
final class Msal {
    static final int CONNECT_TIMEOUT_MS = 15_000;
    static final int READ_TIMEOUT_MS = 60_000;
    private static final ExecutorService EXECUTOR = Executors.newThreadPerTaskExecutor(
            Thread.ofVirtual().name("cspguard-msal-", 0).factory());
    private static final Pattern AADSTS = Pattern.compile("AADSTS(\\d+)");
    private static final Pattern TENANT = Pattern.compile("[A-Za-z0-9][A-Za-z0-9.-]{0,253}");

    private Msal() {
    }

    /** {@code {authority}/{tenantId}/}, after checking the tenant id is one path segment. */
    static String authority(ConnectionProfile p, String tenantId) throws AuthException {
        if (tenantId == null || !TENANT.matcher(tenantId).matches()) {
            throw new AuthException("Not a tenant id: " + (tenantId == null ? "null" : "'" + tenantId.replaceAll(
                    "[^A-Za-z0-9.-]", "?") + "'"), "invalid_tenant", 0, null);
        }
        return p.authority() + "/" + tenantId + "/";
    }

    static ConfidentialClientApplication confidential(ConnectionProfile p, String authority,
                                                      IClientCredential credential, SSLContext tls)
            throws AuthException {
        try {
            return configure(ConfidentialClientApplication.builder(p.clientId(), credential), authority, tls)
                    .sendX5c(true).build();
        } catch (MalformedURLException | IllegalArgumentException e) {
            throw new AuthException("Bad authority " + authority + ": " + e.getMessage(), "invalid_authority", 0, null);
        }
    }

    static PublicClientApplication publicClient(ConnectionProfile p, String authority, SSLContext tls)
            throws AuthException {
        try {
            return configure(PublicClientApplication.builder(p.clientId()), authority, tls).build();
        } catch (MalformedURLException | IllegalArgumentException e) {
            throw new AuthException("Bad authority " + authority + ": " + e.getMessage(), "invalid_authority", 0, null);
        }
    }

    private static <T extends AbstractClientApplicationBase.Builder<T>> T configure(T builder, String authority,
                                                                                    SSLContext tls)
            throws MalformedURLException {
        return builder.authority(authority)
                .instanceDiscovery(false)
                .sslSocketFactory(tls.getSocketFactory())
                .executorService(EXECUTOR)
                .connectTimeoutForDefaultHttpClient(CONNECT_TIMEOUT_MS)
                .readTimeoutForDefaultHttpClient(READ_TIMEOUT_MS)
                .logPii(false);
    }

    /**
     * Waits for MSAL's answer.
     *
     * @param what for the message, e.g. "a Graph token for tenant X"
     */
    static IAuthenticationResult await(CompletableFuture<IAuthenticationResult> future, String what, Redactor redactor)
            throws AuthException {
        try {
            return future.get();
        } catch (InterruptedException e) {
            future.cancel(true);
            Thread.currentThread().interrupt();
            throw new AuthException("Interrupted while getting " + what, "interrupted", 0, null);
        } catch (ExecutionException | CompletionException | CancellationException e) {
            throw failure(what, e.getCause() != null ? e.getCause() : e, redactor);
        } catch (MsalException e) {
            throw failure(what, e, redactor);
        }
    }

    /** MSAL's failure as an {@link AuthException}: Entra's error and AADSTS number, the text redacted. */
    static AuthException failure(String what, Throwable t, Redactor redactor) {
        while ((t instanceof CompletionException || t instanceof ExecutionException) && t.getCause() != null) {
            t = t.getCause();
        }
        String code = t instanceof MsalException m ? m.errorCode() : null;
        String text = t.getMessage() == null ? t.getClass().getSimpleName() : t.getMessage();
        int aadsts = 0;
        Matcher m = AADSTS.matcher(text);
        if (m.find()) {
            try {
                aadsts = Integer.parseInt(m.group(1));
            } catch (NumberFormatException ignored) {
                // not a number Entra sends
            }
        }
        boolean transientFailure = false;
        if (t instanceof MsalThrottlingException) {
            transientFailure = true;
        } else if (t instanceof MsalServiceException s && s.statusCode() != null) {
            int status = s.statusCode();
            transientFailure = status == 429 || status >= 500;
        } else if (ioCause(t) instanceof IOException io && !(io instanceof SSLException)) {
            transientFailure = true; // timeouts, refused or dropped connections
        }
        StringBuilder message = new StringBuilder("Could not get ").append(what).append(": ");
        if (code != null && !code.isEmpty() && !text.startsWith(code)) {
            message.append(code).append(": ");
        }
        message.append(text);
        if (ioCause(t) instanceof SSLException) {
            message.append(" (is the server's CA trusted? set caCert in the connection profile)");
        }
        return new AuthException(redactor.redact(message.toString()), code, aadsts, transientFailure,
                redactor.scrub(t));
    }

    private static Throwable ioCause(Throwable t) {
        for (Throwable c = t; c != null; c = c.getCause() == c ? null : c.getCause()) {
            if (c instanceof IOException) {
                return c;
            }
        }
        return null;
    }
}
