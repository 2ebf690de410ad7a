package dev.duplex.servlet.conformance;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Random;

/** Hand-written opening handshakes (RFC 6455 §4.1) and the accept-key rule (§4.2.2), independent of Duplex. */
final class Handshake {

    private static final String GUID = "258EAFA5-E914-47DA-95CA-C5AB0DC85B11";
    private static final Random KEYS = new Random(4122);

    private Handshake() {
    }

    /** A random {@code Sec-WebSocket-Key} of {@code bytes} random bytes, Base64 encoded (16 is the valid size). */
    static String newKey(int bytes) {
        byte[] raw = new byte[bytes];
        KEYS.nextBytes(raw);
        return Base64.getEncoder().encodeToString(raw);
    }

    /** The headers of a valid upgrade request, in order; callers may change or remove some. */
    static Map<String, String> validHeaders(int port, String key) {
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("Host", "127.0.0.1:" + port);
        headers.put("Upgrade", "websocket");
        headers.put("Connection", "Upgrade");
        headers.put("Sec-WebSocket-Key", key);
        headers.put("Sec-WebSocket-Version", "13");
        return headers;
    }

    /** A GET request with these headers, as bytes on the wire. */
    static byte[] request(String path, Map<String, String> headers) {
        StringBuilder sb = new StringBuilder("GET ").append(path).append(" HTTP/1.1\r\n");
        headers.forEach((name, value) -> sb.append(name).append(": ").append(value).append("\r\n"));
        return sb.append("\r\n").toString().getBytes(StandardCharsets.ISO_8859_1);
    }

    /** RFC 6455 §4.2.2 step 5.4: Base64(SHA-1(key + GUID)). */
    static String expectedAccept(String key) {
        try {
            MessageDigest sha1 = MessageDigest.getInstance("SHA-1");
            byte[] digest = sha1.digest((key + GUID).getBytes(StandardCharsets.ISO_8859_1));
            return Base64.getEncoder().encodeToString(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-1 is required of every JRE", e);
        }
    }
}
