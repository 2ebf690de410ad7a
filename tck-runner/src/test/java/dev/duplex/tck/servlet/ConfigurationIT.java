package dev.duplex.tck.servlet;

import dev.duplex.tck.support.DuplexWar;
import dev.duplex.tck.support.RecordingListener;
import dev.duplex.tck.support.WebSocketClient;
import dev.duplex.tck.support.WebSocketEvent.Close;
import dev.duplex.tck.support.WebSocketEvent.Text;
import org.jboss.arquillian.container.test.api.Deployer;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.OperateOnDeployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.asset.StringAsset;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

import static dev.duplex.tck.support.WebSocketClient.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Every container-wide default of docs/configuration.md is set by its servlet context init parameter
 * ({@code <context-param>} in web.xml) and takes effect: message size limits, idle timeout, send timeout, outbound
 * budget ({@code duplex.outboundOverflow} is covered by {@code dev.duplex.tck.flow.SlowReaderIT}). A JVM system
 * property of the same name applies when the parameter is absent, and the parameter wins over it; a malformed value
 * fails the deployment with a message naming the key and the value.
 */
@ExtendWith(ArquillianExtension.class)
class ConfigurationIT {

    private static final Map<String, String> PARAMS = Map.of(
            "duplex.maxTextMessageBytes", "1000",
            "duplex.maxBinaryMessageBytes", "2000",
            "duplex.maxIdleTimeoutMillis", "3000",
            "duplex.sendTimeoutMillis", "1234",
            "duplex.outboundLimitBytes", "65536");

    @ArquillianResource
    private Deployer deployer;

    @ArquillianResource
    @OperateOnDeployment("params")
    private URL base;

    @Deployment(name = "params", testable = false)
    static WebArchive params() {
        return war("servlet-config", PARAMS);
    }

    @Deployment(name = "sysprop", managed = false, testable = false)
    static WebArchive sysprop() {
        return war("servlet-config-sysprop", Map.of());
    }

    @Deployment(name = "both", managed = false, testable = false)
    static WebArchive both() {
        return war("servlet-config-both", Map.of("duplex.maxTextMessageBytes", "1000"));
    }

    @Deployment(name = "bad-number", managed = false, testable = false)
    static WebArchive badNumber() {
        return war("servlet-config-bad-number", Map.of("duplex.maxTextMessageBytes", "lots"));
    }

    @Deployment(name = "dispatch-executor", managed = false, testable = false)
    static WebArchive dispatchExecutor() {
        return war("servlet-config-dispatch-executor", Map.of("duplex.dispatch", "executor"));
    }

    @Deployment(name = "dispatch-inline", managed = false, testable = false)
    static WebArchive dispatchInline() {
        return war("servlet-config-dispatch-inline", Map.of("duplex.dispatch", "inline"));
    }

    @Deployment(name = "bad-dispatch", managed = false, testable = false)
    static WebArchive badDispatch() {
        return war("servlet-config-bad-dispatch", Map.of("duplex.dispatch", "sometimes"));
    }

    @Deployment(name = "bad-policy", managed = false, testable = false)
    static WebArchive badPolicy() {
        return war("servlet-config-bad-policy", Map.of("duplex.outboundOverflow", "sometimes"));
    }

    /** Each key shows in the new session's settings and in the container's defaults. */
    @Test
    void everyContainerWideDefaultComesFromItsContextParameter() throws Exception {
        assertEquals("text=1000 binary=2000 idle=3000 send=1234 | text=1000 binary=2000 idle=3000 send=1234",
                settings(base));
    }

    /** duplex.maxTextMessageBytes=1000: 1000 bytes pass, 1001 close the session with 1009 naming the limit. */
    @Test
    void textLimitFromTheContextParameterIsEnforced() throws Exception {
        RecordingListener listener = new RecordingListener();
        WebSocket ws = open(base, listener);
        await(ws.sendText("a".repeat(1000), true));
        assertEquals("text:1000", listener.next(Text.class).text());
        await(ws.sendText("a".repeat(1001), true));
        Close close = listener.next(Close.class, "the close for 1001 bytes");
        assertEquals(1009, close.code(), "close code; reason " + close.reason());
        assertTrue(close.reason().contains("1000"), "reason names the limit: " + close.reason());
    }

    /** duplex.maxBinaryMessageBytes=2000: 2000 bytes pass, 2001 close the session with 1009. */
    @Test
    void binaryLimitFromTheContextParameterIsEnforced() throws Exception {
        RecordingListener listener = new RecordingListener();
        WebSocket ws = open(base, listener);
        await(ws.sendBinary(ByteBuffer.allocate(2000), true));
        assertEquals("binary:2000", listener.next(Text.class).text());
        await(ws.sendBinary(ByteBuffer.allocate(2001), true));
        Close close = listener.next(Close.class, "the close for 2001 bytes");
        assertEquals(1009, close.code(), "close code; reason " + close.reason());
        assertTrue(close.reason().contains("2000"), "reason names the limit: " + close.reason());
    }

