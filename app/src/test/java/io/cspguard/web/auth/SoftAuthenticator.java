package io.cspguard.web.auth;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayOutputStream;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.MessageDigest;
import java.security.Signature;
import java.security.interfaces.ECPublicKey;
import java.security.spec.ECGenParameterSpec;
import java.util.Arrays;
import java.util.Base64;

/**
 * A passkey in software for the WebAuthn tests: one ES256 credential, "none" attestation, and what a browser sends
 * ({@code PublicKeyCredential} as JSON, base64url binary) for {@code navigator.credentials.create/get}.
 */
final class SoftAuthenticator {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Base64.Encoder B64 = Base64.getUrlEncoder().withoutPadding();
    private static final Base64.Decoder D64 = Base64.getUrlDecoder();
    static final int UP = 0x01;
    static final int UV = 0x04;
    private static final int AT = 0x40;

    private final KeyPair keys;
    private final byte[] credentialId = Tokens.bytes(32);
    private byte[] userHandle;
    /** The signature counter; the next assertion sends it plus one. */
    int counter;
    /** The flags of the next answer (UP and UV: a user present and verified). */
    int flags = UP | UV;
    /** The origin the "browser" reports. */
    String origin;

    SoftAuthenticator(String origin) throws Exception {
        this.origin = origin;
        KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
        g.initialize(new ECGenParameterSpec("secp256r1"));
        keys = g.generateKeyPair();
    }

    /** The credential JSON for {@code navigator.credentials.create({publicKey})}. */
    ObjectNode create(JsonNode publicKey) throws Exception {
        userHandle = D64.decode(publicKey.path("user").path("id").asText());
        byte[] clientData = clientData("webauthn.create", publicKey.path("challenge").asText());
        ByteArrayOutputStream auth = new ByteArrayOutputStream();
        auth.write(rpIdHash(publicKey.path("rp").path("id").asText()));
        auth.write(flags | AT);
        auth.write(ByteBuffer.allocate(4).putInt(counter).array());
        auth.write(new byte[16]); // AAGUID: none
        auth.write(new byte[] {0, (byte) credentialId.length});
        auth.write(credentialId);
        auth.write(coseKey());
        Cbor att = new Cbor().map(3).text("fmt").text("none").text("attStmt").map(0).text("authData")
                .bytes(auth.toByteArray());
        ObjectNode response = JSON.createObjectNode().put("attestationObject", B64.encodeToString(att.done()))
                .put("clientDataJSON", B64.encodeToString(clientData));
        response.putArray("transports").add("internal");
        return credential(response);
    }

    /** The credential JSON for {@code navigator.credentials.get({publicKey})}. */
    ObjectNode get(JsonNode publicKey) throws Exception {
        byte[] clientData = clientData("webauthn.get", publicKey.path("challenge").asText());
        byte[] authData = ByteBuffer.allocate(37).put(rpIdHash(publicKey.path("rpId").asText())).put((byte) flags)
                .putInt(++counter).array();
        Signature s = Signature.getInstance("SHA256withECDSA");
        s.initSign(keys.getPrivate());
        s.update(authData);
        s.update(MessageDigest.getInstance("SHA-256").digest(clientData));
        ObjectNode response = JSON.createObjectNode().put("authenticatorData", B64.encodeToString(authData))
                .put("clientDataJSON", B64.encodeToString(clientData)).put("signature", B64.encodeToString(s.sign()))
                .put("userHandle", B64.encodeToString(userHandle));
        return credential(response);
    }

    private ObjectNode credential(ObjectNode response) {
        ObjectNode c = JSON.createObjectNode().put("type", "public-key").put("id", B64.encodeToString(credentialId))
                .put("rawId", B64.encodeToString(credentialId));
        c.set("response", response);
        c.putObject("clientExtensionResults");
        return c;
    }

    private byte[] clientData(String type, String challenge) {
        return JSON.createObjectNode().put("type", type).put("challenge", challenge).put("origin", origin)
                .put("crossOrigin", false).toString().getBytes(StandardCharsets.UTF_8);
    }

    private static byte[] rpIdHash(String rpId) throws Exception {
        return MessageDigest.getInstance("SHA-256").digest(rpId.getBytes(StandardCharsets.UTF_8));
    }

    /** The public key as COSE: {1: 2 (EC2), 3: -7 (ES256), -1: 1 (P-256), -2: x, -3: y}. */
    private byte[] coseKey() {
        ECPublicKey pub = (ECPublicKey) keys.getPublic();
        return new Cbor().map(5).integer(1).integer(2).integer(3).integer(-7).integer(-1).integer(1)
                .integer(-2).bytes(fixed(pub.getW().getAffineX())).integer(-3).bytes(fixed(pub.getW().getAffineY()))
                .done();
    }

    private static byte[] fixed(BigInteger n) {
        byte[] b = n.toByteArray();
        return b.length == 32 ? b : b.length > 32 ? Arrays.copyOfRange(b, b.length - 32, b.length)
                : ByteBuffer.allocate(32).put(new byte[32 - b.length]).put(b).array();
    }

    /** Just enough CBOR (RFC 8949) for attestation objects and COSE keys. */
    private static final class Cbor {
        private final ByteArrayOutputStream out = new ByteArrayOutputStream();

        Cbor map(int entries) {
            return head(5, entries);
        }

        Cbor text(String s) {
            byte[] b = s.getBytes(StandardCharsets.UTF_8);
            head(3, b.length);
            out.writeBytes(b);
            return this;
        }

        Cbor bytes(byte[] b) {
            head(2, b.length);
            out.writeBytes(b);
            return this;
        }

        Cbor integer(long v) {
            return v >= 0 ? head(0, v) : head(1, -1 - v);
        }

        byte[] done() {
            return out.toByteArray();
        }

        private Cbor head(int major, long len) {
            if (len < 24) {
                out.write(major << 5 | (int) len);
            } else if (len < 256) {
                out.write(major << 5 | 24);
                out.write((int) len);
            } else {
                out.write(major << 5 | 25);
                out.write((int) (len >> 8));
                out.write((int) len & 0xff);
            }
            return this;
        }
    }
}
