package dev.duplex.frame;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;

/**
 * Test helper: records parser events as strings, concatenating the payload chunks of each data frame so that
 * any split of the input gives the same record. Also checks the listener contract (call order, no empty
 * chunks, chunk total equal to the declared length).
 *
 * <p>Events: {@code "TEXT fin=true rsv=0 len=5"}, {@code "end fin=true data=48656c6c6f"}, {@code "PING data=01"},
 * {@code "PONG data="}, {@code "CLOSE 1000 reason=bye"}.
 */
class RecordingListener implements FrameParser.Listener {

    final List<String> events = new ArrayList<>();
    private ByteArrayOutputStream frame;
    private long declared;
    private boolean frameFin;

    /** Payload received so far of a data frame that has not ended, or "" when none is open. */
    String pending() {
        return frame == null ? "" : Wire.hex(frame.toByteArray());
    }

    @Override
    public void onDataFrameStart(int opcode, boolean fin, int rsv, long length) throws ProtocolException {
        assertNull(frame, "onDataFrameStart while a data frame is open");
        assertFalse(OpCode.isControl(opcode), "data frame with control opcode " + opcode);
        events.add(OpCode.name(opcode) + " fin=" + fin + " rsv=" + rsv + " len=" + length);
        frame = new ByteArrayOutputStream();
        declared = length;
        frameFin = fin;
    }

    @Override
    public void onDataPayload(ByteBuffer payload) throws ProtocolException {
        assertNotNull(frame, "onDataPayload outside a data frame");
        assertTrue(payload.hasRemaining(), "onDataPayload with an empty buffer");
        frame.writeBytes(Wire.toArray(payload));
        assertTrue(frame.size() <= declared, "more payload than declared: " + frame.size() + " > " + declared);
    }

    @Override
    public void onDataFrameEnd(boolean fin) throws ProtocolException {
        assertNotNull(frame, "onDataFrameEnd outside a data frame");
        assertEquals(frameFin, fin, "fin of onDataFrameEnd differs from the header's");
        assertEquals(declared, frame.size(), "payload total differs from the declared length");
        events.add("end fin=" + fin + " data=" + Wire.hex(frame.toByteArray()));
        frame = null;
    }

    @Override
    public void onPing(ByteBuffer payload) throws ProtocolException {
        control("PING", payload);
    }

    @Override
    public void onPong(ByteBuffer payload) throws ProtocolException {
        control("PONG", payload);
    }

    @Override
    public void onClose(int code, String reason) throws ProtocolException {
        assertNull(frame, "close frame inside a data frame");
        events.add("CLOSE " + code + " reason=" + reason);
    }

    private void control(String kind, ByteBuffer payload) {
        assertNull(frame, kind + " inside a data frame");
        assertTrue(payload.remaining() <= 125, kind + " payload over 125 bytes");
        events.add(kind + " data=" + Wire.hex(payload));
    }
}