    /** duplex.maxIdleTimeoutMillis=3000: a quiet session is closed, not before 3 s. */
    @Test
    void idleTimeoutFromTheContextParameterClosesQuietSessions() throws Exception {
        RecordingListener listener = new RecordingListener();
        long start = System.nanoTime();
        open(base, listener);
        Close close = listener.next(Close.class, "the idle close");
        long millis = (System.nanoTime() - start) / 1_000_000;
        assertTrue(millis >= 2_900, "closed after " + millis + " ms; reason " + close.reason());
        assertTrue(close.reason().contains("idle"), "reason: " + close.code() + " " + close.reason());
    }

    /**
     * duplex.outboundLimitBytes=65536: async sends to a client that does not read fail once 64 KiB wait in the
     * session's queue, with an IOException naming that limit.
     */
    @Test
    void outboundLimitFromTheContextParameterBoundsTheQueue() throws Exception {
        String token = UUID.randomUUID().toString();
        CompletableFuture<Integer> closed = new CompletableFuture<>();
        WebSocket stalled = HttpClient.newHttpClient().newWebSocketBuilder()
                .buildAsync(WebSocketClient.uri(base, "/settings/flood?token=" + token), new WebSocket.Listener() {
                    @Override
                    public void onOpen(WebSocket ws) {
                        // no request(): the JDK client reads nothing, so TCP pushes back on the server
                    }

                    @Override
                    public CompletionStage<?> onClose(WebSocket ws, int code, String reason) {
                        closed.complete(code);
                        return null;
                    }
                }).get(30, TimeUnit.SECONDS);
        try {
            RecordingListener listener = new RecordingListener();
            WebSocket control = open(base, listener);
            await(control.sendText("flood-result " + token, true));
            String result = listener.next(Text.class, "the flood's result").text();
            assertTrue(result.contains("java.io.IOException") && result.contains("outbound limit 65536 bytes"),
                    "the first failed send: " + result);
        } finally {
            // Read the backlog and close normally: a client that vanishes while the server still has bytes to
            // write sends embedded Undertow 2.3.26 into an endless loop on its I/O thread (see the report).
            stalled.request(Long.MAX_VALUE);
            await(stalled.sendClose(WebSocket.NORMAL_CLOSURE, ""));
            assertEquals(WebSocket.NORMAL_CLOSURE, closed.get(30, TimeUnit.SECONDS), "close reply");
        }
    }

    /**
     * A system property applies when no context parameter sets the key, and the context parameter wins over it
     * (docs/configuration.md: context init parameter, then system property, then default).
     */
    @Test
    void systemPropertyAppliesWithoutContextParameterAndContextParameterWins() throws Exception {
        System.setProperty("duplex.maxTextMessageBytes", "3000");
        System.setProperty("duplex.sendTimeoutMillis", "4321");
        try {
            deployer.deploy("sysprop");
            deployer.deploy("both");
        } finally {
            System.clearProperty("duplex.maxTextMessageBytes");
            System.clearProperty("duplex.sendTimeoutMillis");
        }
        try {
            assertTrue(settings(other("servlet-config-sysprop")).startsWith("text=3000 binary=1048576 idle=0"
                    + " send=4321 "), "settings from system properties: " + settings(other("servlet-config-sysprop")));
            assertTrue(settings(other("servlet-config-both")).startsWith("text=1000 binary=1048576 idle=0 send=4321 "),
                    "context parameter over system property: " + settings(other("servlet-config-both")));
        } finally {
            deployer.undeploy("sysprop");
            deployer.undeploy("both");
        }
    }

    /**
     * duplex.dispatch: {@code executor} runs message callbacks on Duplex's executor (not below the reading code),
     * {@code inline} on the container's thread that read the message; the default is inline except on Undertow,
     * whose reading threads are its few shared I/O threads (docs/configuration.md).
     */
    @Test
    void dispatchKeyDecidesWhereMessageCallbacksRun() throws Exception {
        deployer.deploy("dispatch-executor");
        deployer.deploy("dispatch-inline");
        try {
            assertEquals(List.of("thread duplex=true"), threadsOf(other("servlet-config-dispatch-executor")));
            assertTrue(threadsOf(other("servlet-config-dispatch-inline")).contains("thread duplex=false"));
            boolean undertow = "undertow".equals(System.getProperty("duplex.tck.container"));
            assertTrue(threadsOf(base).contains("thread duplex=" + undertow),
                    "the default: " + (undertow ? "executor" : "inline"));
        } finally {
            deployer.undeploy("dispatch-executor");
            deployer.undeploy("dispatch-inline");
        }
    }

