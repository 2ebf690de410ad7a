package dev.duplex.tck.deploy;

import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import java.io.IOException;
import java.util.Map;

/**
 * {@code GET /outcome?case=Name}: what the application's deploying listener recorded for that case ("ok" or the
 * exception's class and message), from the context attribute {@value #OUTCOMES}.
 */
@WebServlet("/outcome")
public class OutcomeServlet extends HttpServlet {

    /** The context attribute: a {@code Map<String, String>} of case name to outcome. */
    public static final String OUTCOMES = "dev.duplex.tck.deploy.outcomes";

    private static final long serialVersionUID = 1L;

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        response.setContentType("text/plain;charset=UTF-8");
        @SuppressWarnings("unchecked")
        Map<String, String> outcomes = (Map<String, String>) getServletContext().getAttribute(OUTCOMES);
        String name = request.getParameter("case");
        String outcome = outcomes == null ? null : outcomes.get(name);
        response.getWriter().print(outcome == null ? "no such case: " + name + " (recorded: "
                + (outcomes == null ? "none" : outcomes.keySet()) + ")" : outcome);
    }

    /** Runs {@code action} and describes its outcome: "ok", or the exception's class name and message. */
    public static String outcome(Action action) {
        try {
            action.run();
            return "ok";
        } catch (Exception e) {
            return e.getClass().getName() + ": " + e.getMessage();
        }
    }

    /** Something a listener or servlet tries. */
    @FunctionalInterface
    public interface Action {
        void run() throws Exception;
    }
}
