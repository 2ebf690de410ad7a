package dev.duplex.frame;

import static dev.duplex.frame.SplitFeeder.CLIENT;
import static dev.duplex.frame.SplitFeeder.SERVER;
import static dev.duplex.frame.SplitFeeder.assertError;
import static dev.duplex.frame.SplitFeeder.assertEvents;
import static dev.duplex.frame.SplitFeeder.feedAllSplits;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.function.Function;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** RFC 6455 §5.2 header rules: opcodes, RSV bits, masking per side, 7/16/64-bit lengths, the frame size limit. */
class FrameParserHeaderTest {

    private static final String HELLO = "48656c6c6f";

    @Test
    void rfcExampleUnmaskedText() {   // RFC 6455 §5.7
        assertEvents(Wire.bytes("81 05 48 65 6c 6c 6f"), CLIENT, "TEXT fin=true rsv=0 len=5", "end fin=true data=" + HELLO);
    }

    @Test
    void rfcExampleMaskedText() {   // RFC 6455 §5.7
        assertEvents(Wire.bytes("81 85 37 fa 21 3d 7f 9f 4d 51 58"), SERVER,
                "TEXT fin=true rsv=0 len=5", "end fin=true data=" + HELLO);
    }

    @ParameterizedTest
    @CsvSource({
        "0,     '82 00'",
        "1,     '82 01'",
        "125,   '82 7d'",
        "126,   '82 7e 00 7e'",
        "127,   '82 7e 00 7f'",
        "256,   '82 7e 01 00'",
        "65535, '82 7e ff ff'",
        "65536, '82 7f 00 00 00 00 00 01 00 00'",
        "65537, '82 7f 00 00 00 00 00 01 00 01'",
    })
    void lengthEncodingsUnmasked(int length, String header) {   // RFC 6455 §5.2 Payload length
        byte[] payload = Wire.random(new Random(length), length);
        assertEvents(Wire.concat(Wire.bytes(header), payload), CLIENT,
                "BINARY fin=true rsv=0 len=" + length, "end fin=true data=" + Wire.hex(payload));
    }

    @ParameterizedTest
    @CsvSource({
        "0,     '82 80'",
        "1,     '82 81'",
        "125,   '82 fd'",
        "126,   '82 fe 00 7e'",
        "65535, '82 fe ff ff'",
        "65536, '82 ff 00 00 00 00 00 01 00 00'",
    })
    void lengthEncodingsMasked(int length, String header) {   // RFC 6455 §5.2, §5.3
        byte[] payload = Wire.random(new Random(length), length);
        int key = 0xA1B2C3D4;
        byte[] masked = payload.clone();
        for (int i = 0; i < masked.length; i++) {
            masked[i] ^= (byte) (key >>> (24 - 8 * (i % 4)));
        }
        byte[] wire = Wire.concat(Wire.bytes(header), Wire.bytes("a1 b2 c3 d4"), masked);
        assertEvents(wire, SERVER, "BINARY fin=true rsv=0 len=" + length, "end fin=true data=" + Wire.hex(payload));
    }

    @Test
    void nonMinimalLengthEncodingIsAccepted() {   // RFC 6455 §5.2 binds senders; receivers stay lenient
        assertEvents(Wire.bytes("81 7e 00 05 48 65 6c 6c 6f"), CLIENT,
                "TEXT fin=true rsv=0 len=5", "end fin=true data=" + HELLO);
        assertEvents(Wire.bytes("81 7f 00 00 00 00 00 00 00 01 41"), CLIENT,
                "TEXT fin=true rsv=0 len=1", "end fin=true data=41");
    }

    @Test
    void hugeDeclaredLengthIsStreamedNotAllocated() {   // DESIGN.md §4: never allocate the declared length
        SplitFeeder.Outcome outcome = feedAllSplits(Wire.bytes("82 7f 00 00 01 00 00 00 00 00 01 02 03"), CLIENT);
        assertEquals(List.of("BINARY fin=true rsv=0 len=1099511627776"), outcome.events());
        assertEquals("010203", outcome.pending());
        assertEquals(0, outcome.errorCode());
    }

    @Test
    void largestLegalLength() {   // RFC 6455 §5.2: 63 bits
        SplitFeeder.Outcome outcome = feedAllSplits(Wire.bytes("82 7f 7f ff ff ff ff ff ff ff"), CLIENT);
        assertEquals(List.of("BINARY fin=true rsv=0 len=" + Long.MAX_VALUE), outcome.events());
    }

    @ParameterizedTest
    @ValueSource(strings = {"82 7f 80 00 00 00 00 00 00 00", "82 7f ff ff ff ff ff ff ff ff", "88 7f 80", "82 7f 80"})
    void lengthWithMostSignificantBitSet(String wire) {   // RFC 6455 §5.2
        assertError(Wire.bytes(wire), CLIENT, 1002, List.of("most significant bit", "§5.2"));
    }