    /**
     * Which transport carries the connections of this pass, seen from inline callbacks: on the tomcat pass, whose
     * WARs carry duplex-tomcat-integration, Tomcat drives Duplex's own upgrade handler (TomcatTransport); on the
     * undertow pass, whose WARs carry duplex-undertow-integration, Duplex reads Undertow's upgraded connection
     * (UndertowTransport); on the portable passes, the servlet non-blocking streams (ServletTransport). Undertow
     * dispatches to the executor by default, so there the check uses the deployment with inline dispatch. Jetty's
     * adapter reads in its connection class.
     */
    @Test
    void theTransportIsTheOneThisPassShipsFor() throws Exception {
        String container = System.getProperty("duplex.tck.container");
        boolean tomcat = "tomcat".equals(container);
        org.junit.jupiter.api.Assumptions.assumeTrue(tomcat || "undertow".equals(container),
                "a check of the Tomcat and Undertow passes");
        boolean direct = DuplexWar.isSet(tomcat ? DuplexWar.TOMCAT_INTEGRATION_PROPERTY
                : DuplexWar.UNDERTOW_INTEGRATION_PROPERTY);
        String expected = "transport [dev.duplex." + (!direct ? "servlet.ServletTransport"
                : tomcat ? "tomcat.TomcatTransport" : "undertow.UndertowTransport") + "]";
        if (!tomcat) {
            deployer.deploy("dispatch-inline");
        }
        try {
            RecordingListener listener = new RecordingListener();
            WebSocket ws = open(tomcat ? base : other("servlet-config-dispatch-inline"), listener);
            java.util.Set<String> seen = new java.util.TreeSet<>();
            for (int i = 0; i < 20; i++) {
                await(ws.sendText("transport", true));
                seen.add(listener.next(Text.class, "transport of callback " + i).text());
            }
            ws.abort();
            assertTrue(seen.contains(expected), "expected " + expected + " at least once (inline), saw " + seen);
            assertTrue(java.util.Set.of(expected, "transport []").containsAll(seen),
                    "only " + expected + " or an executor thread (no transport), saw " + seen);
        } finally {
            if (!tomcat) {
                deployer.undeploy("dispatch-inline");
            }
        }
    }

    /**
     * Where 20 callbacks in a row ran, as the distinct answers. Inline dispatch runs a message on the reading
     * thread only when the session has nothing else queued or running: a message read while the previous
     * callback is still finishing (onOpen's, say) goes to the executor, in order. So inline mode shows at least
     * one {@code duplex=false}, executor mode none.
     */
    private static List<String> threadsOf(URL url) throws Exception {
        RecordingListener listener = new RecordingListener();
        WebSocket ws = open(url, listener);
        java.util.Set<String> seen = new java.util.TreeSet<>();
        for (int i = 0; i < 20; i++) {
            await(ws.sendText("thread", true));
            seen.add(listener.next(Text.class, "where callback " + i + " ran").text());
        }
        ws.abort();
        return List.copyOf(seen);
    }

    /** A malformed value fails the deployment; the reason names the key and the value. */
    @ParameterizedTest
    @ValueSource(strings = {"bad-number:duplex.maxTextMessageBytes:lots",
        "bad-policy:duplex.outboundOverflow:sometimes", "bad-dispatch:duplex.dispatch:sometimes"})
    void malformedValueFailsTheDeploymentNamingKeyAndValue(String testCase) {
        String[] c = testCase.split(":");
        List<String> messages = new CopyOnWriteArrayList<>();
        Handler capture = new Handler() {
            @Override
            public void publish(LogRecord record) {
                for (Throwable t = record.getThrown(); t != null; t = t.getCause()) {
                    messages.add(String.valueOf(t.getMessage()));
                }
            }

            @Override
            public void flush() {
            }

            @Override
            public void close() {
            }
        };
        Logger root = Logger.getLogger("");
        root.addHandler(capture);
        try {
            assertThrows(Exception.class, () -> deployer.deploy(c[0]), "deployment of " + c[0]);
        } finally {
            root.removeHandler(capture);
            try {
                deployer.undeploy(c[0]);
            } catch (RuntimeException ignored) {
                // Arquillian may consider a failed deployment as never deployed.
            }
        }
        assertTrue(messages.stream().anyMatch(m -> m.contains(c[1]) && m.contains(c[2])),
                "a logged failure names " + c[1] + " and '" + c[2] + "': " + messages);
    }

    private static WebArchive war(String name, Map<String, String> params) {
        StringBuilder xml = new StringBuilder(
                "<web-app xmlns=\"https://jakarta.ee/xml/ns/jakartaee\" version=\"6.0\">\n");
        params.forEach((k, v) -> xml.append("  <context-param><param-name>").append(k)
                .append("</param-name><param-value>").append(v).append("</param-value></context-param>\n"));
        xml.append("</web-app>\n");
        return DuplexWar.create(name, SettingsEndpoint.class, FloodSelfEndpoint.class)
                .setWebXML(new StringAsset(xml.toString()));
    }

    private URL other(String context) throws Exception {
        return URI.create(base.getProtocol() + "://" + base.getHost() + ":" + base.getPort() + "/" + context + "/")
                .toURL();
    }

    private static WebSocket open(URL deployment, RecordingListener listener) throws Exception {
        WebSocket ws = WebSocketClient.connect(WebSocketClient.uri(deployment, "/settings"), listener);
        listener.next(Text.class, "the settings report");
        return ws;
    }

    private static String settings(URL deployment) throws Exception {
        RecordingListener listener = new RecordingListener();
        WebSocket ws = WebSocketClient.connect(WebSocketClient.uri(deployment, "/settings"), listener);
        String report = listener.next(Text.class, "the settings report").text();
        ws.abort();
        return report;
    }
}
