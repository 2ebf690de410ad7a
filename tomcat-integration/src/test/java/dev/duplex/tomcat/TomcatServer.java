package dev.duplex.tomcat;

import dev.duplex.servlet.DuplexInitializer;
import dev.duplex.servlet.testing.TestTls;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.apache.catalina.Context;
import org.apache.catalina.connector.Connector;
import org.apache.catalina.servlets.DefaultServlet;
import org.apache.catalina.startup.Tomcat;
import org.apache.tomcat.util.net.SSLHostConfig;
import org.apache.tomcat.util.net.SSLHostConfigCertificate;

/**
 * An embedded Tomcat on 127.0.0.1, port 0, with one context at "/" that gets Duplex from its
 * {@link DuplexInitializer} as a web application would, the given context init parameters, and the endpoints.
 * This module's upgrader is on the class path, so Duplex finds it as a deployed application would.
 */
final class TomcatServer implements AutoCloseable {

    private final Tomcat tomcat = new Tomcat();
    private final Path baseDir;
    private final Connector connector;
    private final String scheme;

    TomcatServer(Map<String, String> parameters, Class<?>... endpoints) throws Exception {
        this(parameters, null, endpoints);
    }

    /**
     * With {@code tls} not null, the connector speaks TLS with its key store (JSSE) and {@link #uri} says
     * {@code wss}. The connector is not marked secure: Duplex must see the TLS on the socket itself.
     */
    TomcatServer(Map<String, String> parameters, TestTls tls, Class<?>... endpoints) throws Exception {
        baseDir = Files.createTempDirectory("duplex-tomcat");
        tomcat.setBaseDir(baseDir.toString());
        connector = new Connector("HTTP/1.1");
        connector.setPort(0);
        connector.setProperty("address", "127.0.0.1");
        scheme = tls == null ? "ws" : "wss";
        if (tls != null) {
            connector.setProperty("SSLEnabled", "true");
            SSLHostConfig host = new SSLHostConfig();
            SSLHostConfigCertificate certificate = new SSLHostConfigCertificate(host,
                    SSLHostConfigCertificate.Type.UNDEFINED);
            certificate.setCertificateKeystoreFile(tls.keyStore.toString());
            certificate.setCertificateKeystorePassword(TestTls.PASSWORD);
            certificate.setCertificateKeystoreType("PKCS12");
            certificate.setCertificateKeyAlias("server");
            host.addCertificate(certificate);
            connector.addSslHostConfig(host);
        }
        tomcat.setConnector(connector);
        Context ctx = tomcat.addContext("", Files.createDirectories(baseDir.resolve("webapp")).toString());
        Tomcat.addServlet(ctx, "default", new DefaultServlet());
        ctx.addServletMappingDecoded("/", "default");
        parameters.forEach(ctx::addParameter);
        ctx.addServletContainerInitializer(new DuplexInitializer(), Set.of(endpoints));
        tomcat.start();
    }

    int port() {
        return connector.getLocalPort();
    }

    java.net.URI uri(String path) {
        return java.net.URI.create(scheme + "://127.0.0.1:" + port() + path);
    }

    @Override
    public void close() throws Exception {
        try {
            tomcat.stop();
            tomcat.destroy();
        } finally {
            try (Stream<Path> paths = Files.walk(baseDir)) {
                paths.sorted(Comparator.reverseOrder()).map(Path::toFile).forEach(File::delete);
            } catch (IOException e) {
                // a temporary directory left behind is no test failure
            }
        }
    }
}
