package dev.duplex.core;

import java.nio.ByteBuffer;

/**
 * The upper layer (a session) as the connection sees it.
 *
 * <p>Threads: {@link #inboundMode} runs on the connection's reader thread and must be quick and non-blocking.
 * Every other method runs on the connection's serial dispatcher, one at a time, in arrival order, with the
 * configured context class loader set: {@code onOpen} first, {@code onClose} last and exactly once (WSC-5.1-x).
 * These methods may block (e.g. on a blocking send): the reader keeps going until its inbound budget is used up.
 */
public interface ConnectionHandler {

    void onOpen();

    /** At a message's first frame: how to deliver it. */
    InboundMode inboundMode(boolean text);

    void onText(String message);

    void onBinary(ByteBuffer message);

    void onTextPart(String part, boolean last);

    void onBinaryPart(ByteBuffer part, boolean last);

    /** A streamed text message: the reader yields its characters as frames arrive, then end of stream. */
    void onTextStream(java.io.Reader message);

    /** A streamed binary message: the stream yields its bytes as frames arrive, then end of stream. */
    void onBinaryStream(java.io.InputStream message);

    void onPong(ByteBuffer payload);

    /** A transport failure. Protocol violations by the peer are not errors here: they close the connection. */
    void onError(Throwable failure);

    /** The connection closed with this code (1006 when it ended without a close handshake). */
    void onClose(int code, String reason);
}
