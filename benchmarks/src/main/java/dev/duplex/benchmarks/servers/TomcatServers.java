package dev.duplex.benchmarks.servers;

import jakarta.servlet.ServletContainerInitializer;
import jakarta.servlet.http.HttpServlet;
import java.nio.file.Files;
import org.apache.catalina.Context;
import org.apache.catalina.connector.Connector;
import org.apache.catalina.startup.Tomcat;

/** Embedded Tomcat 11 (NIO connector, one root context) with a given WebSocket initializer. */
final class TomcatServers {

    private TomcatServers() {
    }

    static void run(int port, ServletContainerInitializer initializer) throws Exception {
        run(port, initializer, ServerMain.ENDPOINTS);
    }

    static void run(int port, ServletContainerInitializer initializer, java.util.Set<Class<?>> endpoints)
            throws Exception {
        Tomcat tomcat = new Tomcat();
        tomcat.setSilent(true);
        tomcat.setBaseDir(Files.createTempDirectory("bench-tomcat-").toString());
        Connector connector = new Connector("HTTP/1.1");
        connector.setPort(port);
        connector.setProperty("address", ServerMain.HOST);
        connector.setProperty("maxConnections", "20000");
        connector.setProperty("acceptCount", "1000");
        tomcat.setConnector(connector);
        Context context = tomcat.addContext("", null);
        // without a servlet mapped at "/" Tomcat answers 404 before any filter (the upgrade filter) runs
        Tomcat.addServlet(context, "none", new HttpServlet() { });
        context.addServletMappingDecoded("/", "none");
        // addContext() does not scan for initializers: hand ours the endpoint classes a scan would find
        context.addServletContainerInitializer(initializer, endpoints);
        tomcat.start();
        ServerMain.ready(connector.getLocalPort());
    }
}
