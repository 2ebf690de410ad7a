package dev.duplex.handshake;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Base64;
import org.junit.jupiter.api.Test;

class AcceptKeyTest {

    @Test
    void computesTheRfc6455Section13Example() {
        assertEquals("s3pPLMBiTxaQ9kYGzzhZRbK+xOo=", AcceptKey.compute("dGhlIHNhbXBsZSBub25jZQ=="));
    }

    @Test
    void guidIsTheRfcValue() {
        assertEquals("258EAFA5-E914-47DA-95CA-C5AB0DC85B11", AcceptKey.GUID);
    }

    @Test
    void computeRejectsNull() {
        assertThrows(NullPointerException.class, () -> AcceptKey.compute(null));
    }

    @Test
    void newKeyIsBase64OfSixteenRandomBytes() { // RFC 6455 §4.1 item 7
        String key = AcceptKey.newKey();
        assertEquals(24, key.length());
        assertEquals(16, Base64.getDecoder().decode(key).length);
        assertNull(AcceptKey.keyProblem(key));
        assertNotEquals(key, AcceptKey.newKey());
    }

    @Test
    void keyProblemNamesWhatIsWrong() {
        assertNull(AcceptKey.keyProblem("dGhlIHNhbXBsZSBub25jZQ=="));
        assertNotNull(AcceptKey.keyProblem("dGhlIHNhbXBsZSBub25jZQ")); // unpadded
        assertNotNull(AcceptKey.keyProblem("dGhlIHNhbXBsZSBub25jZR==")); // stray low bits
    }
}
