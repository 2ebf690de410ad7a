package dev.duplex.frame;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/**
 * Close status codes (RFC 6455 §7.4.1, IANA registry) and the close frame payload layout (§5.5.1).
 *
 * <p>Stateless: any thread may call it.
 */
public final class CloseCodes {

    public static final int NORMAL = 1000;
    public static final int GOING_AWAY = 1001;
    public static final int PROTOCOL_ERROR = 1002;
    public static final int UNSUPPORTED_DATA = 1003;
    /** Local only: "no status code was present". Never sent on the wire. */
    public static final int NO_STATUS = 1005;
    /** Local only: "the connection closed without a close frame". Never sent on the wire. */
    public static final int ABNORMAL = 1006;
    public static final int INVALID_PAYLOAD = 1007;
    public static final int POLICY_VIOLATION = 1008;
    public static final int TOO_BIG = 1009;
    public static final int MANDATORY_EXTENSION = 1010;
    public static final int INTERNAL_ERROR = 1011;
    public static final int SERVICE_RESTART = 1012;
    public static final int TRY_AGAIN_LATER = 1013;
    /** Local only: "the TLS handshake failed". Never sent on the wire. */
    public static final int TLS_HANDSHAKE = 1015;

    /** RFC 6455 §5.5: a control payload is at most 125 bytes; 2 of them hold the code. */
    private static final int MAX_REASON_BYTES = 125 - 2;

    private CloseCodes() {
    }

    /**
     * RFC 6455 §7.4: may this code appear in a close frame on the wire?
     * Invalid: &lt;1000, 1004, 1005, 1006, 1015, 1016–2999, &gt;= 5000.
     * Valid: 1000–1003, 1007–1014 (1012–1014 registered with IANA), 3000–4999.
     */
    public static boolean isValidOnWire(int code) {
        if (code >= 1000 && code <= 1003) {
            return true;
        }
        if (code >= 1007 && code <= 1014) {
            return true;
        }
        return code >= 3000 && code <= 4999;
    }

    /**
     * Close frame payload: 2-byte code (network order) + UTF-8 reason, the reason truncated (never splitting a
     * code point) so that the payload is at most 125 bytes (RFC 6455 §5.5, §5.5.1).
     * {@code code == NO_STATUS} gives an empty payload (the reason is then dropped).
     * The code is not checked against {@link #isValidOnWire}: that is the caller's decision.
     *
     * @param reason the reason; {@code null} means empty
     * @return a new heap buffer ready to read
     * @throws IllegalArgumentException if the code does not fit in 16 bits
     */
    public static ByteBuffer payload(int code, String reason) {
        if (code == NO_STATUS) {
            return ByteBuffer.allocate(0);
        }
        if (code < 0 || code > 0xFFFF) {
            throw new IllegalArgumentException("close code " + code + " does not fit in 16 bits");
        }
        byte[] utf8 = reason == null ? new byte[0] : reason.getBytes(StandardCharsets.UTF_8);
        int length = truncatedLength(utf8, MAX_REASON_BYTES);
        ByteBuffer out = ByteBuffer.allocate(2 + length);
        out.put((byte) (code >>> 8)).put((byte) code).put(utf8, 0, length);
        return out.flip();
    }

    /**
     * {@code reason} cut, never inside a code point, to the 123 UTF-8 bytes a close frame (and the API's
     * {@code CloseReason}) can carry; null gives "".
     */
    public static String truncatedReason(String reason) {
        if (reason == null) {
            return "";
        }
        if (reason.length() * 3 <= MAX_REASON_BYTES) {
            return reason; // short enough whatever its characters
        }
        byte[] utf8 = reason.getBytes(StandardCharsets.UTF_8);
        int length = truncatedLength(utf8, MAX_REASON_BYTES);
        return length == utf8.length ? reason : new String(utf8, 0, length, StandardCharsets.UTF_8);
    }

    /** The longest prefix of {@code utf8} of at most {@code max} bytes that ends on a code point boundary. */
    private static int truncatedLength(byte[] utf8, int max) {
        if (utf8.length <= max) {
            return utf8.length;
        }
        int end = max;
        // Back up while the first excluded byte is a continuation byte 10xxxxxx (RFC 3629 §3).
        while (end > 0 && (utf8[end] & 0xC0) == 0x80) {
            end--;
        }
        return end;
    }
}
