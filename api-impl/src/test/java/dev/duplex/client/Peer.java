package dev.duplex.client;

import java.net.URI;

/** A WebSocket server of another implementation, started by a test on 127.0.0.1 and a port chosen by the OS. */
interface Peer extends AutoCloseable {

    /** Which implementation, for messages. */
    String name();

    /** {@code ws://127.0.0.1:port} + {@code pathAndQuery}. */
    URI uri(String pathAndQuery);

    @Override
    void close() throws Exception;
}
