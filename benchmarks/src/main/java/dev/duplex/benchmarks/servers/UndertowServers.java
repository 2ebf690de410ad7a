package dev.duplex.benchmarks.servers;

import io.undertow.Undertow;
import io.undertow.servlet.Servlets;
import io.undertow.servlet.api.DeploymentInfo;
import io.undertow.servlet.api.DeploymentManager;
import jakarta.servlet.ServletException;

/** Embedded Undertow 2.3 (servlet deployment at the root) around a prepared {@link DeploymentInfo}. */
final class UndertowServers {

    private UndertowServers() {
    }

    static DeploymentInfo deployment() {
        return Servlets.deployment()
                .setClassLoader(UndertowServers.class.getClassLoader())
                .setContextPath("")
                .setDeploymentName("bench");
    }

    static void run(int port, DeploymentInfo info) throws ServletException, InterruptedException {
        DeploymentManager manager = Servlets.defaultContainer().addDeployment(info);
        manager.deploy();
        Undertow server = Undertow.builder()
                .addHttpListener(port, ServerMain.HOST)
                .setHandler(manager.start())
                .build();
        server.start();
        ServerMain.ready(port);
    }
}
