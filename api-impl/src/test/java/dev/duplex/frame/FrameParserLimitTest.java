package dev.duplex.frame;

import static dev.duplex.frame.SplitFeeder.assertError;
import static dev.duplex.frame.SplitFeeder.assertEvents;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.ByteBuffer;
import java.util.List;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/** The declared frame size limit: 1009 as soon as the length field is complete (DESIGN.md §4). */
class FrameParserLimitTest {

    private static Function<FrameParser.Listener, FrameParser> client(long max) {
        return l -> new FrameParser(l, false, max);
    }

    private static Function<FrameParser.Listener, FrameParser> server(long max) {
        return l -> new FrameParser(l, true, max);
    }

    @Test
    void frameAtTheLimitPasses() {
        byte[] payload = new byte[125];
        assertEvents(Wire.concat(Wire.bytes("82 7d"), payload), client(125),
                "BINARY fin=true rsv=0 len=125", "end fin=true data=" + Wire.hex(payload));
    }

    @Test
    void frameOverTheLimitFailsWithTheDeclaredLengthAndTheLimit() {
        String message = assertError(Wire.concat(Wire.bytes("81 7e 00 7e"), new byte[126]), client(125), 1009,
                List.of("TEXT", "126", "125"));
        assertEquals("TEXT frame declares payload length 126, the limit is 125 bytes", message);
    }

    @Test
    void failsRightAfterTheLengthFieldBeforeAnyPayloadOrMaskKey() {
        assertError(Wire.bytes("82 7e 00 7e"), client(125), 1009, List.of("126"));
        assertError(Wire.bytes("82 fe 00 7e"), server(125), 1009, List.of("126"));
        assertError(Wire.bytes("82 ff 00 00 01 00 00 00 00 00"), server(65536), 1009,
                List.of("1099511627776", "65536"));
    }

    @Test
    void zeroLimitAllowsOnlyEmptyFrames() {
        assertEvents(Wire.bytes("81 00"), client(0), "TEXT fin=true rsv=0 len=0", "end fin=true data=");
        assertError(Wire.bytes("81 01 41"), client(0), 1009, List.of("length 1", "limit is 0"));
    }

    @Test
    void continuationFramesAreLimitedToo() {
        assertError(Wire.bytes("01 02 41 42 80 03"), client(2), 1009, List.of("CONTINUATION", "3"),
                "TEXT fin=false rsv=0 len=2", "end fin=false data=4142");
    }

    @Test
    void controlFramesAreNotSubjectToTheDataLimit() {   // they are capped at 125 by RFC 6455 §5.5 instead
        byte[] payload = new byte[20];
        assertEvents(Wire.concat(Wire.bytes("89 14"), payload), client(10), "PING data=" + Wire.hex(payload));
    }

    @Test
    void changedLimitAppliesFromTheNextHeader() throws ProtocolException {
        RecordingListener listener = new RecordingListener();
        FrameParser parser = new FrameParser(listener, false, Long.MAX_VALUE);
        parser.parse(ByteBuffer.wrap(Wire.bytes("82 05 01 02")));
        parser.setMaxFramePayload(4);   // the open 5-byte frame is not affected
        parser.parse(ByteBuffer.wrap(Wire.bytes("03 04 05 82 04 00 00 00 00")));
        assertEquals(List.of("BINARY fin=true rsv=0 len=5", "end fin=true data=0102030405",
                "BINARY fin=true rsv=0 len=4", "end fin=true data=00000000"), listener.events);
        ProtocolException e = assertThrows(ProtocolException.class, () -> parser.parse(ByteBuffer.wrap(Wire.bytes("82 05"))));
        assertEquals(1009, e.closeCode());
    }

    @Test
    void negativeLimitIsRejected() {
        RecordingListener listener = new RecordingListener();
        assertThrows(IllegalArgumentException.class, () -> new FrameParser(listener, true, -1));
        assertThrows(IllegalArgumentException.class, () -> new FrameParser(listener, true, 0).setMaxFramePayload(-1));
    }
}
