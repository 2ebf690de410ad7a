package dev.duplex.pojo;

/**
 * An {@code @OnMessage} method: what it takes and how. Immutable, built at deployment.
 *
 * @param method the method and its parameter resolvers
 * @param payloadType the message type it takes (e.g. String, byte[], PongMessage, int)
 * @param partial true when it takes parts (a {@code boolean last} parameter)
 * @param kind text, binary or pong
 * @param maxMessageSize the annotation's limit, or -1 when not set
 * @param returnsValue true when its non-null return value is sent back
 */
record MessageMethod(EndpointMethod method, Class<?> payloadType, boolean partial, Kind kind, long maxMessageSize,
        boolean returnsValue) {

    /** The native message kinds. */
    enum Kind { TEXT, BINARY, PONG }
}
