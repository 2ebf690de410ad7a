package dev.duplex.samples;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.time.Duration;

import static dev.duplex.samples.JdkSocket.HTTP;
import static dev.duplex.samples.JdkSocket.TIMEOUT_SECONDS;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Starts the samples as {@code java -jar} would (through {@link SamplesMain#start}, on 127.0.0.1 and a port the
 * system chooses) and uses them as a browser would: the pages over HTTP, the echo endpoints with the JDK's
 * WebSocket client. ({@code SamplesShutdownTest} stops them as Ctrl-C would.)
 */
class SamplesMainTest {

    private static SamplesServer server;

    @BeforeAll
    static void start() throws Exception {
        server = SamplesMain.start("--port", "0", "--host", "127.0.0.1");
    }

    @AfterAll
    static void stop() {
        if (server != null) {
            server.close();
        }
    }

    @Test
    void choosesAFreePortWhenAskedForPortZero() {
        assertTrue(server.port() > 0, "port " + server.port());
        assertEquals("ws://127.0.0.1:" + server.port() + "/echo", server.wsUrl("/echo"));
    }

    @Test
    void printsEverySampleAddress() {
        String banner = SamplesMain.banner(server);
        assertTrue(banner.startsWith("Duplex samples: " + server.httpUrl() + " "), banner);
        for (String address : new String[] {"chat.html", "ticker.html", "echo.html"}) {
            assertTrue(banner.contains(server.httpUrl(address)), banner);
        }
        for (String path : new String[] {"/chat", "/ticker", "/greeter", "/echo", "/echo-64k"}) {
            assertTrue(banner.contains(server.wsUrl(path)), banner);
        }
    }

    @Test
    void helpAndBadOptions() throws Exception {
        assertNull(SamplesMain.start("--help"));
        assertThrows(IllegalArgumentException.class, () -> SamplesMain.start("--port", "70000"));
        assertThrows(IllegalArgumentException.class, () -> SamplesMain.start("--colour"));
    }

    @Test
    void servesTheSamplesPages() throws Exception {
        assertPage("", "<title>Duplex samples</title>", "href=\"chat.html\"");
        assertPage("echo.html", "<title>Duplex echo</title>", "new WebSocket(url)");
        assertPage("chat.html", "<title>Duplex chat</title>", "'/chat'");
        assertPage("ticker.html", "<title>Duplex live ticker</title>", "'/ticker'");
        HttpResponse<String> css = get("samples.css");
        assertEquals(200, css.statusCode());
        assertTrue(css.headers().firstValue("Content-Type").orElse("").startsWith("text/css"),
                css.headers().toString());
    }

    @Test
    void echoEchoesTextAndBinary() throws Exception {
        try (JdkSocket ws = JdkSocket.connect(server.wsUrl("/echo"))) {
            ws.send("hello, Duplex");
            assertEquals("hello, Duplex", ws.nextText());

            byte[] bytes = pattern(300_000);
            ws.send(ByteBuffer.wrap(bytes));
            assertArrayEquals(bytes, assertInstanceOf(byte[].class, ws.next()));

            assertEquals(1000, ws.closeNormally().code());
        }
    }

    @Test
    void echo64kEchoesAMessageOfExactly64KiB() throws Exception {
        try (JdkSocket ws = JdkSocket.connect(server.wsUrl("/echo-64k"))) {
            String text = "x".repeat(64 * 1024);
            ws.send(text);
            assertEquals(text, ws.nextText());

            byte[] bytes = pattern(64 * 1024);
            ws.send(ByteBuffer.wrap(bytes));
            assertArrayEquals(bytes, assertInstanceOf(byte[].class, ws.next()));

            assertEquals(1000, ws.closeNormally().code());
        }
    }

    @Test
    void echo64kClosesA65KiBTextMessageWith1009() throws Exception {
        try (JdkSocket ws = JdkSocket.connect(server.wsUrl("/echo-64k"))) {
            ws.send("x".repeat(65 * 1024));
            assertEquals(1009, ws.nextClose().code());
        }
    }

    @Test
    void echo64kClosesA65KiBBinaryMessageWith1009() throws Exception {
        try (JdkSocket ws = JdkSocket.connect(server.wsUrl("/echo-64k"))) {
            ws.send(ByteBuffer.wrap(pattern(65 * 1024)));
            assertEquals(1009, ws.nextClose().code());
        }
    }

    private static void assertPage(String page, String... expected) throws Exception {
        HttpResponse<String> response = get(page);
        assertEquals(200, response.statusCode(), page);
        assertTrue(response.headers().firstValue("Content-Type").orElse("").startsWith("text/html"),
                response.headers().toString());
        for (String text : expected) {
            assertTrue(response.body().contains(text), () -> page + " lacks " + text + ":\n" + response.body());
        }
    }

    private static HttpResponse<String> get(String page) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create(server.httpUrl(page)))
                .timeout(Duration.ofSeconds(TIMEOUT_SECONDS)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static byte[] pattern(int size) {
        byte[] bytes = new byte[size];
        for (int i = 0; i < size; i++) {
            bytes[i] = (byte) (i * 31 + 7);
        }
        return bytes;
    }
}
