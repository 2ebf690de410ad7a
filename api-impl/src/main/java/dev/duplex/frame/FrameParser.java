package dev.duplex.frame;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/**
 * Incremental RFC 6455 frame parser (§5.2), enforcing the frame-level rules of §5.1–§5.5 and §7.4. Data and
 * ping/pong frames allocate nothing (but for the two short-lived views {@link Masker} takes of a large range of a
 * direct buffer); a close frame builds its reason string. It does not validate the UTF-8 of text messages nor
 * enforce message-size limits: the connection core does that after extensions have run.
 *
 * <p>Not thread-safe: one thread at a time (the connection's reader) calls {@link #parse}, and the listener is
 * called on that thread, synchronously, never re-entrantly.
 *
 * <pre>
 *            b0          b1 (len 0..125)
 *   FIRST -------&gt; SECOND -------------------------+
 *                    | len 126/127                 v        key complete
 *                    +----&gt; EXT_LENGTH ------&gt; [masked?] --&gt; MASK_KEY --+
 *                                                  | no                   |
 *                                                  v                      v
 *                          FIRST &lt;-- DATA_PAYLOAD / CONTROL_PAYLOAD &lt;-----+
 *                               (a zero-length frame completes at once)
 * </pre>
 */
public final class FrameParser {

    /** RSV bits as {@code (firstByte >> 4) & 0x7}. */
    public static final int RSV1 = 0x4;
    public static final int RSV2 = 0x2;
    public static final int RSV3 = 0x1;

    private static final int MAX_CONTROL_PAYLOAD = 125;   // RFC 6455 §5.5

    private static final int FIRST = 0;
    private static final int SECOND = 1;
    private static final int EXT_LENGTH = 2;
    private static final int MASK_KEY = 3;
    private static final int DATA_PAYLOAD = 4;
    private static final int CONTROL_PAYLOAD = 5;

    private final Listener listener;
    private final boolean expectMasked;
    private long maxFramePayload;
    private int allowedRsv;

    /** A control frame's payload: allocated when one arrives and dropped after it, so idle parsers hold none. */
    private byte[] control;
    private ByteBuffer controlView;

    /** Reused view of the last input buffer, handed to {@link Listener#onDataPayload}. */
    private ByteBuffer payloadView;
    private ByteBuffer payloadViewSource;

    private int state = FIRST;
    private boolean dead;
    private boolean parsing;
    private boolean messageInProgress;   // RFC 6455 §5.4: a TEXT/BINARY frame with FIN=0 was seen

    // The current frame.
    private boolean fin;
    private int rsv;
    private int opcode;
    private boolean masked;
    private int lengthBytesLeft;
    private long length;
    private int maskKey;
    private int maskBytesLeft;
    private long payloadDone;

    /**
     * @param listener        receives the frames, on the thread that calls {@link #parse}
     * @param expectMasked    true on the server side (every client frame must be masked, else 1002); false on the
     *                        client side (a masked frame gives 1002) — RFC 6455 §5.1
     * @param maxFramePayload a data frame whose declared length exceeds this is rejected with 1009 as soon as its
     *                        length field is complete, before any payload is read; {@code Long.MAX_VALUE} = none
     */
    public FrameParser(Listener listener, boolean expectMasked, long maxFramePayload) {
        if (listener == null) {
            throw new NullPointerException("listener");
        }
        this.listener = listener;
        this.expectMasked = expectMasked;
        setMaxFramePayload(maxFramePayload);
    }

    /**
     * RSV bits an extension negotiated for the first frame of a data message, e.g. {@link #RSV1} for
     * permessage-deflate (RFC 7692 §6). Default 0. Control and continuation frames must always have RSV 0.
     * Applies from the next frame header on.
     */
    public void setAllowedRsv(int mask) {
        if ((mask & ~0x7) != 0) {
            throw new IllegalArgumentException("RSV mask must be within 0..7, got " + mask);
        }
        this.allowedRsv = mask;
    }

    /** Maximum declared payload length of a data frame; applies from the next frame header on. */
    public void setMaxFramePayload(long max) {
        if (max < 0) {
            throw new IllegalArgumentException("maximum frame payload must not be negative, got " + max);
        }
        this.maxFramePayload = max;
    }

    /**
     * Consumes all bytes of {@code in} (its position advances to its limit), keeping partial-frame state between
     * calls: any split of the input gives the same listener calls (payload chunks may be cut differently, their
     * concatenation is the same) and the same error.
     *
     * <p>Masked data payloads are unmasked in place inside {@code in}, which must then be writable, and passed to
     * the listener as a view of {@code in} (no copy). Control payloads are gathered in an internal 125-byte
     * buffer until whole.
     *
     * @throws ProtocolException     on any protocol violation; listener exceptions propagate too. After any
     *                               exception the parser is dead.
     * @throws IllegalStateException if the parser is dead, or if called from inside a listener callback
     */
    public void parse(ByteBuffer in) throws ProtocolException {
        if (parsing) {
            throw new IllegalStateException("parse() called from inside a listener callback");
        }
        if (dead) {
            throw new IllegalStateException("frame parser failed earlier; the connection must be closed");
        }
        parsing = true;
        dead = true;   // stays true if anything below throws
        try {
            while (in.hasRemaining()) {
                if (state == DATA_PAYLOAD) {
                    dataPayload(in);
                } else if (state == CONTROL_PAYLOAD) {
                    controlPayload(in);
                } else {
                    headerByte(in.get() & 0xFF);
                }
            }
            dead = false;
        } finally {
            parsing = false;
            // The view may only be reused for the same buffer, within this call: drop it (and the caller's buffer).
            payloadView = null;
            payloadViewSource = null;
        }
    }

