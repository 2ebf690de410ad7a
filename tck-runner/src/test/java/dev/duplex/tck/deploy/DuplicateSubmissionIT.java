package dev.duplex.tck.deploy;

import dev.duplex.tck.handshake.Clients;
import dev.duplex.tck.support.DuplexWar;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.net.URL;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Spec §6.4 (Programmatic Server Deployment, no id): when an application mixes both modes, "in this case of an
 * attempt to deploy the same annotated endpoint class more than once, the WebSocket implementation must only deploy
 * the annotated endpoint once, and ignore the duplicate submission".
 */
@ExtendWith(ArquillianExtension.class)
class DuplicateSubmissionIT {

    @ArquillianResource
    private URL base;

    @Deployment(testable = false)
    static WebArchive deployment() {
        return DuplexWar.create("deploy-resubmit", TwiceEndpoint.class, ResubmittingListener.class,
                OutcomeServlet.class);
    }

    /** Spec §6.4 (no id): the listener's second submission of a scanned class is ignored, not an error. */
    @Test
    void secondSubmissionOfTheSameAnnotatedClassIsIgnored() throws Exception {
        assertEquals("ok", Clients.getText(base, "/outcome?case=resubmit"));
        assertEquals("twice", Clients.firstMessage(base, "/twice"));
    }
}
