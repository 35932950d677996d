package io.cspguard.web.auth;

import com.yubico.webauthn.CredentialRepository;
import com.yubico.webauthn.RegisteredCredential;
import com.yubico.webauthn.data.ByteArray;
import com.yubico.webauthn.data.PublicKeyCredentialDescriptor;
import com.yubico.webauthn.data.exception.Base64UrlException;
import io.cspguard.store.Database;
import java.time.Instant;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.jdbi.v3.core.Handle;

/** The WebAuthn library's view of the {@code passkeys} table. Only enabled accounts have usable credentials. */
final class PasskeyCredentials implements CredentialRepository {
    private final Database db;
    private final UserAccounts users;

    PasskeyCredentials(Database db, UserAccounts users) {
        this.db = db;
        this.users = users;
    }

    @Override
    public Set<PublicKeyCredentialDescriptor> getCredentialIdsForUsername(String username) {
        return users.byName(username).filter(UserRecord::enabled).map(u -> db.jdbi().withHandle(h -> h.createQuery(
                                "SELECT credential_id FROM passkeys WHERE user_id = :id").bind("id", u.id())
                        .mapTo(String.class).list()).stream()
                .map(id -> PublicKeyCredentialDescriptor.builder().id(bytes(id)).build())
                .collect(Collectors.toSet())).orElse(Set.of());
    }

    @Override
    public Optional<ByteArray> getUserHandleForUsername(String username) {
        return users.byName(username).map(u -> bytes(u.userHandle()));
    }

    @Override
    public Optional<String> getUsernameForUserHandle(ByteArray userHandle) {
        return users.byHandle(userHandle.getBase64Url()).map(UserRecord::name);
    }

    @Override
    public Optional<RegisteredCredential> lookup(ByteArray credentialId, ByteArray userHandle) {
        return lookupAll(credentialId).stream().filter(c -> c.getUserHandle().equals(userHandle)).findFirst();
    }

    @Override
    public Set<RegisteredCredential> lookupAll(ByteArray credentialId) {
        return db.jdbi().withHandle(h -> h.createQuery("SELECT p.public_key_cose, p.signature_count, u.user_handle"
                        + " FROM passkeys p JOIN users u ON u.id = p.user_id WHERE p.credential_id = :c AND u.enabled")
                .bind("c", credentialId.getBase64Url())
                .map((rs, ctx) -> RegisteredCredential.builder().credentialId(credentialId)
                        .userHandle(bytes(rs.getString("user_handle")))
                        .publicKeyCose(new ByteArray(rs.getBytes("public_key_cose")))
                        .signatureCount(rs.getLong("signature_count")).build())
                .set());
    }

    static void add(Handle h, long userId, ByteArray credentialId, ByteArray publicKeyCose, long signatureCount,
                    Instant now) {
        h.createUpdate("INSERT INTO passkeys (credential_id, user_id, public_key_cose, signature_count, created_at)"
                        + " VALUES (:c, :u, :k, :n, :at)")
                .bind("c", credentialId.getBase64Url()).bind("u", userId).bind("k", publicKeyCose.getBytes())
                .bind("n", signatureCount).bind("at", Times.bind(now)).execute();
    }

    /**
     * Records a verified assertion. The counter only rises (0: an authenticator without one): two sign-ins racing with
     * one assertion cannot both pass, and a stale counter never overwrites a newer one.
     *
     * @return false when the stored counter had already reached {@code signatureCount}
     */
    boolean used(ByteArray credentialId, long signatureCount, Instant now) {
        return db.jdbi().withHandle(h -> h.createUpdate("UPDATE passkeys SET signature_count = :n, last_used_at = :at"
                        + " WHERE credential_id = :c AND (signature_count < :n OR :n = 0)")
                .bind("n", signatureCount).bind("at", Times.bind(now)).bind("c", credentialId.getBase64Url())
                .execute()) == 1;
    }

    static ByteArray bytes(String base64Url) {
        try {
            return ByteArray.fromBase64Url(base64Url);
        } catch (Base64UrlException e) {
            throw new IllegalStateException("a stored WebAuthn id is not base64url", e);
        }
    }
}
