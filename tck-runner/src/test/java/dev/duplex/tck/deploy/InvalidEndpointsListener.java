package dev.duplex.tck.deploy;

import jakarta.servlet.ServletContextEvent;
import jakarta.servlet.ServletContextListener;
import jakarta.servlet.annotation.WebListener;
import jakarta.websocket.Endpoint;
import jakarta.websocket.EndpointConfig;
import jakarta.websocket.Session;
import jakarta.websocket.server.ServerContainer;
import jakarta.websocket.server.ServerEndpointConfig;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Deploys each of {@link InvalidEndpoints} (and a few bad programmatic configurations) through
 * {@code ServerContainer.addEndpoint} during application start, and records for each case "ok" or the exception's
 * class name and message, for {@link OutcomeServlet} to report.
 */
@WebListener
public class InvalidEndpointsListener implements ServletContextListener {

    @FunctionalInterface
    private interface Deploy {
        void run(ServerContainer container) throws Exception;
    }

    @Override
    public void contextInitialized(ServletContextEvent event) {
        ServerContainer container = (ServerContainer) event.getServletContext()
                .getAttribute("jakarta.websocket.server.ServerContainer");
        Map<String, Deploy> cases = new LinkedHashMap<>();
        for (Class<?> type : InvalidEndpoints.class.getDeclaredClasses()) {
            cases.put(type.getSimpleName(), c -> c.addEndpoint(type));
        }
        // The valid ones first: the clashing ones are deployed after them.
        cases.remove("DuplicateFirst");
        cases.remove("TemplateFirst");
        Map<String, Deploy> ordered = new LinkedHashMap<>();
        ordered.put("DuplicateFirst", c -> c.addEndpoint(InvalidEndpoints.DuplicateFirst.class));
        ordered.put("TemplateFirst", c -> c.addEndpoint(InvalidEndpoints.TemplateFirst.class));
        ordered.putAll(cases);
        ordered.put("ConfigOnDuplicatePath", c -> c.addEndpoint(
                ServerEndpointConfig.Builder.create(NoOpEndpoint.class, "/dup").build()));
        ordered.put("ConfigWithUnclosedVariable", c -> c.addEndpoint(
                ServerEndpointConfig.Builder.create(NoOpEndpoint.class, "/prog/{x").build()));
        ordered.put("ConfigForPlainClass", c -> c.addEndpoint(
                ServerEndpointConfig.Builder.create(NotAnEndpoint.class, "/plain").build()));

        Map<String, String> outcomes = new ConcurrentHashMap<>();
        for (Map.Entry<String, Deploy> entry : ordered.entrySet()) {
            outcomes.put(entry.getKey(), OutcomeServlet.outcome(() -> entry.getValue().run(container)));
        }
        event.getServletContext().setAttribute(OutcomeServlet.OUTCOMES, outcomes);
    }

    /** A valid programmatic endpoint. */
    public static class NoOpEndpoint extends Endpoint {
        @Override
        public void onOpen(Session session, EndpointConfig config) {
        }
    }

    /** Neither an Endpoint subclass nor annotated. */
    public static class NotAnEndpoint {
    }
}
