package dev.duplex.transport;

import java.nio.ByteBuffer;

/**
 * Receives a transport's inbound events. A transport calls these from its I/O threads, one call at a time per
 * connection, never concurrently; the listener must not block.
 */
public interface TransportListener {

    /**
     * Bytes arrived. The buffer is writable and only valid during the call (the transport reuses it); the listener
     * consumes all of it and copies what it keeps.
     */
    void onRead(ByteBuffer data);

    /** The peer closed its side: no more bytes will arrive. */
    void onEof();

    /** Reading or writing failed; the transport is unusable. Called at most once, and not after {@link #onEof()}. */
    void onError(Throwable failure);

    /**
     * Reading was resumed, but this transport can read only when its container calls it back, and bytes it already
     * holds produce no further callback: the listener should prompt the peer to send something (a ping, whose
     * pong produces the callback). Called from the thread that called {@link Transport#resumeReading()}.
     */
    default void onResumeNeedsInbound() {
    }
}
