package dev.duplex.frame;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** RFC 6455 §5.2 header layout, byte-exact. */
class FrameWriterTest {

    @ParameterizedTest
    @CsvSource({
        "0, 2", "1, 2", "125, 2", "126, 4", "127, 4", "65535, 4", "65536, 10", "4294967296, 10", "9223372036854775807, 10",
    })
    void headerLength(long payloadLength, int expected) {
        assertEquals(expected, FrameWriter.headerLength(payloadLength, false));
        assertEquals(expected + 4, FrameWriter.headerLength(payloadLength, true));
    }

    @ParameterizedTest
    @CsvSource({
        // fin, rsv, opcode, length, masked, key, expected header
        "true,  0, 1, 0,     false, 0,          '81 00'",
        "true,  0, 2, 125,   false, 0,          '82 7d'",
        "true,  0, 2, 126,   false, 0,          '82 7e 00 7e'",
        "true,  0, 2, 65535, false, 0,          '82 7e ff ff'",
        "true,  0, 2, 65536, false, 0,          '82 7f 00 00 00 00 00 01 00 00'",
        "false, 0, 1, 3,     false, 0,          '01 03'",
        "true,  4, 1, 5,     false, 0,          'c1 05'",
        "false, 7, 0, 0,     false, 0,          '70 00'",
        "true,  0, 9, 5,     true,  0x37fa213d, '89 85 37 fa 21 3d'",
        "true,  0, 8, 126,   true,  0x01020304, '88 fe 00 7e 01 02 03 04'",
        "true,  0, 2, 9223372036854775807, true, -1, '82 ff 7f ff ff ff ff ff ff ff ff ff ff ff'",
    })
    void writeHeaderByteExact(boolean fin, int rsv, int opcode, long length, boolean masked, String key, String expected) {
        int maskKey = key.startsWith("0x") ? Integer.parseUnsignedInt(key.substring(2), 16) : Integer.parseInt(key);
        for (ByteOrder order : new ByteOrder[] {ByteOrder.BIG_ENDIAN, ByteOrder.LITTLE_ENDIAN}) {
            for (ByteBuffer dst : new ByteBuffer[] {ByteBuffer.allocate(20), ByteBuffer.allocateDirect(20)}) {
                dst.order(order).position(3);
                FrameWriter.writeHeader(dst, fin, rsv, opcode, length, masked, maskKey);
                assertEquals(3 + FrameWriter.headerLength(length, masked), dst.position());
                assertEquals(expected.replace(" ", ""), Wire.hex(dst.flip().position(3)));
            }
        }
    }

    @Test
    void maxHeaderLength() {
        assertEquals(14, FrameWriter.MAX_HEADER_LENGTH);
        assertEquals(FrameWriter.MAX_HEADER_LENGTH, FrameWriter.headerLength(Long.MAX_VALUE, true));
    }

    @Test
    void encodeRfcExamples() {   // RFC 6455 §5.7
        ByteBuffer hello = ByteBuffer.wrap(Wire.ascii("xxHello")).position(2);
        assertEquals("810548656c6c6f", Wire.hex(FrameWriter.encode(true, 0, OpCode.TEXT, hello, false, 0)));
        assertEquals(2, hello.position(), "payload position must not move");
        assertEquals("818537fa213d7f9f4d5158", Wire.hex(FrameWriter.encode(true, 0, OpCode.TEXT, hello, true, 0x37FA213D)));
        ByteBuffer hel = ByteBuffer.wrap(Wire.ascii("Hel"));
        assertEquals("010348656c", Wire.hex(FrameWriter.encode(false, 0, OpCode.TEXT, hel, false, 0)));
        ByteBuffer lo = ByteBuffer.wrap(Wire.ascii("lo"));
        assertEquals("80026c6f", Wire.hex(FrameWriter.encode(true, 0, OpCode.CONTINUATION, lo, false, 0)));
        assertEquals("8a8537fa213d7f9f4d5158", Wire.hex(FrameWriter.encode(true, 0, OpCode.PONG, hello, true, 0x37FA213D)));
    }

    @Test
    void encodeLargePayloadsFromDirectBuffers() {   // RFC 6455 §5.7: 256 bytes and 64 KiB binary
        for (int length : new int[] {256, 65536}) {
            ByteBuffer payload = ByteBuffer.allocateDirect(length);
            ByteBuffer frame = FrameWriter.encode(true, 0, OpCode.BINARY, payload, false, 0);
            assertTrue(frame.hasArray());
            assertEquals(0, frame.position());
            String header = length == 256 ? "827e0100" : "827f0000000000010000";
            assertEquals(header.length() / 2 + length, frame.remaining());
            assertTrue(Wire.hex(frame).startsWith(header));
        }
    }

    @Test
    void argumentChecks() {
        ByteBuffer dst = ByteBuffer.allocate(14);
        assertThrows(IllegalArgumentException.class, () -> FrameWriter.writeHeader(dst, true, 8, 1, 0, false, 0));
        assertThrows(IllegalArgumentException.class, () -> FrameWriter.writeHeader(dst, true, -1, 1, 0, false, 0));
        assertThrows(IllegalArgumentException.class, () -> FrameWriter.writeHeader(dst, true, 0, 16, 0, false, 0));
        assertThrows(IllegalArgumentException.class, () -> FrameWriter.writeHeader(dst, true, 0, 1, -1, false, 0));
        assertThrows(IllegalArgumentException.class, () -> FrameWriter.headerLength(-1, false));
        assertEquals(0, dst.position());
    }
}
