package dev.duplex.tck.deploy;

import jakarta.servlet.ServletContextEvent;
import jakarta.servlet.ServletContextListener;
import jakarta.servlet.annotation.WebListener;
import jakarta.websocket.server.ServerContainer;
import jakarta.websocket.server.ServerEndpointConfig;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Deploys an annotated and a programmatic endpoint through the {@code ServerContainer} context attribute, recording
 * each outcome for {@link OutcomeServlet}.
 */
@WebListener
public class DeployingListener implements ServletContextListener {

    @Override
    public void contextInitialized(ServletContextEvent event) {
        Map<String, String> outcomes = new ConcurrentHashMap<>();
        Object attribute = event.getServletContext().getAttribute("jakarta.websocket.server.ServerContainer");
        outcomes.put("attribute", attribute == null ? "null" : attribute instanceof ServerContainer
                ? "ServerContainer" : attribute.getClass().getName());
        if (attribute instanceof ServerContainer container) {
            outcomes.put("annotated", OutcomeServlet.outcome(
                    () -> container.addEndpoint(ListenerAnnotatedEndpoint.class)));
            outcomes.put("programmatic", OutcomeServlet.outcome(() -> container.addEndpoint(
                    ServerEndpointConfig.Builder.create(ListenerProgrammaticEndpoint.class,
                            "/listener/programmatic/{n}").build())));
        }
        event.getServletContext().setAttribute(OutcomeServlet.OUTCOMES, outcomes);
    }
}