    @ParameterizedTest
    @ValueSource(ints = {0x3, 0x4, 0x5, 0x6, 0x7, 0xB, 0xC, 0xD, 0xE, 0xF})
    void reservedOpcodes(int opcode) {   // RFC 6455 §5.2 Opcode
        String name = OpCode.name(opcode);
        assertError(new byte[] {(byte) (0x80 | opcode), 0x00}, CLIENT, 1002, List.of("reserved opcode " + name, "§5.2"));
        assertError(new byte[] {(byte) opcode}, SERVER, 1002, List.of("reserved opcode " + name));
        // After a valid frame, too.
        assertError(Wire.concat(Wire.bytes("81 00"), new byte[] {(byte) (0x80 | opcode)}), CLIENT, 1002,
                List.of(name), "TEXT fin=true rsv=0 len=0", "end fin=true data=");
    }

    @ParameterizedTest
    @CsvSource({
        // allowed mask, first byte, expected: ok or the offending bits
        "0, c1, 0x4",
        "0, a1, 0x2",
        "0, 91, 0x1",
        "0, f2, 0x7",
        "4, a1, 0x2",
        "4, d2, 0x1",
        "4, c1, ok",
        "4, 41, ok",
        "7, f1, ok",
        "6, e2, ok",
    })
    void rsvBitsOnFirstDataFrame(int allowed, String firstByte, String expected) {   // RFC 6455 §5.2 RSV1-3
        byte[] wire = Wire.bytes(firstByte + " 00");
        int b0 = wire[0] & 0xFF;
        String header = OpCode.name(b0 & 0xF) + " fin=" + ((b0 & 0x80) != 0) + " rsv=" + ((b0 >> 4) & 7) + " len=0";
        Function<FrameParser.Listener, FrameParser> factory = clientAllowing(allowed);
        if (expected.equals("ok")) {
            assertEvents(wire, factory, header, "end fin=" + ((b0 & 0x80) != 0) + " data=");
        } else {
            assertError(wire, factory, 1002, List.of("RSV bits " + expected, "not negotiated"));
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"c9 00", "ca 00", "c8 00", "98 00", "a9 00"})
    void rsvBitsOnControlFramesEvenWhenNegotiated(String wire) {   // RFC 7692 §6
        Function<FrameParser.Listener, FrameParser> factory =
                clientAllowing(FrameParser.RSV1 | FrameParser.RSV2 | FrameParser.RSV3);
        assertError(Wire.bytes(wire), factory, 1002, List.of("control frame", "must be 0", "RFC 7692 §6"));
    }

    @Test
    void rsvBitsOnContinuationEvenWhenNegotiated() {   // RFC 7692 §6: RSV1 only on a message's first frame
        Function<FrameParser.Listener, FrameParser> factory = clientAllowing(FrameParser.RSV1);
        assertError(Wire.bytes("41 01 aa c0 00"), factory, 1002, List.of("RSV bits 0x4", "continuation frame"),
                "TEXT fin=false rsv=4 len=1", "end fin=false data=aa");
        assertEvents(Wire.bytes("41 01 aa 80 00"), factory,
                "TEXT fin=false rsv=4 len=1", "end fin=false data=aa",
                "CONTINUATION fin=true rsv=0 len=0", "end fin=true data=");
    }

    @ParameterizedTest
    @ValueSource(strings = {"81 05 48 65 6c 6c 6f", "89 00", "02 00", "81 05"})
    void serverRejectsUnmaskedFrames(String wire) {   // RFC 6455 §5.1; fails at the second byte
        assertError(Wire.bytes(wire), SERVER, 1002, List.of("unmasked", "from the client", "must be masked", "§5.1"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"81 85 37 fa 21 3d 7f 9f 4d 51 58", "89 80 00 00 00 00", "81 80"})
    void clientRejectsMaskedFrames(String wire) {   // RFC 6455 §5.1; fails at the second byte
        assertError(Wire.bytes(wire), CLIENT, 1002, List.of("masked", "from the server", "must not be masked", "§5.1"));
    }

    @Test
    void maskKeyAllZeroIsStillMasked() {   // RFC 6455 §5.3: the key value is irrelevant to the rule
        assertEvents(Wire.bytes("81 85 00 00 00 00 48 65 6c 6c 6f"), SERVER,
                "TEXT fin=true rsv=0 len=5", "end fin=true data=" + HELLO);
    }

    private static Function<FrameParser.Listener, FrameParser> clientAllowing(int rsvMask) {
        return l -> {
            FrameParser parser = new FrameParser(l, false, Long.MAX_VALUE);
            parser.setAllowedRsv(rsvMask);
            return parser;
        };
    }
}
