package dev.duplex.benchmarks.servers;

import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.ServletOutputStream;
import jakarta.servlet.WriteListener;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpUpgradeHandler;
import jakarta.servlet.http.WebConnection;
import java.io.IOException;
import org.apache.catalina.Context;
import org.apache.catalina.connector.Connector;
import org.apache.catalina.startup.Tomcat;

/**
 * The baseline for "Duplex's own share" of an idle connection's memory (issue 7): embedded Tomcat, same connector
 * settings as the others, and a servlet that upgrades {@code /echo} with a bare {@link HttpUpgradeHandler}. The
 * handler keeps nothing per connection but Tomcat's own objects: it reads into a per-thread buffer and echoes each
 * whole frame unmasked (enough for the idle scenario's one verified echo per connection, and for small echoes;
 * a frame split across reads is kept in a per-connection buffer only until it is complete). Not a WebSocket
 * implementation: no close handshake, no fragmentation, no limits.
 */
public final class TomcatBareUpgradeServer {

    private static final ThreadLocal<byte[]> BUFFERS = ThreadLocal.withInitial(() -> new byte[8192]);

    private TomcatBareUpgradeServer() {
    }

    public static void main(String[] args) throws Exception {
        Tomcat tomcat = new Tomcat();
        tomcat.setSilent(true);
        tomcat.setBaseDir(java.nio.file.Files.createTempDirectory("bench-tomcat-bare-").toString());
        Connector connector = new Connector("HTTP/1.1");
        connector.setPort(ServerMain.port(args));
        connector.setProperty("address", ServerMain.HOST);
        connector.setProperty("maxConnections", "20000");
        connector.setProperty("acceptCount", "1000");
        tomcat.setConnector(connector);
        Context context = tomcat.addContext("", null);
        Tomcat.addServlet(context, "upgrade", new HttpServlet() {
            @Override
            protected void doGet(HttpServletRequest req, HttpServletResponse resp)
                    throws IOException, jakarta.servlet.ServletException {
                String key = req.getHeader("Sec-WebSocket-Key");
                if (key == null) {
                    resp.sendError(400);
                    return;
                }
                resp.setStatus(101);
                resp.setHeader("Upgrade", "websocket");
                resp.setHeader("Connection", "Upgrade");
                resp.setHeader("Sec-WebSocket-Accept", BareFrames.accept(key));
                req.upgrade(Bare.class);
            }
        });
        context.addServletMappingDecoded("/", "upgrade");
        tomcat.start();
        ServerMain.ready(connector.getLocalPort());
    }

    /** The bare upgraded connection. */
    public static final class Bare implements HttpUpgradeHandler, ReadListener, WriteListener {
        private ServletInputStream in;
        private ServletOutputStream out;
        private byte[] partial; // only while a frame is split across reads
        private java.util.List<byte[]> waiting; // only while writing is not possible

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

        /**
         * Writes only when the container says it may: a write before its first onWritePossible (isReady() is false
         * until then on Tomcat) would leave a buffer allocated in Tomcat for the connection's life, which is not
         * what a bare connection costs. Frames that arrive meanwhile wait in a list, dropped once written.
         */
        private void send(byte[] frame) throws IOException {
            if (waiting == null && out.isReady()) {
                out.write(frame);
                if (out.isReady()) {
                    out.flush();
                }
            } else {
                if (waiting == null) {
                    waiting = new java.util.ArrayList<>();
                }
                waiting.add(frame);
            }
        }

        @Override
        public void onAllDataRead() {
        }

        @Override
        public void onWritePossible() throws IOException {
            while (waiting != null && out.isReady()) {
                out.write(waiting.remove(0));
                if (waiting.isEmpty()) {
                    waiting = null;
                }
            }
            if (out.isReady()) {
                out.flush();
            }
        }

        @Override
        public void onError(Throwable t) {
        }

        @Override
        public void destroy() {
        }
    }
}
