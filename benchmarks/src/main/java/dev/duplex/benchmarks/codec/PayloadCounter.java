package dev.duplex.benchmarks.codec;

import dev.duplex.frame.FrameParser;
import java.nio.ByteBuffer;

/**
 * The cheapest honest parser listener: it counts payload bytes and frames, and does no per-byte work,
 * so that a parse benchmark measures the parser (and its in-place unmasking) and not the consumer.
 * The count is returned from the benchmark method, which JMH consumes.
 *
 * <p>Called on the JMH benchmark thread only, from inside {@link FrameParser#parse}.
 */
final class PayloadCounter implements FrameParser.Listener {

    long payloadBytes;
    long frames;

    @Override
    public void onDataFrameStart(int opcode, boolean fin, int rsv, long length) {
        frames++;
    }

    @Override
    public void onDataPayload(ByteBuffer payload) {
        payloadBytes += payload.remaining();
    }

    @Override
    public void onDataFrameEnd(boolean fin) {
    }

    @Override
    public void onPing(ByteBuffer payload) {
    }

    @Override
    public void onPong(ByteBuffer payload) {
    }

    @Override
    public void onClose(int code, String reason) {
    }
}