    private void headerByte(int b) throws ProtocolException {
        switch (state) {
            case FIRST:
                firstByte(b);
                break;
            case SECOND:
                secondByte(b);
                break;
            case EXT_LENGTH:
                lengthByte(b);
                break;
            default:
                maskKeyByte(b);
                break;
        }
    }

    private void firstByte(int b) throws ProtocolException {
        fin = (b & 0x80) != 0;
        rsv = (b >> 4) & 0x7;
        opcode = b & 0xF;
        if (!OpCode.isKnown(opcode)) {
            throw protocolError("reserved opcode " + OpCode.name(opcode) + " (RFC 6455 §5.2)");
        }
        if (OpCode.isControl(opcode)) {
            if (!fin) {
                throw protocolError("control frame " + OpCode.name(opcode) + " is fragmented (FIN=0); control"
                        + " frames must not be fragmented (RFC 6455 §5.5)");
            }
            checkNoRsv("control");
        } else if (opcode == OpCode.CONTINUATION) {
            checkNoRsv("continuation");
            if (!messageInProgress) {
                throw protocolError("CONTINUATION frame with no fragmented message in progress (RFC 6455 §5.4)");
            }
            messageInProgress = !fin;
        } else {
            if ((rsv & ~allowedRsv) != 0) {
                throw protocolError("RSV bits 0x" + Integer.toHexString(rsv & ~allowedRsv) + " set on a "
                        + OpCode.name(opcode) + " frame but not negotiated by any extension (RFC 6455 §5.2)");
            }
            if (messageInProgress) {
                throw protocolError(OpCode.name(opcode) + " frame while a fragmented message is still in"
                        + " progress; expected CONTINUATION (RFC 6455 §5.4)");
            }
            messageInProgress = !fin;
        }
        state = SECOND;
    }

    /** RFC 7692 §6: RSV1 marks only the first frame of a message; control frames carry no RSV bits. */
    private void checkNoRsv(String kind) throws ProtocolException {
        if (rsv != 0) {
            throw protocolError("RSV bits 0x" + Integer.toHexString(rsv) + " set on a " + kind + " frame "
                    + OpCode.name(opcode) + "; they must be 0 (RFC 6455 §5.2, RFC 7692 §6)");
        }
    }

    private void secondByte(int b) throws ProtocolException {
        masked = (b & 0x80) != 0;
        if (masked != expectMasked) {   // RFC 6455 §5.1
            throw protocolError(expectMasked
                    ? "unmasked " + OpCode.name(opcode) + " frame from the client; client frames must be masked"
                            + " (RFC 6455 §5.1)"
                    : "masked " + OpCode.name(opcode) + " frame from the server; server frames must not be"
                            + " masked (RFC 6455 §5.1)");
        }
        int length7 = b & 0x7F;
        length = 0;
        if (length7 == 126) {
            lengthBytesLeft = 2;
            state = EXT_LENGTH;
        } else if (length7 == 127) {
            lengthBytesLeft = 8;
            state = EXT_LENGTH;
        } else {
            length = length7;
            lengthComplete();
        }
    }

    private void lengthByte(int b) throws ProtocolException {
        if (lengthBytesLeft == 8 && (b & 0x80) != 0) {
            throw protocolError("64-bit payload length of a " + OpCode.name(opcode) + " frame has its most"
                    + " significant bit set (RFC 6455 §5.2)");
        }
        length = (length << 8) | b;
        if (--lengthBytesLeft == 0) {
            lengthComplete();
        }
    }

    private void lengthComplete() throws ProtocolException {
        if (OpCode.isControl(opcode)) {
            if (length > MAX_CONTROL_PAYLOAD) {
                throw protocolError("control frame " + OpCode.name(opcode) + " has payload length " + length
                        + ", the limit is " + MAX_CONTROL_PAYLOAD + " (RFC 6455 §5.5)");
            }
            if (opcode == OpCode.CLOSE && length == 1) {
                throw protocolError("close frame has a 1-byte payload; it must be empty or hold a 2-byte"
                        + " status code (RFC 6455 §5.5.1)");
            }
        } else if (length > maxFramePayload) {
            throw new ProtocolException(CloseCodes.TOO_BIG, OpCode.name(opcode) + " frame declares payload"
                    + " length " + length + ", the limit is " + maxFramePayload + " bytes");
        }
        if (masked) {
            maskKey = 0;
            maskBytesLeft = 4;
            state = MASK_KEY;
        } else {
            headerComplete();
        }
    }

