package dev.duplex.tck.install;

import dev.duplex.tck.support.DuplexWar;
import dev.duplex.tck.support.RecordingListener;
import dev.duplex.tck.support.WebSocketClient;
import dev.duplex.tck.support.WebSocketEvent.Binary;
import dev.duplex.tck.support.WebSocketEvent.Close;
import dev.duplex.tck.support.WebSocketEvent.Text;
import org.jboss.shrinkwrap.api.exporter.ZipExporter;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.http.WebSocket;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.List;

import static dev.duplex.tck.support.WebSocketClient.await;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A real installation, as a user deploys Duplex: the Apache Tomcat 11 distribution (org.apache.tomcat:tomcat:zip,
 * unpacked by Maven into target/tomcat-dist) with its own WebSocket implementation removed
 * ({@link TomcatInstallation}), started as its own process, and a WAR holding an echo endpoint and Duplex's two jars
 * in WEB-INF/lib dropped into its webapps/. The JDK's WebSocket client (independent of Duplex) checks that Duplex
 * serves the endpoint and echoes, and that stopping Tomcat closes the open session with 1001 (going away).
 * Not an Arquillian test: it drives the installation itself. Runs in the Tomcat pass only.
 */
class TomcatDistributionIT {

    private static final String DIST_PROPERTY = "duplex.tck.tomcat.dist";

    @Test
    void echoWarWithDuplexInWebInfLibRunsOnAnInstalledTomcatWithoutItsWebSocketSupport() throws Exception {
        Path dist = Path.of(System.getProperty(DIST_PROPERTY, "target/tomcat-dist"));
        try (TomcatInstallation tomcat = TomcatInstallation.prepare(dist, dist.resolveSibling("tomcat-install"))) {
            DuplexWar.create("echo", InstalledEchoEndpoint.class).as(ZipExporter.class)
                    .exportTo(tomcat.webapps().resolve("echo.war").toFile(), true);
            try {
                tomcat.start();
                checkEchoAndStop(tomcat);
            } finally {
                // The installation's console output, for the report (target/failsafe-reports/tomcat/*-output.txt).
                System.out.println(String.join("\n", tomcat.output()));
            }
        }
    }

    private static void checkEchoAndStop(TomcatInstallation tomcat) throws Exception {
        URI uri = URI.create("ws://127.0.0.1:" + tomcat.port() + "/echo/echo");
        RecordingListener listener = new RecordingListener();
        WebSocket ws = WebSocketClient.connect(uri, listener);

        await(ws.sendText("implementation?", true));
        assertEquals("dev.duplex.session.WsSession dev.duplex.server.WsServerContainer",
                listener.next(Text.class, "the implementation's class names").text());
        String tomcatJar = System.getProperty(DuplexWar.TOMCAT_INTEGRATION_PROPERTY);
        String transport = tomcatJar == null || tomcatJar.isBlank() ? "dev.duplex.servlet.ServletTransport"
                : "dev.duplex.tomcat.TomcatTransport"; // the WAR carries duplex-tomcat-integration
        java.util.Set<String> seen = new java.util.TreeSet<>();
        for (int i = 0; i < 10; i++) { // inline callbacks name their transport; one on the executor says "none"
            await(ws.sendText("transport?", true));
            seen.add(listener.next(Text.class, "the transport").text());
        }
        assertTrue(seen.contains(transport) && java.util.Set.of(transport, "none").containsAll(seen),
                "expected " + transport + ", saw " + seen);
        await(ws.sendText("hello, installed Tomcat", true));
        assertEquals("hello, installed Tomcat", listener.next(Text.class).text());
        byte[] payload = new byte[1024 * 1024];
        for (int i = 0; i < payload.length; i++) {
            payload[i] = (byte) (i * 7);
        }
        await(ws.sendBinary(ByteBuffer.wrap(payload), true));
        assertArrayEquals(payload, listener.next(Binary.class).bytes());

        long stopping = System.nanoTime();
        int exit = tomcat.stop();
        Close close = listener.next(Close.class, "the close when Tomcat stops");
        assertEquals(1001, close.code(), "close code; reason \"" + close.reason() + "\"");
        long millis = (System.nanoTime() - stopping) / 1_000_000;

        List<String> output = tomcat.output();
        assertTrue(exit == 0 || exit == 143, "exit code " + exit + " (0, or 143 after SIGTERM)");
        assertTrue(millis < 60_000, "stopping took " + millis + " ms");
        assertTrue(output.stream().anyMatch(l -> l.contains("echo.war") && l.contains("has finished")),
                "echo.war deployed:\n" + String.join("\n", output));
        assertEquals(List.of(), output.stream().filter(l -> l.startsWith("SEVERE")).toList(),
                "SEVERE lines in Tomcat's output:\n" + String.join("\n", output));
    }
}
