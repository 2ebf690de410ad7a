package dev.duplex.tck.session;

import jakarta.servlet.ServletContextEvent;
import jakarta.servlet.ServletContextListener;
import jakarta.servlet.annotation.WebListener;

/**
 * Keeps the web application's {@code jakarta.websocket.server.ServerContainer} servlet context attribute, so that
 * endpoints can compare {@code Session.getContainer()} with it. Tomcat calls it once, at deployment.
 */
@WebListener
public class ContainerCapture implements ServletContextListener {

    public static final String ATTRIBUTE = "jakarta.websocket.server.ServerContainer";

    private static volatile Object serverContainer;

    @Override
    public void contextInitialized(ServletContextEvent event) {
        serverContainer = event.getServletContext().getAttribute(ATTRIBUTE);
    }

    public static Object serverContainer() {
        return serverContainer;
    }
}
