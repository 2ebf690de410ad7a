package dev.duplex.benchmarks.codec;

import dev.duplex.frame.FrameParser;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;

/**
 * A listener for the self-checks in {@code @Setup}: it keeps every data payload byte it is given, so the
 * benchmark can confirm the parser unmasked the input correctly before timing it. Never used while measuring.
 *
 * <p>Called on the JMH setup thread only, from inside {@link FrameParser#parse}.
 */
final class PayloadCollector implements FrameParser.Listener {

    final ByteArrayOutputStream payload = new ByteArrayOutputStream();
    int frames;
    int framesEnded;

    @Override
    public void onDataFrameStart(int opcode, boolean fin, int rsv, long length) {
        frames++;
    }

    @Override
    public void onDataPayload(ByteBuffer data) {
        payload.writeBytes(WireFrames.bytes(data));
    }

    @Override
    public void onDataFrameEnd(boolean fin) {
        framesEnded++;
    }

    @Override
    public void onPing(ByteBuffer data) {
        throw new IllegalStateException("unexpected ping in benchmark input");
    }

    @Override
    public void onPong(ByteBuffer data) {
        throw new IllegalStateException("unexpected pong in benchmark input");
    }

    @Override
    public void onClose(int code, String reason) {
        throw new IllegalStateException("unexpected close in benchmark input");
    }
}
