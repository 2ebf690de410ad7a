package dev.duplex.benchmarks.servers;

import io.undertow.server.DefaultByteBufferPool;
import io.undertow.websockets.jsr.WebSocketDeploymentInfo;
import org.xnio.OptionMap;
import org.xnio.Options;
import org.xnio.Xnio;

/** Undertow 2.3's own Jakarta WebSocket implementation (undertow-websockets-jsr). */
public final class UndertowOwnServer {

    private UndertowOwnServer() {
    }

    public static void main(String[] args) throws Exception {
        WebSocketDeploymentInfo websockets = new WebSocketDeploymentInfo()
                .setWorker(Xnio.getInstance().createWorker(OptionMap.create(Options.THREAD_DAEMON, true)))
                .setBuffers(new DefaultByteBufferPool(true, 16 * 1024));
        for (Class<?> endpoint : ServerMain.ENDPOINTS) {
            websockets.addEndpoint(endpoint);
        }
        UndertowServers.run(ServerMain.port(args), UndertowServers.deployment()
                .addServletContextAttribute(WebSocketDeploymentInfo.ATTRIBUTE_NAME, websockets));
    }
}
