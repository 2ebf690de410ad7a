package dev.duplex.client;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.List;
import javax.net.ssl.SNIHostName;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLParameters;

/**
 * Runs the TLS handshake of a {@link SocketTransport}'s channel on its I/O thread: while it runs, it owns the
 * channel's selection key; when it is done, the transport carries on over the {@link TlsLayer}.
 *
 * <pre>
 *   start() --> step() --WAIT_READ/WAIT_WRITE--> (selector readiness) --> step() ...
 *                  \--RUN_TASKS--> tasks on the callback pool --> step() on the loop
 *                  \--DONE--> transport.useTls(layer) --> Outcome.done()
 *   any failure (certificate, host name, EOF, loop stopped) --> Outcome.failed()
 * </pre>
 *
 * <p>Threads: the loop thread, apart from the engine's delegated tasks (certificate path checks), which run on the
 * callback pool so that a slow check never stalls the other connections of the loop.
 */
final class TlsHandshake implements SelectorLoop.IoHandler {

    /** The end of the handshake, on the loop thread. */
    interface Outcome {
        void done();

        void failed(IOException failure);
    }

    private final SocketTransport transport;
    private final SelectionKey key;
    private final TlsLayer tls;
    private final Executor tasks;
    private final Outcome outcome;
    private boolean finished;

    private TlsHandshake(SocketTransport transport, SSLEngine engine, Executor tasks, Outcome outcome) {
        this.transport = transport;
        this.key = transport.key();
        this.tls = new TlsLayer(engine, transport.channel());
        this.tasks = tasks;
        this.outcome = outcome;
    }

    /** Starts the handshake with {@code engine} (client mode, configured); on the loop thread. */
    static void start(SocketTransport transport, SSLEngine engine, Executor tasks, Outcome outcome) {
        TlsHandshake handshake = new TlsHandshake(transport, engine, tasks, outcome);
        handshake.key.attach(handshake);
        try {
            engine.beginHandshake();
        } catch (SSLException e) {
            handshake.finish(e);
            return;
        }
        handshake.step();
    }

    /**
     * A client-mode engine for {@code target}: SNI with the host name (not for an address literal), and, when
     * {@code verifyHostname}, endpoint identification "HTTPS" so the certificate must name the host (RFC 2818 §3.1).
     */
    static SSLEngine clientEngine(SSLContext context, ConnectTarget target, boolean verifyHostname) {
        SSLEngine engine = context.createSSLEngine(target.host(), target.port());
        engine.setUseClientMode(true);
        SSLParameters parameters = engine.getSSLParameters();
        if (verifyHostname) {
            parameters.setEndpointIdentificationAlgorithm("HTTPS");
        }
        if (!isAddressLiteral(target.host())) {
            try {
                parameters.setServerNames(List.of(new SNIHostName(target.host())));
            } catch (IllegalArgumentException e) {
                // not a valid DNS name for SNI (e.g. an underscore): connect without SNI
            }
        }
        engine.setSSLParameters(parameters);
        return engine;
    }

    private static boolean isAddressLiteral(String host) {
        return host.indexOf(':') >= 0 || host.matches("[0-9.]+");
    }

    @Override
    public void ready(int readyOps) {
        step();
    }

    @Override
    public void failed(Throwable failure) {
        finish(failure instanceof IOException io ? io : new IOException(failure.toString(), failure));
    }

    private void step() {
        if (finished || !key.isValid()) {
            return;
        }
        try {
            switch (tls.handshakeStep()) {
                case WAIT_READ -> key.interestOps(SelectionKey.OP_READ);
                case WAIT_WRITE -> key.interestOps(SelectionKey.OP_WRITE);
                case RUN_TASKS -> {
                    key.interestOps(0);
                    runDelegatedTasks();
                }
                default -> finish(null);
            }
        } catch (IOException | RuntimeException e) {
            finish(e instanceof IOException io ? io : new IOException(e.toString(), e));
        }
    }

    private void runDelegatedTasks() {
        Runnable job = () -> {
            try {
                Runnable task;
                while ((task = tls.delegatedTask()) != null) {
                    task.run();
                }
            } finally {
                resumeOnLoop();
            }
        };
        try {
            tasks.execute(job);
        } catch (RejectedExecutionException e) {
            finish(new IOException("the client container was shut down during the TLS handshake", e));
        }
    }

    private void resumeOnLoop() {
        try {
            transport.loop().execute(this::step);
        } catch (RejectedExecutionException e) {
            // the loop stopped: it has failed this handshake through failed() already
        }
    }

    private void finish(IOException failure) {
        if (finished) {
            return;
        }
        finished = true;
        if (failure != null) {
            outcome.failed(failure);
            return;
        }
        ByteBuffer early = tls.takeEarlyData();
        transport.useTls(tls, early);
        outcome.done();
    }
}
