package dev.duplex.benchmarks.servers;

import io.undertow.server.DefaultByteBufferPool;
import io.undertow.websockets.jsr.WebSocketDeploymentInfo;
import org.xnio.OptionMap;
import org.xnio.Options;
import org.xnio.Xnio;

/**
 * Undertow 2.3's own Jakarta WebSocket implementation (undertow-websockets-jsr). Its callbacks run on the XNIO I/O
 * thread that read, as embedded Undertow does by default; {@value #WORKER_PROPERTY}{@code =true} dispatches them to
 * the worker threads instead (WildFly's default), the counterpart of Duplex's executor dispatch.
 */
public final class UndertowOwnServer {

    static final String WORKER_PROPERTY = "bench.undertow.dispatchToWorker";

    private UndertowOwnServer() {
    }

    public static void main(String[] args) throws Exception {
        WebSocketDeploymentInfo websockets = new WebSocketDeploymentInfo()
                .setWorker(Xnio.getInstance().createWorker(OptionMap.create(Options.THREAD_DAEMON, true)))
                .setBuffers(new DefaultByteBufferPool(true, 16 * 1024))
                .setDispatchToWorkerThread(Boolean.getBoolean(WORKER_PROPERTY));
        for (Class<?> endpoint : ServerMain.ENDPOINTS) {
            websockets.addEndpoint(endpoint);
        }
        UndertowServers.run(ServerMain.port(args), UndertowServers.deployment()
                .addServletContextAttribute(WebSocketDeploymentInfo.ATTRIBUTE_NAME, websockets));
    }
}
