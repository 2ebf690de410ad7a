package dev.duplex.tck.handshake;

import dev.duplex.tck.support.RecordingListener;
import dev.duplex.tck.support.WebSocketClient;
import dev.duplex.tck.support.WebSocketEvent;
import dev.duplex.tck.support.WebSocketEvent.Close;
import dev.duplex.tck.support.WebSocketEvent.Text;

import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.net.http.WebSocketHandshakeException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

import static dev.duplex.tck.support.WebSocketClient.await;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Small client-side helpers shared by the deployment, path, handshake, configurator and programmatic ITs: plain HTTP
 * GETs to a test WAR's servlets, and JDK WebSocket connections (optionally offering subprotocols) whose first
 * message the endpoint uses to report what it saw. Stateless; called on the test thread.
 */
public final class Clients {

    /** HTTP/1.1 only: the default (HTTP/2) would add {@code Upgrade: h2c} to every plain request. */
    private static final HttpClient HTTP = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(RecordingListener.TIMEOUT)
            .build();

    private Clients() {
    }

    /** GETs {@code path} (relative to the context root, with any query) and returns the response with its body. */
    public static HttpResponse<String> get(URL base, String path, String... headerNamesAndValues) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(http(base, path)).timeout(RecordingListener.TIMEOUT);
        for (int i = 0; i < headerNamesAndValues.length; i += 2) {
            request.header(headerNamesAndValues[i], headerNamesAndValues[i + 1]);
        }
        return HTTP.send(request.GET().build(), HttpResponse.BodyHandlers.ofString());
    }

    /** The body of a GET that must answer 200. */
    public static String getText(URL base, String path) throws Exception {
        HttpResponse<String> response = get(base, path);
        assertEquals(200, response.statusCode(), "GET " + path + ": " + response.body());
        return response.body();
    }

    /** Connects to an endpoint path, offering the given subprotocols (in that order). */
    public static WebSocket connect(URL base, String path, RecordingListener listener, String... subprotocols)
            throws Exception {
        URI uri = WebSocketClient.uri(base, path);
        if (subprotocols.length == 0) {
            return WebSocketClient.connect(uri, listener);
        }
        try {
            return HTTP.newWebSocketBuilder()
                    .connectTimeout(RecordingListener.TIMEOUT)
                    .subprotocols(subprotocols[0], java.util.Arrays.copyOfRange(subprotocols, 1, subprotocols.length))
                    .buildAsync(uri, listener)
                    .get(RecordingListener.TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof WebSocketHandshakeException refused) {
                throw new AssertionError("Opening handshake to " + uri + " refused: HTTP "
                        + refused.getResponse().statusCode(), refused);
            }
            throw e;
        }
    }

    /** Connects, takes the first text message the endpoint sends, closes normally, and returns that message. */
    public static String firstMessage(URL base, String path) throws Exception {
        RecordingListener listener = new RecordingListener();
        WebSocket ws = connect(base, path, listener);
        String text = listener.next(Text.class, "the report of " + path).text();
        closeNormally(ws, listener);
        return text;
    }

    /** Sends a close (1000) and waits for the server's close. */
    public static void closeNormally(WebSocket ws, RecordingListener listener) throws Exception {
        await(ws.sendClose(WebSocket.NORMAL_CLOSURE, ""));
        listener.next(Close.class, "the close reply");
    }

    /** The HTTP status a handshake to {@code path} gets (101 when accepted; the connection is then closed). */
    public static int handshakeStatus(URL base, String path, String... extraHeaders) throws Exception {
        try (RawWebSocket ws = RawWebSocket.open(base, path, extraHeaders)) {
            return ws.status();
        }
    }

    private static URI http(URL base, String path) {
        String root = base.toExternalForm();
        root = root.endsWith("/") ? root.substring(0, root.length() - 1) : root;
        return URI.create(root + path);
    }
}
