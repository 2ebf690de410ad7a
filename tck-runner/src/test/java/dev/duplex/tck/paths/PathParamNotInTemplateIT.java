package dev.duplex.tck.paths;

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
 * A {@code @PathParam} naming no variable of the URI template is valid, and its String parameter is null: spec §4.3
 * ("Otherwise, the value of the String parameter annotated by this annotation must be set to null by the
 * implementation", under WSC-4.3-3) and the {@code PathParam.value} javadoc (javadoc 181: "If the name does not
 * match a path variable in the URI-template, the value of the method parameter this annotation annotates is null").
 * So such an endpoint is not a deployment error. Its own WAR, since a refused endpoint fails the whole deployment.
 */
@ExtendWith(ArquillianExtension.class)
class PathParamNotInTemplateIT {

    @ArquillianResource
    private URL base;

    @Deployment(testable = false)
    static WebArchive deployment() {
        return DuplexWar.create("paths-unmatched", UnmatchedPathParam.class);
    }

    /** WSC-4.3-3 (the "otherwise ... null" rule), javadoc 181. */
    @Test
    void pathParamNamingNoTemplateVariableIsNull() throws Exception {
        assertEquals("known=k;unknown=null", Clients.firstMessage(base, "/unmatched/k"));
    }
}
