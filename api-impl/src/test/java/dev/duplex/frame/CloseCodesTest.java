package dev.duplex.frame;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** RFC 6455 §7.4 close codes and the §5.5.1 close payload. */
class CloseCodesTest {

    @Test
    void validOnWireTable() {   // RFC 6455 §7.4.1, §7.4.2 and the IANA registry
        for (int code = -1; code <= 70_000; code++) {
            boolean expected = (code >= 1000 && code <= 1003) || (code >= 1007 && code <= 1014)
                    || (code >= 3000 && code <= 4999);
            assertEquals(expected, CloseCodes.isValidOnWire(code), "code " + code);
        }
        for (int code : new int[] {999, 1004, 1005, 1006, 1015, 1016, 2999, 5000}) {
            assertTrue(!CloseCodes.isValidOnWire(code), "code " + code);
        }
        for (int code : new int[] {1000, 1001, 1002, 1003, 1007, 1011, 1012, 1013, 1014, 3000, 4999}) {
            assertTrue(CloseCodes.isValidOnWire(code), "code " + code);
        }
    }

    @Test
    void constants() {
        assertEquals(1000, CloseCodes.NORMAL);
        assertEquals(1002, CloseCodes.PROTOCOL_ERROR);
        assertEquals(1005, CloseCodes.NO_STATUS);
        assertEquals(1006, CloseCodes.ABNORMAL);
        assertEquals(1007, CloseCodes.INVALID_PAYLOAD);
        assertEquals(1009, CloseCodes.TOO_BIG);
        assertEquals(1015, CloseCodes.TLS_HANDSHAKE);
    }

    @ParameterizedTest
    @CsvSource({
        "1000, '',   03e8",
        "1000, bye,  03e8627965",
        "1001, é,    03e9c3a9",
        "4999, x,    1387 78",
        "3000, '',   0bb8",
    })
    void payloadByteExact(int code, String reason, String expected) {
        ByteBuffer payload = CloseCodes.payload(code, reason);
        assertTrue(payload.hasArray());
        assertEquals(0, payload.position());
        assertEquals(expected.replace(" ", ""), Wire.hex(payload));
    }

    @Test
    void noStatusAndNullReason() {
        assertEquals(0, CloseCodes.payload(CloseCodes.NO_STATUS, "ignored").remaining());
        assertEquals("03e8", Wire.hex(CloseCodes.payload(1000, null)));
        assertThrows(IllegalArgumentException.class, () -> CloseCodes.payload(65536, ""));
        assertThrows(IllegalArgumentException.class, () -> CloseCodes.payload(-1, ""));
    }

    @ParameterizedTest
    @CsvSource({
        "r, 123, 123",     // fits exactly: 125-byte payload
        "r, 124, 123",
        "r, 500, 123",
        "é, 61, 122",      // 2-byte code points: 122 bytes fit, 124 do not
        "é, 62, 122",
        "€, 41, 123",      // 3-byte code points
        "€, 42, 123",
        "😀, 30, 120",     // 4-byte code points
        "😀, 31, 120",
    })
    void reasonIsTruncatedOnACodePointBoundary(String unit, int repeat, int expectedReasonBytes) {   // RFC 6455 §5.5
        String reason = unit.repeat(repeat);
        ByteBuffer payload = CloseCodes.payload(1000, reason);
        assertEquals(2 + expectedReasonBytes, payload.remaining());
        byte[] reasonBytes = Wire.toArray(payload.duplicate().position(2));
        assertTrue(Utf8Validator.isValid(ByteBuffer.wrap(reasonBytes)));
        assertTrue(reason.startsWith(new String(reasonBytes, StandardCharsets.UTF_8)));
    }

    @Test
    void truncationIsMaximalForEveryAlignment() {
        for (int prefix = 0; prefix <= 8; prefix++) {
            String reason = "a".repeat(prefix) + "😀€é".repeat(20);
            ByteBuffer payload = CloseCodes.payload(1000, reason);
            assertTrue(payload.remaining() <= 125);
            String kept = new String(Wire.toArray(payload.position(2)), StandardCharsets.UTF_8);
            assertTrue(reason.startsWith(kept));
            int next = reason.codePointAt(kept.length());
            int nextBytes = new String(Character.toChars(next)).getBytes(StandardCharsets.UTF_8).length;
            assertTrue(kept.getBytes(StandardCharsets.UTF_8).length + nextBytes > 123, "prefix " + prefix + " is not maximal");
        }
    }

    @Test
    void payloadRoundTripsThroughTheParser() {
        String reason = "going away — 再见";
        byte[] frame = Wire.clientFrame(true, OpCode.CLOSE, Wire.toArray(CloseCodes.payload(1001, reason)));
        SplitFeeder.assertEvents(frame, SplitFeeder.SERVER, "CLOSE 1001 reason=" + reason);
    }

    /** A reason for CloseReason (onClose) is cut to 123 UTF-8 bytes, never inside a code point. */
    @Test
    void truncatedReasonFitsCloseReason() {
        org.junit.jupiter.api.Assertions.assertEquals("", CloseCodes.truncatedReason(null));
        org.junit.jupiter.api.Assertions.assertEquals("short", CloseCodes.truncatedReason("short"));
        String ascii = "x".repeat(200);
        org.junit.jupiter.api.Assertions.assertEquals("x".repeat(123), CloseCodes.truncatedReason(ascii));
        String euros = "\u20ac".repeat(50); // 3 bytes each: 41 whole ones fit in 123 bytes
        String cut = CloseCodes.truncatedReason(euros);
        org.junit.jupiter.api.Assertions.assertEquals("\u20ac".repeat(41), cut);
        new jakarta.websocket.CloseReason(jakarta.websocket.CloseReason.CloseCodes.CLOSED_ABNORMALLY,
                CloseCodes.truncatedReason("Connection failed: " + "y".repeat(300)));
    }
}
