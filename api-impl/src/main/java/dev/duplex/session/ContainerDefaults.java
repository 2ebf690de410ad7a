package dev.duplex.session;

import jakarta.websocket.WebSocketContainer;

/**
 * The defaults a {@link WebSocketContainer} gives its new sessions, shared by the server and client containers
 * (spec §2.1: container defaults, overridable per session). Thread-safe: volatile fields, read when a session opens.
 */
public abstract class ContainerDefaults implements WebSocketContainer {

    private volatile long defaultAsyncSendTimeout = SessionSettings.DEFAULTS.sendTimeoutMillis();
    private volatile long defaultMaxSessionIdleTimeout = SessionSettings.DEFAULTS.maxIdleTimeoutMillis();
    private volatile int defaultMaxBinaryMessageBufferSize = SessionSettings.DEFAULTS.maxBinaryMessageBytes();
    private volatile int defaultMaxTextMessageBufferSize = SessionSettings.DEFAULTS.maxTextMessageBytes();
    private volatile long outboundLimit = dev.duplex.core.ConnectionConfig.DEFAULT_OUTBOUND_LIMIT;

    /** The settings a session opened now starts with. */
    protected SessionSettings sessionSettings(boolean closeOnOverflow) {
        return new SessionSettings(defaultMaxTextMessageBufferSize, defaultMaxBinaryMessageBufferSize,
                defaultMaxSessionIdleTimeout, defaultAsyncSendTimeout, closeOnOverflow);
    }

    /** Bytes each session may queue for sending (DESIGN.md §3 rule 4); applies to sessions opened afterwards. */
    public long getOutboundLimit() {
        return outboundLimit;
    }

    public void setOutboundLimit(long bytes) {
        if (bytes <= 0) {
            throw new IllegalArgumentException("the outbound limit must be positive, was " + bytes);
        }
        this.outboundLimit = bytes;
    }

    @Override
    public long getDefaultAsyncSendTimeout() {
        return defaultAsyncSendTimeout;
    }

    @Override
    public void setAsyncSendTimeout(long timeoutmillis) {
        this.defaultAsyncSendTimeout = timeoutmillis;
    }

    @Override
    public long getDefaultMaxSessionIdleTimeout() {
        return defaultMaxSessionIdleTimeout;
    }

    @Override
    public void setDefaultMaxSessionIdleTimeout(long timeout) {
        this.defaultMaxSessionIdleTimeout = timeout;
    }

    @Override
    public int getDefaultMaxBinaryMessageBufferSize() {
        return defaultMaxBinaryMessageBufferSize;
    }

    @Override
    public void setDefaultMaxBinaryMessageBufferSize(int max) {
        this.defaultMaxBinaryMessageBufferSize = max;
    }

    @Override
    public int getDefaultMaxTextMessageBufferSize() {
        return defaultMaxTextMessageBufferSize;
    }

    @Override
    public void setDefaultMaxTextMessageBufferSize(int max) {
        this.defaultMaxTextMessageBufferSize = max;
    }
}
