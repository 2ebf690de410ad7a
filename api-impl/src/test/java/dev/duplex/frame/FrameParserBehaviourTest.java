package dev.duplex.frame;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.nio.ReadOnlyBufferException;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The parser's contract with its caller and listener: buffers, views, failure, re-entrance. */
class FrameParserBehaviourTest {

    @Test
    void unmasksInPlaceAndConsumesEverything() throws ProtocolException {
        ByteBuffer in = ByteBuffer.wrap(Wire.bytes("81 85 37 fa 21 3d 7f 9f 4d 51 58"));
        new FrameParser(new RecordingListener(), true, Long.MAX_VALUE).parse(in);
        assertEquals(in.limit(), in.position());
        assertEquals("818537fa213d48656c6c6f", Wire.hex(in.array()));
    }

    @Test
    void payloadIsAViewOfTheInputCoveringOnlyThisFramesBytes() throws ProtocolException {
        ByteBuffer in = ByteBuffer.wrap(Wire.bytes("82 02 aa bb 82 03 cc dd ee 89 01 ff"));
        List<String> seen = new ArrayList<>();
        FrameParser parser = new FrameParser(new RecordingListener() {
            @Override
            public void onDataPayload(ByteBuffer payload) throws ProtocolException {
                assertTrue(payload != in, "a view, not the input itself");
                assertSame(in.array(), payload.array(), "zero copy");
                seen.add(payload.position() + ".." + payload.limit());
                super.onDataPayload(payload);
                payload.position(payload.limit()).limit(0);   // the listener may consume and move freely
            }
        }, false, Long.MAX_VALUE);
        parser.parse(in);
        assertEquals(List.of("2..4", "6..9"), seen);
        assertEquals(in.limit(), in.position());
    }

    @Test
    void readOnlyInputWorksWhenNothingNeedsUnmasking() throws ProtocolException {
        RecordingListener listener = new RecordingListener();
        new FrameParser(listener, false, Long.MAX_VALUE).parse(ByteBuffer.wrap(Wire.bytes("81 01 41 89 00")).asReadOnlyBuffer());
        assertEquals(List.of("TEXT fin=true rsv=0 len=1", "end fin=true data=41", "PING data="), listener.events);
    }

    @Test
    void maskedDataNeedsAWritableInput() {
        ByteBuffer in = ByteBuffer.wrap(Wire.bytes("82 81 01 02 03 04 05")).asReadOnlyBuffer();
        FrameParser parser = new FrameParser(new RecordingListener(), true, Long.MAX_VALUE);
        assertThrows(ReadOnlyBufferException.class, () -> parser.parse(in));
    }

    @Test
    void emptyInputDoesNothing() throws ProtocolException {
        RecordingListener listener = new RecordingListener();
        FrameParser parser = new FrameParser(listener, true, Long.MAX_VALUE);
        parser.parse(ByteBuffer.allocate(0));
        parser.parse(ByteBuffer.wrap(Wire.bytes("82 80 00 00 00 00")));
        assertEquals(List.of("BINARY fin=true rsv=0 len=0", "end fin=true data="), listener.events);
    }

    @Test
    void protocolErrorKillsTheParser() {
        FrameParser parser = new FrameParser(new RecordingListener(), false, Long.MAX_VALUE);
        ProtocolException e = assertThrows(ProtocolException.class, () -> parser.parse(ByteBuffer.wrap(Wire.bytes("83"))));
        assertEquals(CloseCodes.PROTOCOL_ERROR, e.closeCode());
        assertThrows(IllegalStateException.class, () -> parser.parse(ByteBuffer.wrap(Wire.bytes("81 00"))));
        assertThrows(IllegalStateException.class, () -> parser.parse(ByteBuffer.allocate(0)));
    }

    @Test
    void listenerExceptionsPropagateAndKillTheParser() {
        ProtocolException tooBig = new ProtocolException(CloseCodes.TOO_BIG, "message too big");
        FrameParser parser = new FrameParser(new RecordingListener() {
            @Override
            public void onDataPayload(ByteBuffer payload) throws ProtocolException {
                throw tooBig;
            }
        }, false, Long.MAX_VALUE);
        assertSame(tooBig, assertThrows(ProtocolException.class, () -> parser.parse(ByteBuffer.wrap(Wire.bytes("81 01 41")))));
        assertThrows(IllegalStateException.class, () -> parser.parse(ByteBuffer.allocate(0)));

        FrameParser other = new FrameParser(new RecordingListener() {
            @Override
            public void onPing(ByteBuffer payload) {
                throw new IllegalArgumentException("boom");
            }
        }, false, Long.MAX_VALUE);
        assertThrows(IllegalArgumentException.class, () -> other.parse(ByteBuffer.wrap(Wire.bytes("89 00"))));
        assertThrows(IllegalStateException.class, () -> other.parse(ByteBuffer.allocate(0)));
    }

    @Test
    void reentrantParseIsRefused() {
        FrameParser[] self = new FrameParser[1];
        self[0] = new FrameParser(new RecordingListener() {
            @Override
            public void onPing(ByteBuffer payload) throws ProtocolException {
                self[0].parse(ByteBuffer.allocate(0));
            }
        }, false, Long.MAX_VALUE);
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> self[0].parse(ByteBuffer.wrap(Wire.bytes("89 00"))));
        assertTrue(e.getMessage().contains("inside a listener callback"), e.getMessage());
    }

    @Test
    void argumentChecks() {
        assertThrows(NullPointerException.class, () -> new FrameParser(null, true, 1));
        FrameParser parser = new FrameParser(new RecordingListener(), true, 1);
        assertThrows(IllegalArgumentException.class, () -> parser.setAllowedRsv(8));
        assertThrows(IllegalArgumentException.class, () -> parser.setAllowedRsv(-1));
    }

    @Test
    void rsvConstantsMatchTheFirstByteBits() {   // RFC 6455 §5.2: 0x40, 0x20, 0x10 of the first byte
        assertEquals(0x40, FrameParser.RSV1 << 4);
        assertEquals(0x20, FrameParser.RSV2 << 4);
        assertEquals(0x10, FrameParser.RSV3 << 4);
    }
}
