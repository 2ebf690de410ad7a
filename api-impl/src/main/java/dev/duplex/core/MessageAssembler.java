package dev.duplex.core;

import dev.duplex.frame.CloseCodes;
import dev.duplex.frame.ProtocolException;
import dev.duplex.frame.Utf8Validator;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Turns the data frames of one message at a time into what the upper layer asked for: a whole message, parts, or
 * nothing. Validates text as UTF-8 while the bytes arrive, so an invalid sequence fails the connection (1007) at
 * once, even early in a long message (RFC 6455 §8.1). Enforces the size limit on declared lengths, before the
 * payload arrives (1009), and grows its buffer only as bytes actually arrive (DESIGN.md §4).
 *
 * <p>Threads: the connection's reader, and once the dispatcher (see {@link #reconsider}); the methods are
 * synchronized for that one hand-over, an uncontended lock per frame otherwise.
 */
final class MessageAssembler {

    /** Where assembled messages and parts go. */
    interface Output {
        void text(String text, boolean last, InboundMode mode);

        void binary(ByteBuffer data, boolean last, InboundMode mode);

        /** STREAM mode: a message starts, a chunk of it arrived (the array is the receiver's), it ended. */
        void streamStart(boolean text);

        void streamChunk(byte[] chunk);

        void streamEnd();
    }

    private static final int FIRST_CAPACITY = 64 * 1024;
    private static final int KEEP_CAPACITY = 16 * 1024;

    private final Output output;
    private final Utf8Validator utf8 = new Utf8Validator();
    private boolean text;
    private InboundMode mode;
    private long limit;
    private static final byte[] EMPTY = new byte[0];
    private byte[] buffer = EMPTY;
    private int size;
    private long messageBytes;
    private long frameLeft;
    private boolean frameFin;
    /**
     * A whole message that arrived as one frame in one chunk: emitted from the chunk itself at the frame's end
     * (still within the transport's read call), without an assembly buffer.
     */
    private ByteBuffer direct;
    private boolean inMessage;
    private boolean provisional;
    private boolean handlersKnown;

    MessageAssembler(Output output) {
        this.output = output;
    }

    /**
     * The first frame of a message. {@code limit} is in bytes; Long.MAX_VALUE for none. Until
     * {@link #reconsider} reports the application's handlers known, a message is provisional: assembled whole,
     * and switched to its handler's mode once they are known.
     */
    synchronized void start(boolean text, java.util.function.Function<Boolean, InboundMode> modeFor, long limit) {
        InboundMode mode = handlersKnown ? modeFor.apply(text) : InboundMode.WHOLE;
        this.inMessage = true;
        this.provisional = !handlersKnown;
        this.text = text;
        this.mode = mode;
        this.limit = limit;
        this.size = 0;
        this.messageBytes = 0;
        utf8.reset();
        if (mode == InboundMode.STREAM) {
            output.streamStart(text);
        }
    }

    /** Each frame's declared length, before its payload. */
    synchronized void frameStart(long length, boolean fin) throws ProtocolException {
        frameLeft = length;
        frameFin = fin;
        if (mode == InboundMode.WHOLE && length > limit - messageBytes) {
            throw new ProtocolException(CloseCodes.TOO_BIG, (text ? "Text" : "Binary") + " message of at least "
                    + (messageBytes + length) + " bytes exceeds the limit of " + limit + " bytes");
        }
    }

    synchronized void payload(ByteBuffer chunk) throws ProtocolException {
        if (text && !utf8.feed(chunk)) {
            throw new ProtocolException(CloseCodes.INVALID_PAYLOAD,
                    "Text message is not valid UTF-8 (near byte " + messageBytes + ")");
        }
        int length = chunk.remaining();
        messageBytes += length;
        long promised = frameLeft;
        frameLeft -= length;
        if (mode == InboundMode.DISCARD) {
            return;
        }
        if (mode == InboundMode.STREAM) {
            byte[] copy = new byte[length];
            chunk.get(copy);
            output.streamChunk(copy);
            return;
        }
        if (mode == InboundMode.PARTIAL) {
            appendInPieces(chunk);
            return;
        }
        if (size == 0 && frameFin && length == promised && mode == InboundMode.WHOLE && !provisional) {
            direct = chunk;
            return;
        }
        ensureCapacity(size + length, promised);
        chunk.get(buffer, size, length);
        size += length;
    }

