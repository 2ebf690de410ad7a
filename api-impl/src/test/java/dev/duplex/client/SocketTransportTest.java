package dev.duplex.client;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.duplex.transport.TransportListener;
import dev.duplex.transport.WriteCallback;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.SocketChannel;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The NIO transport against a plain blocking socket peer: ordering, pause/resume, EOF, close after a write. */
class SocketTransportTest {

    private SelectorLoop loop;
    private ExecutorService pool;
    private ScheduledExecutorService timer;
    private ServerSocket server;
    private Socket peer;
    private SocketTransport transport;

    @BeforeEach
    void connect() throws Exception {
        pool = Executors.newCachedThreadPool();
        timer = Executors.newSingleThreadScheduledExecutor();
        loop = new SelectorLoop("transport-test-io", pool);
        server = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
        CompletableFuture<SocketTransport> connected = new CompletableFuture<>();
        TcpConnect.start(loop, new InetSocketAddress(InetAddress.getLoopbackAddress(), server.getLocalPort()),
                new TcpConnect.Outcome() {
                    @Override
                    public void connected(SocketChannel channel, SelectionKey key) {
                        connected.complete(new SocketTransport(loop, channel, key, loop.callbacks(), timer, 5_000, "peer"));
                    }

                    @Override
                    public void failed(IOException failure) {
                        connected.completeExceptionally(failure);
                    }
                });
        peer = server.accept();
        transport = connected.get(10, TimeUnit.SECONDS);
    }

    @AfterEach
    void close() throws Exception {
        transport.abort();
        peer.close();
        server.close();
        loop.stop();
        loop.join(5_000);
        pool.shutdownNow();
        timer.shutdownNow();
    }

    /** Collects what arrives; pauses the transport itself once {@code pauseAt} bytes have come. */
    private static final class Collector implements TransportListener {
        final ByteBuffer received;
        final int pauseAt;
        final SocketTransport transport;
        final CompletableFuture<Integer> paused = new CompletableFuture<>();
        final CompletableFuture<Void> eof = new CompletableFuture<>();
        final CompletableFuture<Void> complete = new CompletableFuture<>();

        Collector(int size, int pauseAt, SocketTransport transport) {
            this.received = ByteBuffer.allocate(size);
            this.pauseAt = pauseAt;
            this.transport = transport;
        }

        @Override
        public void onRead(ByteBuffer data) {
            received.put(data);
            if (received.position() >= pauseAt && !paused.isDone()) {
                transport.pauseReading();
                paused.complete(received.position());
            }
            if (!received.hasRemaining()) {
                complete.complete(null);
            }
        }

        @Override
        public void onEof() {
            eof.complete(null);
        }

        @Override
        public void onError(Throwable failure) {
            eof.completeExceptionally(failure);
        }
    }

    @Test
    void deliversInOrderAcrossPauseAndResume() throws Exception {
        byte[] data = new byte[3 << 20];
        new Random(1).nextBytes(data);
        Collector collector = new Collector(data.length, 1 << 20, transport);
        transport.start(collector);
        transport.resumeReading();
        Thread writer = new Thread(() -> {
            try (OutputStream out = peer.getOutputStream()) {
                out.write(data);
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
        });
        writer.start();
        int atPause = collector.paused.get(10, TimeUnit.SECONDS);
        assertTrue(atPause < data.length, "paused before everything arrived");
        transport.resumeReading();
        collector.complete.get(10, TimeUnit.SECONDS);
        assertArrayEquals(data, collector.received.array());
        collector.eof.get(10, TimeUnit.SECONDS);
        writer.join(10_000);
    }

    @Test
    void closeWaitsForTheOutstandingWrite() throws Exception {
        byte[] data = new byte[8 << 20];
        new Random(2).nextBytes(data);
        CompletableFuture<Void> written = new CompletableFuture<>();
        transport.start(new Collector(16, Integer.MAX_VALUE, transport));
        transport.write(new ByteBuffer[] {ByteBuffer.wrap(data, 0, 1000), ByteBuffer.wrap(data, 1000, data.length - 1000)},
                new WriteCallback() {
                    @Override
                    public void completed() {
                        written.complete(null);
                    }

                    @Override
                    public void failed(Throwable failure) {
                        written.completeExceptionally(failure);
                    }
                });
        transport.close();   // before the peer has read anything: 8 MiB cannot all be in socket buffers
        byte[] received;
        try (InputStream in = peer.getInputStream()) {
            received = in.readAllBytes();   // ends at the transport's close, after the last byte
        }
        written.get(10, TimeUnit.SECONDS);
        assertEquals(data.length, received.length);
        assertArrayEquals(data, received);
    }
}
