package dev.duplex.servlet;

import dev.duplex.server.WsServerContainer;
import jakarta.servlet.ServletContext;
import java.util.function.LongConsumer;

/**
 * Applies container-wide settings at deployment: a servlet context init parameter wins over a system property of
 * the same name, which wins over the container's default. Every key is listed in docs/configuration.md.
 */
final class ContainerSettings {

    static final String MAX_TEXT = "duplex.maxTextMessageBytes";
    static final String MAX_BINARY = "duplex.maxBinaryMessageBytes";
    static final String IDLE_TIMEOUT = "duplex.maxIdleTimeoutMillis";
    static final String SEND_TIMEOUT = "duplex.sendTimeoutMillis";
    static final String OUTBOUND_LIMIT = "duplex.outboundLimitBytes";
    static final String OUTBOUND_OVERFLOW = "duplex.outboundOverflow";
    static final String ALLOWED_ORIGINS = "duplex.allowedOrigins";
    static final String DISPATCH = "duplex.dispatch";

    private ContainerSettings() {
    }

    /** Reads every key; an unparsable or out-of-range value is an IllegalArgumentException naming key and value. */
    static void apply(ServletContext context, WsServerContainer c) {
        set(context, MAX_TEXT, 1, Integer.MAX_VALUE, v -> c.setDefaultMaxTextMessageBufferSize((int) v));
        set(context, MAX_BINARY, 1, Integer.MAX_VALUE, v -> c.setDefaultMaxBinaryMessageBufferSize((int) v));
        set(context, IDLE_TIMEOUT, Long.MIN_VALUE, Long.MAX_VALUE, c::setDefaultMaxSessionIdleTimeout);
        set(context, SEND_TIMEOUT, Long.MIN_VALUE, Long.MAX_VALUE, c::setAsyncSendTimeout);
        set(context, OUTBOUND_LIMIT, 1, Long.MAX_VALUE, c::setOutboundLimit);
        applyOrigins(context, c);
        String dispatch = value(context, DISPATCH);
        switch (dispatch == null ? defaultDispatch(context) : dispatch.trim()) {
            case "inline" -> c.setInlineDispatch(true);
            case "executor" -> c.setInlineDispatch(false);
            default -> throw new IllegalArgumentException(DISPATCH + "='" + dispatch
                    + "' must be 'inline' or 'executor'");
        }
        String overflow = value(context, OUTBOUND_OVERFLOW);
        if (overflow != null) {
            switch (overflow.trim()) {
                case "fail" -> c.setCloseOnOverflow(false);
                case "close" -> c.setCloseOnOverflow(true);
                default -> throw new IllegalArgumentException(OUTBOUND_OVERFLOW + "='" + overflow
                        + "' must be 'fail' or 'close'");
            }
        }
    }

    /**
     * Where message callbacks run when the application does not say (docs/configuration.md, key duplex.dispatch):
     * inline on the container's thread that read the message, which saves a thread hand-off per message, where
     * that thread comes from a worker pool (Tomcat, Jetty); on Duplex's executor where it is one of the few I/O
     * threads that serve all connections (Undertow): a callback that blocks there, waiting for another session's
     * event say, would stall every connection of that thread, its own awaited event included.
     */
    static String defaultDispatch(ServletContext context) {
        return context.getClass().getName().startsWith("io.undertow.") ? "executor" : "inline";
    }

    /** Comma-separated origins; "*" or empty accepts every origin. */
    static void applyOrigins(ServletContext context, WsServerContainer c) {
        String origins = value(context, ALLOWED_ORIGINS);
        if (origins == null || origins.trim().equals("*")) {
            return;
        }
        java.util.Set<String> set = new java.util.HashSet<>();
        for (String o : origins.split(",")) {
            if (!o.isBlank()) {
                set.add(o.trim());
            }
        }
        c.setAllowedOrigins(set);
    }

    private static String value(ServletContext context, String key) {
        String value = context.getInitParameter(key);
        return value != null ? value : System.getProperty(key);
    }

    private static void set(ServletContext context, String key, long min, long max, LongConsumer setter) {
        String value = context.getInitParameter(key);
        String source = "context init parameter";
        if (value == null) {
            value = System.getProperty(key);
            source = "system property";
        }
        if (value == null) {
            return;
        }
        long parsed;
        try {
            parsed = Long.parseLong(value.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(source + " " + key + "='" + value + "' is not a whole number", e);
        }
        if (parsed < min || parsed > max) {
            throw new IllegalArgumentException(source + " " + key + "=" + value + " is out of range [" + min + ", "
                    + max + "]");
        }
        setter.accept(parsed);
    }
}