    /** A PARTIAL message delivers a part whenever a limit's worth of bytes has gathered. */
    private void appendInPieces(ByteBuffer chunk) {
        while (chunk.hasRemaining()) {
            int room = (int) Math.min(Math.max(limit, 1) - size, Integer.MAX_VALUE - 8);
            int n = Math.min(room, chunk.remaining());
            ensureCapacity(size + n, n);
            chunk.get(buffer, size, n);
            size += n;
            if (size >= limit) {
                emit(false);
            }
        }
    }

    synchronized void frameEnd(boolean fin) throws ProtocolException {
        if (fin) {
            inMessage = false;
            provisional = false;
        }
        if (fin && text && !utf8.isComplete()) {
            throw new ProtocolException(CloseCodes.INVALID_PAYLOAD,
                    "Text message ends inside a UTF-8 sequence (RFC 6455 §8.1)");
        }
        if (mode == InboundMode.STREAM) {
            if (fin) {
                output.streamEnd();
            }
        } else if (mode == InboundMode.PARTIAL || (fin && mode == InboundMode.WHOLE)) {
            emit(fin);
        }
    }

    private void emit(boolean last) {
        if (direct != null) {
            emitDirect();
            return;
        }
        if (text) {
            int end = last ? size : codePointBoundary();
            String s = new String(buffer, 0, end, StandardCharsets.UTF_8);
            int rest = size - end;
            System.arraycopy(buffer, end, buffer, 0, rest);
            size = rest;
            if (size == 0 && (last || buffer.length > KEEP_CAPACITY)) {
                buffer = EMPTY; // a connection between messages holds no assembly buffer
            }
            output.text(s, last, mode);
        } else {
            byte[] data = size == buffer.length ? buffer : Arrays.copyOf(buffer, size);
            if (data == buffer || last || buffer.length > KEEP_CAPACITY) {
                buffer = EMPTY;
            }
            size = 0;
            output.binary(ByteBuffer.wrap(data), last, mode);
        }
    }

    private void emitDirect() {
        ByteBuffer chunk = direct;
        direct = null;
        int length = chunk.remaining();
        if (text) {
            String s;
            if (chunk.hasArray()) {
                s = new String(chunk.array(), chunk.arrayOffset() + chunk.position(), length, StandardCharsets.UTF_8);
            } else {
                s = StandardCharsets.UTF_8.decode(chunk.duplicate()).toString();
            }
            chunk.position(chunk.limit());
            output.text(s, true, mode);
        } else {
            byte[] data = new byte[length];
            chunk.get(data);
            output.binary(ByteBuffer.wrap(data), true, mode);
        }
    }

    /**
     * The handlers are now known (onOpen returned): a provisional message still arriving switches to the mode its
     * handler wants, the bytes gathered so far becoming its first chunk or part. Called on the dispatcher.
     */
    synchronized void reconsider(java.util.function.Function<Boolean, InboundMode> modeFor) {
        handlersKnown = true;
        if (!inMessage || !provisional) {
            return;
        }
        provisional = false;
        InboundMode wanted = modeFor.apply(text);
        if (wanted == InboundMode.STREAM) {
            mode = InboundMode.STREAM;
            output.streamStart(text);
            if (size > 0) {
                output.streamChunk(Arrays.copyOf(buffer, size));
                size = 0;
            }
        } else if (wanted == InboundMode.PARTIAL) {
            mode = InboundMode.PARTIAL;
            if (size > 0) {
                emit(false);
            }
        } else if (wanted == InboundMode.DISCARD) {
            mode = InboundMode.DISCARD;
            size = 0;
        }
    }

    /** The end of the last whole code point in the buffer (the bytes were validated already). */
    private int codePointBoundary() {
        int i = size;
        int back = 0;
        while (i > 0 && back < 3 && (buffer[i - 1] & 0xC0) == 0x80) {
            i--;
            back++;
        }
        if (i == 0) {
            return size;
        }
        int lead = buffer[i - 1] & 0xFF;
        int need = lead >= 0xF0 ? 3 : lead >= 0xE0 ? 2 : lead >= 0xC0 ? 1 : 0;
        return need == back ? size : i - 1;
    }

    /** Grows to fit {@code needed}; {@code promised} = bytes the current frame still declares, a sizing hint. */
    private void ensureCapacity(int needed, long promised) {
        if (needed <= buffer.length) {
            return;
        }
        long grown = Math.max(buffer.length * 2L, Math.min(size + promised, FIRST_CAPACITY));
        long capped = Math.min(grown, Math.min(limit, Integer.MAX_VALUE - 8));
        buffer = Arrays.copyOf(buffer, (int) Math.max(needed, capped));
    }
}
