package dev.duplex.client;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/** {@link InteropContract} against Jetty 12's own Jakarta WebSocket server. */
class JettyInteropTest extends InteropContract {

    private static JettyPeer jetty;

    @BeforeAll
    static void startJetty() throws Exception {
        jetty = new JettyPeer();
    }

    @AfterAll
    static void stopJetty() throws Exception {
        jetty.close();
    }

    @Override
    Peer peer() {
        return jetty;
    }
}
