package dev.duplex.benchmarks.dispatch;

import dev.duplex.server.EndpointRegistry;
import dev.duplex.server.HandshakeOutcome;
import dev.duplex.server.WsServerContainer;
import jakarta.websocket.DeploymentException;
import jakarta.websocket.Session;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.Arrays;

/**
 * One open server session of {@link EchoEndpoint} on a {@link MemoryTransport}, reached the way a servlet container
 * reaches it: a {@link WsServerContainer} deploys the endpoint, matches the path, decides the handshake, and the
 * accepted outcome's pending session is opened on the transport (as {@code DuplexUpgradeHandler.init} does).
 *
 * <p>Threads: built, used and closed on one benchmark thread, which plays the container's I/O thread; the endpoint
 * runs wherever the container dispatches it.
 */
final class EchoConnection {

    private final WsServerContainer container;
    private final MemoryTransport transport = new MemoryTransport();
    private final Session session;

    EchoConnection(String dispatchMode) throws DeploymentException {
        container = new WsServerContainer("dispatch-bench", EchoConnection.class.getClassLoader());
        DispatchMode.apply(container, dispatchMode);
        container.addEndpoint(EchoEndpoint.class);
        EndpointRegistry.Match match = container.match(EchoEndpoint.PATH);
        EchoFrames.check(match != null, EchoEndpoint.PATH + " is deployed");
        HandshakeOutcome outcome = container.handshake(match, new LocalHandshake(EchoEndpoint.PATH));
        EchoFrames.check(outcome.accepted(), "handshake accepted (got " + outcome.status() + " "
                + outcome.message() + ")");
        session = outcome.pending().open(transport);
    }

    /**
     * Feeds the frames of {@code frames.input} as one read (from its start: the buffer is rewound) and returns once
     * their echoes were written: the measured operation.
     */
    long roundTrip(EchoFrames frames) {
        long target = transport.written() + frames.echoBytes();
        transport.read(frames.input.clear());
        transport.awaitWritten(target);
        return target;
    }

    /**
     * Checks, before any timing, that two feeds of the same buffer come back as the expected frames, byte for byte
     * (the first also waits for {@code onOpen}, which runs before the first message).
     */
    void verify(EchoFrames frames) {
        ByteArrayOutputStream sink = new ByteArrayOutputStream();
        transport.capture(sink);
        roundTrip(frames);
        EchoFrames.check(Arrays.equals(sink.toByteArray(), frames.firstEcho), "first echo of " + frames.count
                + " frame(s) of " + frames.payloadLength + " bytes is byte-exact");
        sink.reset();
        roundTrip(frames);
        EchoFrames.check(Arrays.equals(sink.toByteArray(), frames.secondEcho), "echo of the re-fed buffer");
        transport.capture(null);
    }

    /** Closes the session (close handshake left unanswered) and stops the container's threads. */
    void close() throws IOException {
        session.close();
        container.shutdown(1_000);
    }
}
