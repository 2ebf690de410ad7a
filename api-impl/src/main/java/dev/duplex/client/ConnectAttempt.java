package dev.duplex.client;

import dev.duplex.transport.WriteCallback;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.InetSocketAddress;
import java.net.SocketTimeoutException;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.SocketChannel;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import javax.net.ssl.SSLEngine;

/**
 * One connect, from the TCP connect to the server's handshake response, driven by events on a client I/O thread;
 * the thread that called {@code connectToServer} waits in {@link #run} with the connect timeout.
 *
 * <pre>
 *   CONNECT --(proxy?)--> PROXY: CONNECT host:port, 2xx --(wss?)--> TLS handshake --> UPGRADE: GET ..., response head
 *      any failure or the timeout --> the channel is closed and run() throws a message naming the URI and the step
 * </pre>
 *
 * <p>Threads: {@link #run} on the connecting thread (it blocks, bounded by the timeout); every step on the loop
 * thread; write completions on the callback pool. The result is handed over once, through a future.
 */
final class ConnectAttempt {

    /** The server's response head, with the transport paused just after it (bytes beyond it kept for later). */
    record Response(SocketTransport transport, int status, String reason, Map<String, List<String>> headers) {
    }

    /** What the attempt is doing, for messages. */
    enum Phase {
        CONNECT("connecting"),
        PROXY("waiting for the proxy to open a tunnel"),
        TLS("in the TLS handshake"),
        UPGRADE("waiting for the server's handshake response");

        final String doing;

        Phase(String doing) {
            this.doing = doing;
        }
    }

    private static final int MAX_HEAD_BYTES = 32 * 1024;
    private static final long FORCED_CLOSE_MILLIS = 5_000;

    private final ClientThreads threads;
    private final SelectorLoop loop;
    private final ConnectTarget target;
    private final ProxyRoute proxy;
    private final SSLEngine engine;
    private final ByteBuffer request;
    private final ByteBuffer proxyRequest;
    private final CompletableFuture<Response> result = new CompletableFuture<>();
    private volatile Phase phase = Phase.CONNECT;
    private volatile TcpConnect connect;
    private volatile SocketTransport transport;

    /**
     * @param proxy the proxy to tunnel through, or null
     * @param engine the TLS engine for wss, or null
     * @param request the upgrade request head
     * @param proxyRequest the CONNECT request head when there is a proxy, else null
     */
    ConnectAttempt(ClientThreads threads, ConnectTarget target, ProxyRoute proxy, SSLEngine engine,
            ByteBuffer request, ByteBuffer proxyRequest) {
        this.threads = threads;
        this.loop = threads.nextLoop();
        this.target = target;
        this.proxy = proxy;
        this.engine = engine;
        this.request = request;
        this.proxyRequest = proxyRequest;
    }

    /** Connects to {@code address} (the server, or the proxy) and waits for the handshake response. */
    Response run(InetSocketAddress address, long timeoutMillis) throws IOException {
        connect = TcpConnect.start(loop, address, new TcpConnect.Outcome() {
            @Override
            public void connected(SocketChannel channel, SelectionKey key) {
                onConnected(channel, key);
            }

            @Override
            public void failed(IOException failure) {
                fail(failure);
            }
        });
        try {
            return result.get(timeoutMillis, TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            SocketTimeoutException timeout = new SocketTimeoutException("cannot connect to " + target.uri()
                    + ": the opening handshake did not complete within " + timeoutMillis + " ms (still "
                    + phase.doing + "; the limit is user property " + ClientProperties.CONNECT_TIMEOUT_MILLIS + ")");
            if (!abandon(timeout)) {
                return outcome();   // it completed just now
            }
            throw timeout;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            abandon(new InterruptedIOException("interrupted while connecting to " + target.uri()));
            throw new InterruptedIOException("interrupted while connecting to " + target.uri());
        } catch (ExecutionException e) {
            throw (IOException) e.getCause();
        }
    }

    private Response outcome() throws IOException {
        try {
            return result.join();
        } catch (CompletionException e) {
            throw (IOException) e.getCause();
        }
    }

    // ---------------------------------------------------------------- steps, on the loop thread

    private void onConnected(SocketChannel channel, SelectionKey key) {
        SocketTransport t = new SocketTransport(loop, channel, key, loop.callbacks(), threads.timer(),
                FORCED_CLOSE_MILLIS, target.authority());
        transport = t;
        if (result.isDone()) {
            t.abort();   // the caller gave up while we connected
            return;
        }
        if (proxy != null) {
            openTunnel(t);
        } else {
            secure(t);
        }
    }

    private void openTunnel(SocketTransport t) {
        phase = Phase.PROXY;
        t.listen(new ResponseHeadReader("the proxy's answer to CONNECT", MAX_HEAD_BYTES, new HeadOutcome() {
            @Override
            public void head(int status, String reason, Map<String, List<String>> headers, ByteBuffer rest) {
                t.pauseReading();
                if (status / 100 != 2) {
                    fail(new IOException("proxy " + proxy.describe() + " refused to open a tunnel to "
                            + target.authority() + ": HTTP " + status + (reason.isEmpty() ? "" : " " + reason)
                            + (status == 407 ? " (set user property " + ClientProperties.PROXY_AUTHORIZATION + ")"
                                    : "")));
                } else if (rest.hasRemaining()) {
                    fail(new IOException("proxy " + proxy.describe() + " sent " + rest.remaining()
                            + " unexpected bytes after its " + status + " answer to CONNECT"));
                } else {
                    secure(t);
                }
            }
        }));
        send(t, proxyRequest);
    }

    private void secure(SocketTransport t) {
        if (engine == null) {
            upgrade(t);
            return;
        }
        phase = Phase.TLS;
        TlsHandshake.start(t, engine, threads.pool(), new TlsHandshake.Outcome() {
            @Override
            public void done() {
                upgrade(t);
            }

            @Override
            public void failed(IOException failure) {
                fail(failure);
            }
        });
    }

    private void upgrade(SocketTransport t) {
        phase = Phase.UPGRADE;
        t.listen(new ResponseHeadReader("the WebSocket handshake response", MAX_HEAD_BYTES, new HeadOutcome() {
            @Override
            public void head(int status, String reason, Map<String, List<String>> headers, ByteBuffer rest) {
                t.pauseReading();
                t.pushBack(rest);   // frames the server sent right after its 101
                if (!result.complete(new Response(t, status, reason, headers))) {
                    t.abort();
                }
            }
        }));
        send(t, request);
    }

    private void send(SocketTransport t, ByteBuffer head) {
        t.write(new ByteBuffer[] {head}, new WriteCallback() {
            @Override
            public void completed() {
            }

            @Override
            public void failed(Throwable failure) {
                fail(failure instanceof IOException io ? io : new IOException(failure.toString(), failure));
            }
        });
        t.resumeReading();
    }

    /** Fails the attempt at the current phase; any thread. */
    private void fail(IOException cause) {
        abandon(ConnectErrors.describe(target, proxy, phase, cause));
    }

    /** Completes the attempt with {@code failure} and frees its socket; false when it had completed already. */
    private boolean abandon(IOException failure) {
        if (!result.completeExceptionally(failure)) {
            return false;
        }
        SocketTransport t = transport;
        if (t != null) {
            t.abort();
        } else if (connect != null) {
            connect.cancel(failure);
        }
        return true;
    }

    /** A response-head outcome whose failures fail the attempt. */
    private abstract class HeadOutcome implements ResponseHeadReader.Outcome {
        @Override
        public void failed(IOException failure) {
            fail(failure);
        }
    }
}
