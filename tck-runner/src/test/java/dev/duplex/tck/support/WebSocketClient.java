package dev.duplex.tck.support;

import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.net.http.WebSocketHandshakeException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

/** Opens connections with the JDK's {@code java.net.http.WebSocket} to endpoints of a deployed test WAR. */
public final class WebSocketClient {

    private static final HttpClient HTTP = HttpClient.newBuilder()
            .connectTimeout(RecordingListener.TIMEOUT)
            .build();

    private WebSocketClient() {
    }

    /**
     * The {@code ws:} URI of an endpoint path in a deployment.
     *
     * @param base the deployment's {@code @ArquillianResource URL}, for example {@code http://127.0.0.1:41234/echo/}
     * @param path the endpoint path relative to the context root, for example {@code /echo}
     */
    public static URI uri(URL base, String path) {
        String http = base.toExternalForm();
        String root = http.endsWith("/") ? http.substring(0, http.length() - 1) : http;
        return URI.create("ws" + root.substring("http".length()) + path);
    }

    /**
     * Connects, waiting up to {@link RecordingListener#TIMEOUT} for the opening handshake.
     *
     * @throws AssertionError naming the server's status and body if the server refuses the handshake
     */
    public static WebSocket connect(URI uri, RecordingListener listener) throws Exception {
        try {
            return HTTP.newWebSocketBuilder()
                    .connectTimeout(RecordingListener.TIMEOUT)
                    .buildAsync(uri, listener)
                    .get(RecordingListener.TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof WebSocketHandshakeException refused) {
                HttpResponse<?> response = refused.getResponse();
                String body = String.valueOf(response.body());
                throw new AssertionError("Opening handshake to " + uri + " refused: HTTP " + response.statusCode()
                        + " " + response.headers().map() + " "
                        + (body.length() > 300 ? body.substring(0, 300) + "..." : body), refused);
            }
            throw e;
        }
    }

    /** Waits up to {@link RecordingListener#TIMEOUT} for a send to complete. */
    public static WebSocket await(CompletableFuture<WebSocket> send) throws Exception {
        return send.get(RecordingListener.TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
    }
}
