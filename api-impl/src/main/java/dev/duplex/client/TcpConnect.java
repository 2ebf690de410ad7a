package dev.duplex.client;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.channels.SelectionKey;
import java.nio.channels.SocketChannel;
import java.util.concurrent.RejectedExecutionException;

/**
 * A non-blocking TCP connect on a {@link SelectorLoop}: the channel is registered for OP_CONNECT and the outcome is
 * reported once, on the loop thread.
 *
 * <pre>
 *   start() --(loop) connect()--> [pending] --OP_CONNECT, finishConnect()--> Outcome.connected(channel, key)
 *                                     \--refused / unreachable / cancel() / loop stopped--> Outcome.failed()
 * </pre>
 *
 * <p>Threads: {@link #start} and {@link #cancel} from any thread; everything else on the loop thread.
 */
final class TcpConnect implements SelectorLoop.IoHandler {

    /** The outcome, on the loop thread. */
    interface Outcome {
        void connected(SocketChannel channel, SelectionKey key);

        void failed(IOException failure);
    }

    private final SelectorLoop loop;
    private final Outcome outcome;
    private SocketChannel channel;
    private SelectionKey key;
    private boolean finished;

    private TcpConnect(SelectorLoop loop, Outcome outcome) {
        this.loop = loop;
        this.outcome = outcome;
    }

    /** Starts connecting to {@code address} (already resolved). */
    static TcpConnect start(SelectorLoop loop, InetSocketAddress address, Outcome outcome) {
        TcpConnect connect = new TcpConnect(loop, outcome);
        try {
            loop.execute(() -> connect.open(address));
        } catch (RejectedExecutionException e) {
            connect.finish(new IOException("the client container was shut down", e));
        }
        return connect;
    }

    /** Gives up (a timeout): closes the channel unless it is connected already. */
    void cancel(IOException reason) {
        try {
            loop.execute(() -> finish(reason));
        } catch (RejectedExecutionException e) {
            // the loop stopped and failed this connect already
        }
    }

    private void open(InetSocketAddress address) {
        try {
            channel = SocketChannel.open();
            channel.configureBlocking(false);
            channel.setOption(StandardSocketOptions.TCP_NODELAY, true);
            boolean connected = channel.connect(address);
            key = loop.register(channel, connected ? 0 : SelectionKey.OP_CONNECT, this);
            if (connected) {
                finish(null);
            }
        } catch (IOException | RuntimeException e) {
            finish(e instanceof IOException io ? io : new IOException(e.toString(), e));
        }
    }

    @Override
    public void ready(int readyOps) {
        try {
            if (channel.finishConnect()) {
                finish(null);
            }
        } catch (IOException e) {
            finish(e);
        }
    }

    @Override
    public void failed(Throwable failure) {
        finish(failure instanceof IOException io ? io : new IOException(failure.toString(), failure));
    }

    private void finish(IOException failure) {
        if (finished) {
            return;
        }
        finished = true;
        if (failure == null) {
            outcome.connected(channel, key);
            return;
        }
        if (key != null) {
            key.cancel();
        }
        if (channel != null) {
            try {
                channel.close();
            } catch (IOException e) {
                failure.addSuppressed(e);
            }
        }
        outcome.failed(failure);
    }
}
