package dev.duplex.pojo;

import jakarta.websocket.CloseReason;
import jakarta.websocket.EndpointConfig;
import jakarta.websocket.Session;

/**
 * The values one callback may pass to an annotated method's parameters. Created per call on the session's
 * dispatcher thread; not shared.
 *
 * @param session the session
 * @param config the endpoint configuration (onOpen)
 * @param closeReason the close reason (onClose)
 * @param error the error (onError)
 * @param payload the message (onMessage)
 * @param last whether this is the last part (partial onMessage)
 */
record CallContext(Session session, EndpointConfig config, CloseReason closeReason, Throwable error,
        Object payload, boolean last) {
}
