package dev.duplex.tck.deploy;

import jakarta.servlet.ServletContextEvent;
import jakarta.servlet.ServletContextListener;
import jakarta.servlet.annotation.WebListener;
import jakarta.websocket.server.ServerContainer;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** Submits {@link TwiceEndpoint}, which the scan already deployed, through {@code addEndpoint(Class)}. */
@WebListener
public class ResubmittingListener implements ServletContextListener {

    @Override
    public void contextInitialized(ServletContextEvent event) {
        ServerContainer container = (ServerContainer) event.getServletContext()
                .getAttribute("jakarta.websocket.server.ServerContainer");
        Map<String, String> outcomes = new ConcurrentHashMap<>();
        outcomes.put("resubmit", OutcomeServlet.outcome(() -> container.addEndpoint(TwiceEndpoint.class)));
        event.getServletContext().setAttribute(OutcomeServlet.OUTCOMES, outcomes);
    }
}
