package dev.duplex.tck.servlet;

import jakarta.servlet.ServletContextEvent;
import jakarta.servlet.ServletContextListener;
import jakarta.servlet.annotation.WebListener;
import jakarta.websocket.DeploymentException;
import jakarta.websocket.server.ServerContainer;
import jakarta.websocket.server.ServerEndpointConfig;

/**
 * In a WAR without any annotated endpoint or ServerApplicationConfig: takes the ServerContainer from the context
 * attribute and deploys {@link ProgrammaticEcho} at {@code /added}. Fails the deployment if the attribute is missing.
 */
@WebListener
public class AddingListener implements ServletContextListener {

    @Override
    public void contextInitialized(ServletContextEvent event) {
        Object attribute = event.getServletContext().getAttribute(ServerContainer.class.getName());
        if (!(attribute instanceof ServerContainer container)) {
            throw new IllegalStateException("no ServerContainer attribute: " + attribute);
        }
        try {
            container.addEndpoint(ServerEndpointConfig.Builder.create(ProgrammaticEcho.class, "/added").build());
        } catch (DeploymentException e) {
            throw new IllegalStateException(e);
        }
    }
}
