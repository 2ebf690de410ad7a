package dev.duplex.benchmarks.servers;

import dev.duplex.servlet.DuplexInitializer;
import io.undertow.servlet.api.ServletContainerInitializerInfo;
import io.undertow.servlet.util.ImmediateInstanceFactory;

/** Duplex on embedded Undertow 2.3 (no undertow-websockets-jsr on the class path). */
public final class DuplexUndertowServer {

    private DuplexUndertowServer() {
    }

    public static void main(String[] args) throws Exception {
        DuplexInitializer initializer = new DuplexInitializer();
        // Undertow never discovers initializers: add ours with the set a @HandlesTypes scan would give it
        UndertowServers.run(ServerMain.port(args), UndertowServers.deployment()
                .addServletContainerInitializer(new ServletContainerInitializerInfo(DuplexInitializer.class,
                        new ImmediateInstanceFactory<>(initializer), ServerMain.DUPLEX_ENDPOINTS)));
    }
}