    private void maskKeyByte(int b) throws ProtocolException {
        maskKey = (maskKey << 8) | b;
        if (--maskBytesLeft == 0) {
            headerComplete();
        }
    }

    private void headerComplete() throws ProtocolException {
        payloadDone = 0;
        if (OpCode.isControl(opcode)) {
            if (length == 0) {
                state = FIRST;
                controlComplete();
            } else {
                state = CONTROL_PAYLOAD;
            }
            return;
        }
        state = length == 0 ? FIRST : DATA_PAYLOAD;
        listener.onDataFrameStart(opcode, fin, rsv, length);
        if (length == 0) {
            listener.onDataFrameEnd(fin);
        }
    }

    /** Unmasks in place and hands over as much of this data frame's payload as {@code in} holds. */
    private void dataPayload(ByteBuffer in) throws ProtocolException {
        int from = in.position();
        int count = (int) Math.min(length - payloadDone, in.remaining());
        int to = from + count;
        if (masked) {
            Masker.mask(in, from, to, maskKey, payloadDone);
        }
        in.position(to);
        payloadDone += count;
        boolean last = payloadDone == length;
        if (last) {
            state = FIRST;
        }
        listener.onDataPayload(viewOf(in, from, to));
        if (last) {
            listener.onDataFrameEnd(fin);
        }
    }

    /** A view of {@code in[from, to)}; the duplicate is reused while the caller passes the same buffer. */
    private ByteBuffer viewOf(ByteBuffer in, int from, int to) {
        ByteBuffer view = payloadView;
        if (payloadViewSource != in) {
            view = in.duplicate();
            payloadView = view;
            payloadViewSource = in;
        }
        view.limit(to);   // limit first: it pulls an earlier, larger position back within bounds
        view.position(from);
        return view;
    }

    private void controlPayload(ByteBuffer in) throws ProtocolException {
        ensureControl();
        int filled = (int) payloadDone;
        int count = Math.min((int) length - filled, in.remaining());
        in.get(control, filled, count);
        if (masked) {
            Masker.mask(controlView.clear(), filled, filled + count, maskKey, filled);
        }
        payloadDone += count;
        if (payloadDone == length) {
            state = FIRST;
            controlComplete();
        }
    }

    private void controlComplete() throws ProtocolException {
        ensureControl();
        int size = (int) length;
        controlView.clear().limit(size);
        try {
            switch (opcode) {
                case OpCode.PING:
                    listener.onPing(controlView);
                    break;
                case OpCode.PONG:
                    listener.onPong(controlView);
                    break;
                default:
                    closeComplete(size);
                    break;
            }
        } finally {
            control = null;
            controlView = null;
        }
    }

    private void ensureControl() {
        if (control == null) {
            control = new byte[MAX_CONTROL_PAYLOAD];
            controlView = ByteBuffer.wrap(control);
        }
    }

    /** RFC 6455 §5.5.1: an optional 2-byte status code, then an optional UTF-8 reason. */
    private void closeComplete(int size) throws ProtocolException {
        if (size == 0) {
            listener.onClose(CloseCodes.NO_STATUS, "");
            return;
        }
        int code = ((control[0] & 0xFF) << 8) | (control[1] & 0xFF);
        if (!CloseCodes.isValidOnWire(code)) {   // RFC 6455 §7.4
            throw protocolError("close frame has status code " + code + ", which is not allowed on the wire"
                    + " (RFC 6455 §7.4)");
        }
        if (!Utf8Validator.isValid(controlView.position(2))) {   // RFC 6455 §5.5.1, §8.1
            throw new ProtocolException(CloseCodes.INVALID_PAYLOAD, "close frame reason is not valid UTF-8"
                    + " (RFC 6455 §5.5.1)");
        }
        listener.onClose(code, new String(control, 2, size - 2, StandardCharsets.UTF_8));
    }

    private static ProtocolException protocolError(String message) {
        return new ProtocolException(CloseCodes.PROTOCOL_ERROR, message);
    }

    /**
     * Receives the parsed frames, on the thread that calls {@link #parse}. Buffers passed in are only valid
     * during the call: the listener copies what it keeps, and may move their position and limit freely.
     */
    public interface Listener {

        /**
         * Header of a data frame: opcode TEXT, BINARY or CONTINUATION; rsv = (b0 &gt;&gt; 4) &amp; 7;
         * length = the declared payload length.
         */
        void onDataFrameStart(int opcode, boolean fin, int rsv, long length) throws ProtocolException;

        /** Some (unmasked) payload of the current data frame; never called with an empty buffer. */
        void onDataPayload(ByteBuffer payload) throws ProtocolException;

        /** The current data frame is complete (after its last onDataPayload; also for zero-length frames). */
        void onDataFrameEnd(boolean fin) throws ProtocolException;

        /** A whole ping frame's payload (0–125 bytes). */
        void onPing(ByteBuffer payload) throws ProtocolException;

        /** A whole pong frame's payload (0–125 bytes). */
        void onPong(ByteBuffer payload) throws ProtocolException;

        /** A valid close frame: code NO_STATUS (1005) and reason "" when the payload was empty. */
        void onClose(int code, String reason) throws ProtocolException;
    }
}
