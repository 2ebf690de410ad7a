package dev.duplex.client;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/** {@link InteropContract} against Tomcat 11's own WebSocket server. */
class TomcatInteropTest extends InteropContract {

    private static TomcatPeer tomcat;

    @BeforeAll
    static void startTomcat() throws Exception {
        tomcat = new TomcatPeer();
    }

    @AfterAll
    static void stopTomcat() throws Exception {
        tomcat.close();
    }

    @Override
    Peer peer() {
        return tomcat;
    }
}
