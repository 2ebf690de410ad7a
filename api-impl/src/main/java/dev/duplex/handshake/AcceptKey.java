package dev.duplex.handshake;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Objects;

/**
 * The {@code Sec-WebSocket-Key} / {@code Sec-WebSocket-Accept} pair of the opening handshake (RFC 6455 §1.3,
 * §4.1, §4.2.2).
 *
 * <p>Stateless and thread-safe; the shared {@link SecureRandom} is itself thread-safe. Never blocks, except
 * that the very first {@link #newKey()} may wait for the platform's entropy source to be seeded.
 */
public final class AcceptKey {

    /** The globally unique identifier appended to the key, RFC 6455 §1.3. */
    public static final String GUID = "258EAFA5-E914-47DA-95CA-C5AB0DC85B11";

    /** Length of the nonce a key encodes, RFC 6455 §4.1 item 7. */
    static final int KEY_BYTES = 16;

    private static final SecureRandom RANDOM = new SecureRandom();

    private AcceptKey() {
    }

    /**
     * {@code base64(SHA-1(key + GUID))}, RFC 6455 §4.2.2 step 5.4. The key is used exactly as given
     * (callers trim surrounding whitespace first).
     */
    public static String compute(String secWebSocketKey) {
        Objects.requireNonNull(secWebSocketKey, "secWebSocketKey");
        MessageDigest sha1;
        try {
            sha1 = MessageDigest.getInstance("SHA-1");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("this JDK offers no SHA-1 digest, which every Java platform must have", e);
        }
        byte[] digest = sha1.digest((secWebSocketKey + GUID).getBytes(StandardCharsets.ISO_8859_1));
        return Base64.getEncoder().encodeToString(digest);
    }

    /** A fresh random client key: base64 of 16 random bytes from a {@link SecureRandom}, RFC 6455 §4.1 item 7. */
    public static String newKey() {
        byte[] nonce = new byte[KEY_BYTES];
        RANDOM.nextBytes(nonce);
        return Base64.getEncoder().encodeToString(nonce);
    }

    /**
     * Why {@code key} is not a valid {@code Sec-WebSocket-Key} (the padded base64 of exactly 16 bytes,
     * RFC 6455 §4.1 item 7 and §4.2.1 item 5), or null when it is.
     */
    static String keyProblem(String key) {
        byte[] decoded;
        try {
            decoded = Base64.getDecoder().decode(key);
        } catch (IllegalArgumentException e) {
            return "Sec-WebSocket-Key '" + HeaderTokens.show(key) + "' is not valid base64 (RFC 6455 §4.2.1 item 5)";
        }
        if (decoded.length != KEY_BYTES) {
            return "Sec-WebSocket-Key '" + HeaderTokens.show(key) + "' decodes to " + decoded.length
                    + " bytes, not " + KEY_BYTES + " (RFC 6455 §4.2.1 item 5)";
        }
        // The JDK decoder accepts missing padding and stray low bits; RFC 4648 §3.2/§3.5 base64 of 16 bytes
        // is exactly 24 characters ending in "==".
        if (!Base64.getEncoder().encodeToString(decoded).equals(key)) {
            return "Sec-WebSocket-Key '" + HeaderTokens.show(key) + "' is not the canonical padded base64 of"
                    + " 16 bytes (24 characters ending in '==', RFC 6455 §4.2.1 item 5)";
        }
        return null;
    }
}
