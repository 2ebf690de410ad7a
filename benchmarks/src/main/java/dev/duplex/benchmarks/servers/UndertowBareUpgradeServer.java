package dev.duplex.benchmarks.servers;

import io.undertow.servlet.Servlets;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.ServletOutputStream;
import jakarta.servlet.WriteListener;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpUpgradeHandler;
import jakarta.servlet.http.WebConnection;
import java.io.IOException;
import java.util.ArrayDeque;

/**
 * The Undertow counterpart of {@link TomcatBareUpgradeServer}: the baseline for "Duplex's own share" of an idle
 * connection on Undertow. Embedded Undertow 2.3 with the same servlet deployment and listener as the other Undertow
 * servers ({@link UndertowServers}), and a servlet that answers the WebSocket handshake of any path and upgrades it
 * with a bare {@link HttpUpgradeHandler}. Per connection the handler keeps only Undertow's own objects: it reads into
 * a per-thread buffer (Undertow's pooled read buffer goes back to the pool once drained) and echoes each whole frame
 * unmasked, which is enough for the idle scenario's one verified echo per connection. Not a WebSocket
 * implementation: no close handshake of its own, no fragmentation, no limits.
 */
public final class UndertowBareUpgradeServer {

    private static final ThreadLocal<byte[]> BUFFERS = ThreadLocal.withInitial(() -> new byte[8192]);

    private UndertowBareUpgradeServer() {
    }

    public static void main(String[] args) throws Exception {
        UndertowServers.run(ServerMain.port(args), UndertowServers.deployment()
                .addServlet(Servlets.servlet("upgrade", Handshake.class).addMapping("/*")));
    }

    /** Answers the handshake (101, Sec-WebSocket-Accept) and hands the connection to {@link Bare}. */
    public static final class Handshake extends HttpServlet {
        @Override
        protected void doGet(HttpServletRequest req, HttpServletResponse resp) throws IOException, ServletException {
            String key = req.getHeader("Sec-WebSocket-Key");
            if (key == null || req.getHeader("Upgrade") == null) {
                resp.sendError(400);
                return;
            }
            resp.setStatus(101);
            resp.setHeader("Upgrade", "websocket");
            resp.setHeader("Connection", "Upgrade");
            resp.setHeader("Sec-WebSocket-Accept", BareFrames.accept(key));
            req.upgrade(Bare.class);
        }
    }

    /**
     * The bare upgraded connection. Undertow calls both listeners on the connection's I/O thread, so the fields need
     * no locking. Undertow's upgraded output stream wraps the whole array given to {@code write} (it ignores the
     * offset and length once a write listener is set), so every frame is written as an array of its own.
     */
    public static final class Bare implements HttpUpgradeHandler, ReadListener, WriteListener {
        private ServletInputStream in;
        private ServletOutputStream out;
        private byte[] partial; // only while a frame is split across reads
        private ArrayDeque<byte[]> waiting; // only while writing is not possible

        public Bare() {
        }

        @Override
        public void init(WebConnection connection) {
            try {
                in = connection.getInputStream();
                out = connection.getOutputStream();
                out.setWriteListener(this);
                in.setReadListener(this);
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
        }

        @Override
        public void onDataAvailable() throws IOException {
            byte[] buffer = BUFFERS.get();
            while (in.isReady()) {
                int n = in.read(buffer);
                if (n < 0) {
                    return;
                }
                partial = BareFrames.echo(partial, buffer, n, this::send);
            }
        }

        /** Writes now if the container allows it, else queues the frame until {@link #onWritePossible()}. */
        private void send(byte[] frame) throws IOException {
            if (waiting == null && out.isReady()) {
                out.write(frame);
            } else {
                if (waiting == null) {
                    waiting = new ArrayDeque<>();
                }
                waiting.add(frame);
            }
        }

        @Override
        public void onWritePossible() throws IOException {
            while (waiting != null && out.isReady()) {
                out.write(waiting.poll());
                if (waiting.isEmpty()) {
                    waiting = null;
                }
            }
        }

        /** The peer closed its side: close ours, so the socket does not linger half-closed. */
        @Override
        public void onAllDataRead() throws IOException {
            out.close();
        }

        @Override
        public void onError(Throwable t) {
        }

        @Override
        public void destroy() {
        }
    }
}
