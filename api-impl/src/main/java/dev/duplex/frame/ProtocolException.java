package dev.duplex.frame;

import java.io.IOException;

/**
 * A violation of the WebSocket protocol by the peer that fails the connection (RFC 6455 §7.1.7).
 * Carries the close code to send, e.g. {@link CloseCodes#PROTOCOL_ERROR} or {@link CloseCodes#TOO_BIG}.
 *
 * <p>Thrown on the thread that parses (the connection's reader); immutable once built.
 */
public class ProtocolException extends IOException {

    private static final long serialVersionUID = 1L;

    private final int closeCode;

    /**
     * @param closeCode the close code to send to the peer
     * @param message   plain English, naming the offending value and the rule
     */
    public ProtocolException(int closeCode, String message) {
        super(message);
        this.closeCode = closeCode;
    }

    /** The close code to send to the peer. */
    public int closeCode() {
        return closeCode;
    }
}
