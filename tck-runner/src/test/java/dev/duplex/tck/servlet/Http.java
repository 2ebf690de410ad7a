package dev.duplex.tck.servlet;

import dev.duplex.tck.support.RecordingListener;

import java.net.CookieManager;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.net.http.WebSocketHandshakeException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

/**
 * A JDK HTTP client with its own cookie store (so an HTTP session carries from a servlet request to the WebSocket
 * handshake, as in a browser) and optional BASIC credentials sent with every request. One per test.
 */
final class Http {

    private final HttpClient client = HttpClient.newBuilder()
            .cookieHandler(new CookieManager())
            .connectTimeout(RecordingListener.TIMEOUT)
            .build();
    private final String authorization;

    private Http(String authorization) {
        this.authorization = authorization;
    }

    static Http anonymous() {
        return new Http(null);
    }

    static Http as(String user, String password) {
        return new Http("Basic " + Base64.getEncoder().encodeToString((user + ":" + password)
                .getBytes(StandardCharsets.UTF_8)));
    }

    /** GET {@code path} of the deployment; the response with its body as text. */
    HttpResponse<String> get(URL base, String path) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(root(base) + path))
                .timeout(RecordingListener.TIMEOUT);
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        return client.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    /** Opens a WebSocket to {@code path}; fails the test with the status if the handshake is refused. */
    WebSocket connect(URL base, String path, RecordingListener listener) throws Exception {
        return builder().buildAsync(URI.create("ws" + root(base).substring(4) + path), listener)
                .get(RecordingListener.TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** The refused handshake's response, or null if the handshake succeeded (the connection is then aborted). */
    HttpResponse<?> refusal(URL base, String path) throws Exception {
        try {
            WebSocket ws = builder().buildAsync(URI.create("ws" + root(base).substring(4) + path),
                    new RecordingListener()).get(RecordingListener.TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
            ws.abort();
            return null;
        } catch (ExecutionException e) {
            if (e.getCause() instanceof WebSocketHandshakeException refused) {
                return refused.getResponse();
            }
            throw e;
        }
    }

    private WebSocket.Builder builder() {
        WebSocket.Builder builder = client.newWebSocketBuilder().connectTimeout(RecordingListener.TIMEOUT);
        if (authorization != null) {
            builder.header("Authorization", authorization);
        }
        return builder;
    }

    private static String root(URL base) {
        String http = base.toExternalForm();
        return http.endsWith("/") ? http.substring(0, http.length() - 1) : http;
    }
}
