package dev.duplex.core;

import java.util.Objects;
import java.util.concurrent.Executor;
import java.util.concurrent.ScheduledExecutorService;
import java.util.function.IntSupplier;

/**
 * How one connection behaves: its side, limits and timeouts, and the shared threads it uses. Immutable; built with
 * {@link #builder}. Every default here is listed in the configuration reference (docs/configuration.md).
 */
public final class ConnectionConfig {

    /** Default bound on bytes queued for sending per connection (DESIGN.md §3 rule 4). */
    public static final long DEFAULT_OUTBOUND_LIMIT = 1024 * 1024;
    /** Default bytes of received messages waiting for the application before reading pauses. */
    public static final long DEFAULT_INBOUND_LIMIT = 256 * 1024;
    /** Default time to wait for the peer's close frame, and for the TCP close after it. */
    public static final long DEFAULT_CLOSE_TIMEOUT_MILLIS = 5_000;

    final boolean client;
    final String id;
    final Executor executor;
    final ScheduledExecutorService scheduler;
    final ClassLoader classLoader;
    final IntSupplier maskKeys;
    final long outboundLimit;
    final long inboundLimit;
    final long closeTimeoutMillis;
    final long maxFramePayload;
    final boolean inlineDispatch;

    private ConnectionConfig(Builder b) {
        this.client = b.client;
        this.id = b.id;
        this.executor = Objects.requireNonNull(b.executor, "executor");
        this.scheduler = Objects.requireNonNull(b.scheduler, "scheduler");
        this.classLoader = b.classLoader;
        this.maskKeys = b.client ? Objects.requireNonNull(b.maskKeys, "maskKeys (client side)") : null;
        this.outboundLimit = b.outboundLimit;
        this.inboundLimit = b.inboundLimit;
        this.closeTimeoutMillis = b.closeTimeoutMillis;
        this.maxFramePayload = b.maxFramePayload;
        this.inlineDispatch = b.inlineDispatch;
    }

    public static Builder builder() {
        return new Builder();
    }

    public String id() {
        return id;
    }

    public boolean isClient() {
        return client;
    }

    public long outboundLimit() {
        return outboundLimit;
    }

    public boolean inlineDispatch() {
        return inlineDispatch;
    }

    /** Collects the settings; not thread-safe. */
    public static final class Builder {
        private boolean client;
        private String id = "?";
        private Executor executor;
        private ScheduledExecutorService scheduler;
        private ClassLoader classLoader;
        private IntSupplier maskKeys;
        private long outboundLimit = DEFAULT_OUTBOUND_LIMIT;
        private long inboundLimit = DEFAULT_INBOUND_LIMIT;
        private long closeTimeoutMillis = DEFAULT_CLOSE_TIMEOUT_MILLIS;
        private long maxFramePayload = Long.MAX_VALUE;
        private boolean inlineDispatch;

        /** Client side: frames sent are masked with keys from {@code maskKeys}; received frames must be unmasked. */
        public Builder client(IntSupplier maskKeys) {
            this.client = true;
            this.maskKeys = maskKeys;
            return this;
        }

        /**
         * The id that log lines and error messages name, for a configuration used by one connection; a configuration
         * shared by many connections leaves it out and each connection is given its own id.
         */
        public Builder id(String id) {
            this.id = id;
            return this;
        }

        /** The shared pool that runs application callbacks (one at a time per connection). */
        public Builder executor(Executor executor) {
            this.executor = executor;
            return this;
        }

        /** The shared timer thread for close and idle timeouts. */
        public Builder scheduler(ScheduledExecutorService scheduler) {
            this.scheduler = scheduler;
            return this;
        }

        /** Set as the context class loader around application callbacks. */
        public Builder classLoader(ClassLoader classLoader) {
            this.classLoader = classLoader;
            return this;
        }

        public Builder outboundLimit(long bytes) {
            this.outboundLimit = positive(bytes, "outbound limit");
            return this;
        }

        public Builder inboundLimit(long bytes) {
            this.inboundLimit = positive(bytes, "inbound limit");
            return this;
        }

        public Builder closeTimeoutMillis(long millis) {
            this.closeTimeoutMillis = positive(millis, "close timeout");
            return this;
        }

        /** Largest declared data frame payload accepted (1009 above it); messages have their own limits. */
        public Builder maxFramePayload(long bytes) {
            this.maxFramePayload = positive(bytes, "max frame payload");
            return this;
        }

        /**
         * Inline dispatch: whole messages, parts and pongs are delivered on the transport's reading thread when
         * nothing of the connection is queued (no thread hop); otherwise, and always for streams, {@code onOpen},
         * {@code onClose} and {@code onError}, on the executor.
         */
        public Builder inlineDispatch(boolean inline) {
            this.inlineDispatch = inline;
            return this;
        }

        public ConnectionConfig build() {
            return new ConnectionConfig(this);
        }

        private static long positive(long value, String what) {
            if (value <= 0) {
                throw new IllegalArgumentException(what + " must be positive, was " + value);
            }
            return value;
        }
    }
}
