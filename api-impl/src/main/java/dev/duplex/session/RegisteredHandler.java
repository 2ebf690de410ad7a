package dev.duplex.session;

import jakarta.websocket.MessageHandler;

/**
 * One registered message handler with what the session needs to call it: its message type and whether it takes
 * parts. Immutable.
 *
 * @param handler the application's handler
 * @param type the message type it takes
 * @param partial true for {@link MessageHandler.Partial}
 * @param kind the native message kind it consumes
 */
record RegisteredHandler(MessageHandler handler, Class<?> type, boolean partial, MessageKind kind) {
}
