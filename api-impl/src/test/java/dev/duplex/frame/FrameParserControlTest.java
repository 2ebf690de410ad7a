package dev.duplex.frame;

import static dev.duplex.frame.SplitFeeder.CLIENT;
import static dev.duplex.frame.SplitFeeder.SERVER;
import static dev.duplex.frame.SplitFeeder.assertError;
import static dev.duplex.frame.SplitFeeder.assertEvents;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** RFC 6455 §5.5 control frames and the §5.5.1 / §7.4 close frame rules. */
class FrameParserControlTest {

    @Test
    void rfcExamplePingAndMaskedPong() {   // RFC 6455 §5.7
        assertEvents(Wire.bytes("89 05 48 65 6c 6c 6f"), CLIENT, "PING data=48656c6c6f");
        assertEvents(Wire.bytes("8a 85 37 fa 21 3d 7f 9f 4d 51 58"), SERVER, "PONG data=48656c6c6f");
    }

    @ParameterizedTest
    @ValueSource(ints = {0, 1, 2, 3, 4, 5, 7, 8, 9, 124, 125})
    void controlPayloadsUpTo125(int length) {   // RFC 6455 §5.5
        byte[] payload = Wire.random(new Random(length), length);
        assertEvents(Wire.serverFrame(true, OpCode.PING, payload), CLIENT, "PING data=" + Wire.hex(payload));
        assertEvents(Wire.clientFrame(true, OpCode.PONG, payload), SERVER, "PONG data=" + Wire.hex(payload));
    }

    @Test
    void consecutiveControlFramesReuseTheBufferCorrectly() {
        byte[] wire = Wire.concat(Wire.clientFrame(true, OpCode.PING, Wire.bytes("0102030405060708")),
                Wire.clientFrame(true, OpCode.PING, Wire.bytes("aa")), Wire.clientFrame(true, OpCode.PONG, new byte[0]));
        assertEvents(wire, SERVER, "PING data=0102030405060708", "PING data=aa", "PONG data=");
    }

    @ParameterizedTest
    @CsvSource({
        "'89 7e 00 7e', PING, 126",
        "'8a 7e ff ff', PONG, 65535",
        "'88 7f 00 00 00 00 00 01 00 00', CLOSE, 65536",
        "'89 fe 00 7e', PING, 126",
    })
    void controlPayloadOver125(String header, String name, long length) {   // RFC 6455 §5.5
        boolean masked = (Wire.bytes(header)[1] & 0x80) != 0;
        String message = assertError(Wire.bytes(header), masked ? SERVER : CLIENT, 1002, List.of());
        assertEquals("control frame " + name + " has payload length " + length + ", the limit is 125 (RFC 6455 §5.5)",
                message);
    }

    @ParameterizedTest
    @ValueSource(strings = {"09 00", "0a 00", "08 00", "09"})
    void fragmentedControlFrames(String wire) {   // RFC 6455 §5.5: FIN must be set
        assertError(Wire.bytes(wire), CLIENT, 1002, List.of("is fragmented (FIN=0)", "§5.5"));
    }

    @Test
    void emptyCloseMeansNoStatus() {   // RFC 6455 §5.5.1, §7.1.5
        assertEvents(Wire.bytes("88 00"), CLIENT, "CLOSE 1005 reason=");
        assertEvents(Wire.bytes("88 80 12 34 56 78"), SERVER, "CLOSE 1005 reason=");
    }

    @ParameterizedTest
    @ValueSource(strings = {"88 01 03", "88 01", "88 81 00 00 00 00 03"})
    void closeWithOneBytePayload(String wire) {   // RFC 6455 §5.5.1: fails as soon as the length is known
        assertError(Wire.bytes(wire), wire.startsWith("88 81") ? SERVER : CLIENT, 1002, List.of("1-byte payload", "§5.5.1"));
    }

    @ParameterizedTest
    @ValueSource(ints = {1000, 1001, 1002, 1003, 1007, 1008, 1009, 1010, 1011, 1012, 1013, 1014, 3000, 3999, 4000, 4999})
    void validCloseCodes(int code) {   // RFC 6455 §7.4
        assertEvents(Wire.serverFrame(true, OpCode.CLOSE, Wire.toArray(CloseCodes.payload(code, "bye"))), CLIENT,
                "CLOSE " + code + " reason=bye");
        assertEvents(Wire.clientFrame(true, OpCode.CLOSE, Wire.toArray(CloseCodes.payload(code, ""))), SERVER,
                "CLOSE " + code + " reason=");
    }

    @ParameterizedTest
    @ValueSource(ints = {0, 1, 999, 1004, 1005, 1006, 1015, 1016, 1100, 2000, 2999, 5000, 65535})
    void invalidCloseCodes(int code) {   // RFC 6455 §7.4
        byte[] payload = {(byte) (code >>> 8), (byte) code, 0x41};
        String message = assertError(Wire.serverFrame(true, OpCode.CLOSE, payload), CLIENT, 1002, List.of());
        assertEquals("close frame has status code " + code + ", which is not allowed on the wire (RFC 6455 §7.4)", message);
        assertError(Wire.clientFrame(true, OpCode.CLOSE, payload), SERVER, 1002, List.of(String.valueOf(code)));
    }

    @Test
    void closeReasonInUtf8() {   // RFC 6455 §5.5.1
        String reason = "Grüße, 世界 😀";
        assertEvents(Wire.clientFrame(true, OpCode.CLOSE, Wire.concat(Wire.bytes("03e8"), Wire.utf8(reason))), SERVER,
                "CLOSE 1000 reason=" + reason);
    }

    @Test
    void closeReasonOfMaximalLength() {   // RFC 6455 §5.5: 2 + 123 bytes
        String reason = "r".repeat(123);
        assertEvents(Wire.serverFrame(true, OpCode.CLOSE, Wire.concat(Wire.bytes("0fa0"), Wire.ascii(reason))), CLIENT,
                "CLOSE 4000 reason=" + reason);
    }

    @ParameterizedTest
    @ValueSource(strings = {"c0 80", "ed a0 80", "e2 82", "f4 90 80 80", "ff", "41 80", "f0 9f 98"})
    void closeReasonNotUtf8(String reason) {   // RFC 6455 §5.5.1, §8.1 → 1007
        byte[] payload = Wire.concat(Wire.bytes("03e8"), Wire.bytes(reason));
        assertError(Wire.serverFrame(true, OpCode.CLOSE, payload), CLIENT, 1007, List.of("reason is not valid UTF-8"));
        assertError(Wire.clientFrame(true, OpCode.CLOSE, payload), SERVER, 1007, List.of("UTF-8"));
    }

    @Test
    void controlFramesAfterClose() {   // what follows a close is the core's business; the parser keeps parsing
        assertEvents(Wire.bytes("88 02 03 e8 89 00"), CLIENT, "CLOSE 1000 reason=", "PING data=");
    }
}
