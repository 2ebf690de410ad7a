package dev.duplex.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import jakarta.websocket.ClientEndpointConfig;
import jakarta.websocket.Session;
import java.io.IOException;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** An IPv6 literal URI with a path and query string, against a scripted server on ::1. */
class Ipv6ConnectTest {

    private static boolean ipv6Loopback() {
        try (ServerSocket probe = new ServerSocket()) {
            probe.bind(new InetSocketAddress(InetAddress.getByName("::1"), 0));
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    @Test
    void connectsToAnIpv6Literal() throws Exception {
        assumeTrue(ipv6Loopback(), "no IPv6 loopback on this machine");
        InetAddress v6 = InetAddress.getByName("::1");
        assertTrue(v6 instanceof Inet6Address);
        try (RawServer server = new RawServer(v6, RawServer.switching(""));
                WsClientContainer container = new WsClientContainer()) {
            ClientProbe probe = new ClientProbe();
            Session session = container.connectToServer(probe, ClientEndpointConfig.Builder.create().build(),
                    server.uri("/v6/path?x=1&y=two"));
            assertEquals("ws://[0:0:0:0:0:0:0:1]:" + server.port() + "/v6/path?x=1&y=two",
                    session.getRequestURI().toString());
            String request = server.requests.poll(5, TimeUnit.SECONDS);
            assertTrue(request.startsWith("GET /v6/path?x=1&y=two HTTP/1.1\r\nHost: [0:0:0:0:0:0:0:1]:" + server.port()
                    + "\r\n"), request);
            container.shutdown(100);
        }
    }
}
