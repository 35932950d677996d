package io.cspguard.web.auth;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.yubico.webauthn.AssertionRequest;
import com.yubico.webauthn.AssertionResult;
import com.yubico.webauthn.FinishAssertionOptions;
import com.yubico.webauthn.FinishRegistrationOptions;
import com.yubico.webauthn.RegistrationResult;
import com.yubico.webauthn.RelyingParty;
import com.yubico.webauthn.StartAssertionOptions;
import com.yubico.webauthn.StartRegistrationOptions;
import com.yubico.webauthn.data.AuthenticatorSelectionCriteria;
import com.yubico.webauthn.data.PublicKeyCredential;
import com.yubico.webauthn.data.PublicKeyCredentialCreationOptions;
import com.yubico.webauthn.data.RelyingPartyIdentity;
import com.yubico.webauthn.data.ResidentKeyRequirement;
import com.yubico.webauthn.data.UserIdentity;
import com.yubico.webauthn.data.UserVerificationRequirement;
import com.yubico.webauthn.exception.AssertionFailedException;
import com.yubico.webauthn.exception.InvalidSignatureCountException;
import com.yubico.webauthn.exception.RegistrationFailedException;
import java.io.IOException;
import java.time.Clock;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Passkeys through Yubico's relying party: discoverable credentials, user verification required (so a passkey alone
 * is two factors: the device and its PIN or biometric). RP id = the public URL's host; origin = the public URL.
 */
final class Passkeys {
    private static final Pattern IPV4 = Pattern.compile("\\d{1,3}(\\.\\d{1,3}){3}");
    private static final long TIMEOUT_MS = 120_000;

    /** A ceremony the browser must complete: its options for {@code navigator.credentials}, and what to keep. */
    record Ceremony(String browserJson, String storedJson) {
    }

    /** Why a passkey ceremony failed, in words for the user (no secrets). */
    static final class PasskeyException extends Exception {
        PasskeyException(String message) {
            super(message);
        }
    }

    private final RelyingParty rp;
    private final String unavailable;
    private final PasskeyCredentials credentials;

    Passkeys(SecuritySettings settings, PasskeyCredentials credentials, Clock clock) {
        this.credentials = credentials;
        String host = settings.publicUrl().getHost();
        if (IPV4.matcher(host).matches() || host.startsWith("[") || host.contains(":")) {
            unavailable = "passkeys need a host name: the public URL " + settings.publicUrl() + " is an IP address, "
                    + "which WebAuthn does not accept as a relying-party id; use a DNS name (or localhost)";
            rp = null;
        } else {
            unavailable = null;
            rp = RelyingParty.builder()
                    .identity(RelyingPartyIdentity.builder().id(host).name("CSP Guard").build())
                    .credentialRepository(credentials)
                    .origins(Set.of(settings.origin()))
                    .clock(clock)
                    // the default, pinned: an assertion whose counter did not rise (both non-zero) is refused with
                    // InvalidSignatureCountException, the sign of a cloned authenticator
                    .validateSignatureCounter(true)
                    .build();
        }
    }

    /** Why passkeys cannot be used with this public URL, if they cannot. */
    Optional<String> unavailable() {
        return Optional.ofNullable(unavailable);
    }

    Ceremony startRegistration(UserRecord user) throws PasskeyException {
        requireAvailable();
        PublicKeyCredentialCreationOptions options = rp.startRegistration(StartRegistrationOptions.builder()
                .user(UserIdentity.builder().name(user.name()).displayName(user.name())
                        .id(PasskeyCredentials.bytes(user.userHandle())).build())
                .authenticatorSelection(AuthenticatorSelectionCriteria.builder()
                        .residentKey(ResidentKeyRequirement.REQUIRED)
                        .userVerification(UserVerificationRequirement.REQUIRED).build())
                .timeout(TIMEOUT_MS)
                .build());
        try {
            return new Ceremony(options.toCredentialsCreateJson(), options.toJson());
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write WebAuthn options", e);
        }
    }

    RegistrationResult finishRegistration(String storedJson, String responseJson) throws PasskeyException {
        requireAvailable();
        try {
            RegistrationResult r = rp.finishRegistration(FinishRegistrationOptions.builder()
                    .request(PublicKeyCredentialCreationOptions.fromJson(storedJson))
                    .response(PublicKeyCredential.parseRegistrationResponseJson(responseJson))
                    .build());
            if (!r.isUserVerified()) {
                throw new PasskeyException("the authenticator did not verify the user (PIN or biometric)");
            }
            return r;
        } catch (RegistrationFailedException e) {
            throw new PasskeyException("the passkey could not be registered: " + e.getMessage());
        } catch (IOException | RuntimeException e) {
            throw new PasskeyException("the browser's answer is not a WebAuthn registration");
        }
    }

    /** An assertion for {@code username}'s passkeys, or for any discoverable one when empty. */
    Ceremony startAssertion(Optional<String> username) throws PasskeyException {
        requireAvailable();
        StartAssertionOptions.StartAssertionOptionsBuilder b = StartAssertionOptions.builder()
                .userVerification(UserVerificationRequirement.REQUIRED).timeout(TIMEOUT_MS);
        username.ifPresent(b::username);
        AssertionRequest request = rp.startAssertion(b.build());
        try {
            return new Ceremony(request.toCredentialsGetJson(), request.toJson());
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write WebAuthn options", e);
        }
    }

    /** Verifies an assertion; the result names the user whose passkey signed. */
    AssertionResult finishAssertion(String storedJson, String responseJson, Clock clock) throws PasskeyException {
        requireAvailable();
        AssertionResult r;
        try {
            r = rp.finishAssertion(FinishAssertionOptions.builder()
                    .request(AssertionRequest.fromJson(storedJson))
                    .response(PublicKeyCredential.parseAssertionResponseJson(responseJson))
                    .build());
        } catch (InvalidSignatureCountException e) {
            throw new PasskeyException("the passkey's signature counter went backwards (stored "
                    + (e.getExpectedMinimum() - 1) + ", presented " + e.getReceived()
                    + "): possibly a cloned authenticator");
        } catch (AssertionFailedException e) {
            throw new PasskeyException("the passkey was not accepted: " + e.getMessage());
        } catch (IOException | RuntimeException e) {
            throw new PasskeyException("the browser's answer is not a WebAuthn assertion");
        }
        if (!r.isSuccess() || !r.isUserVerified()) {
            throw new PasskeyException("the passkey was not accepted");
        }
        if (!credentials.used(r.getCredential().getCredentialId(), r.getSignatureCount(), clock.instant())) {
            // another assertion raised the counter to this value or beyond since the library read it: a replay
            throw new PasskeyException("the passkey's signature counter was already used by a concurrent sign-in");
        }
        return r;
    }

    private void requireAvailable() throws PasskeyException {
        if (unavailable != null) {
            throw new PasskeyException(unavailable);
        }
    }
}
