package dev.duplex.tck.handshake;

import dev.duplex.tck.support.DuplexWar;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.net.URL;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** A configurator's {@code checkOrigin} decides the handshake: false refuses it with 403 (RFC 6455 §4.2.2). */
@ExtendWith(ArquillianExtension.class)
class OriginCheckIT {

    @ArquillianResource
    private URL base;

    @Deployment(testable = false)
    static WebArchive deployment() {
        return DuplexWar.create("handshake-origin", OriginEndpoint.class, OriginConfigurator.class);
    }

    /** Javadoc 205, WSC-4.1.5-1: the custom {@code checkOrigin} receives the Origin header and accepts it. */
    @Test
    void allowedOriginIsAccepted() throws Exception {
        try (RawWebSocket ws = RawWebSocket.open(base, "/guarded", "Origin: " + OriginConfigurator.ALLOWED)) {
            assertEquals(101, ws.status(), "headers " + ws.headers());
            assertEquals("welcome", ws.readText());
        }
    }

    /**
     * Javadoc 205, WSC-3.1.4-1 (a failed origin check fails the handshake); RFC 6455 §4.2.2: 403 Forbidden. No
     * connection is established (WSC-3.1.1-4's "not established" by analogy).
     */
    @Test
    void refusedOriginGets403() throws Exception {
        assertEquals(403, Clients.handshakeStatus(base, "/guarded", "Origin: http://evil.example"));
    }

    /** Javadoc 205: a request without Origin passes null to {@code checkOrigin}; this one refuses it (403). */
    @Test
    void missingOriginIsPassedAsNull() throws Exception {
        assertEquals(403, Clients.handshakeStatus(base, "/guarded"));
    }
}
