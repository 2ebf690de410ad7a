package dev.duplex.tck.deploy;

import dev.duplex.tck.handshake.Clients;
import dev.duplex.tck.support.DuplexWar;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

import java.net.URL;
import java.util.Locale;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.params.provider.Arguments.arguments;

/**
 * Invalid endpoints are refused with a {@code DeploymentException} whose message names the class, the method and
 * the rule broken.
 *
 * <p>How it is observed: {@link InvalidEndpointsListener} deploys each case through
 * {@code ServerContainer.addEndpoint} while the application starts (the programmatic deployment of spec §6.4) and
 * records "ok" or the exception; {@link OutcomeServlet} reports it. A {@link SuppressScanConfig} keeps the scan
 * from deploying the invalid classes, which would fail the whole WAR (that path is {@link ScannedDeploymentFailureIT}).
 */
@ExtendWith(ArquillianExtension.class)
class InvalidEndpointsIT {

    private static final String DEPLOYMENT_EXCEPTION = "jakarta.websocket.DeploymentException: ";

    @ArquillianResource
    private URL base;

    @Deployment(testable = false)
    static WebArchive deployment() {
        return DuplexWar.create("deploy-invalid", InvalidEndpoints.class, InvalidEndpointsListener.class,
                OutcomeServlet.class, SuppressScanConfig.class);
    }

    /**
     * Each case: the endpoint is refused with a DeploymentException (WSC-5.2.1-4: the programmatic API reports
     * deployment errors with a DeploymentException; WSC-5.2.1-2: the message is informative) whose message
     * contains every given fragment (case-insensitive): the class, the method where there is one, and the rule.
     * The assertion ids of each row are in the comment above it in {@link #invalidEndpoints()}.
     */
    @ParameterizedTest(name = "{0}")
    @MethodSource("invalidEndpoints")
    void invalidEndpointIsRefusedWithAnInformativeDeploymentException(String name, String[] fragments)
            throws Exception {
        String outcome = Clients.getText(base, "/outcome?case=" + name);

        assertTrue(outcome.startsWith(DEPLOYMENT_EXCEPTION), name + " must be refused: " + outcome);
        String message = outcome.toLowerCase(Locale.ROOT);
        for (String fragment : fragments) {
            assertTrue(message.contains(fragment.toLowerCase(Locale.ROOT)),
                    name + ": the message should name '" + fragment + "': " + outcome);
        }
    }

    static Stream<Arguments> invalidEndpoints() {
        return Stream.of(
                // WSC-3.1.1-2, WSC-4.1.1-4: a duplicate path; both classes and the path are named
                arguments("DuplicateSecond", new String[] {"DuplicateSecond", "DuplicateFirst", "/dup"}),
                // WSC-3.1.1-2: an equivalent template
                arguments("TemplateSecond", new String[] {"TemplateSecond", "TemplateFirst", "/tpl/{b}"}),
                // WSC-4.7-4: two message methods for one native message kind
                arguments("TwoTextMethods", new String[] {"TwoTextMethods", "text", "@OnMessage"}),
                arguments("TwoBinaryMethods", new String[] {"TwoBinaryMethods", "binary", "@OnMessage"}),
                arguments("TwoPongMethods", new String[] {"TwoPongMethods", "pong", "@OnMessage"}),
                // WSC-4.7-1: @OnMessage methods not of an allowed form
                arguments("UndecodableMessageType", new String[] {"UndecodableMessageType", "dateMessage",
                    "java.util.Date", "decoder"}),
                arguments("TwoMessageParameters", new String[] {"TwoMessageParameters", "twoStrings"}),
                arguments("UnsendableReturnType", new String[] {"UnsendableReturnType", "threadReply",
                    "java.lang.Thread"}),
                // WSC-4.4-3, WSC-4.5-4, WSC-4.6-3: lifecycle methods with parameters they do not allow
                arguments("BadOpenParameter", new String[] {"BadOpenParameter", "openWithString",
                    "java.lang.String"}),
                arguments("BadCloseParameter", new String[] {"BadCloseParameter", "closeWithConfig",
                    "EndpointConfig"}),
                arguments("ErrorWithoutThrowable", new String[] {"ErrorWithoutThrowable", "errorWithoutThrowable",
                    "Throwable"}),
                // WSC-4.4-3: @OnOpen on more than one method
                arguments("TwoOpenMethods", new String[] {"TwoOpenMethods", "@OnOpen", "openOne", "openTwo"}),
                // WSC-4.3-1: a @PathParam of a type other than String, primitive or box
                arguments("ObjectPathParam", new String[] {"ObjectPathParam", "openWithObject", "@PathParam",
                    "java.lang.Object"}),
                // Duplex's rule (WSC-4.7-1 family): maxMessageSize does not apply to pong methods
                arguments("PongWithMaxMessageSize", new String[] {"PongWithMaxMessageSize", "limitedPong",
                    "maxMessageSize"}),
                // Spec §4.1 (no id): the endpoint class must be public
                arguments("NotPublic", new String[] {"NotPublic", "public"}),
                // WSC-3.1.1-2 through addEndpoint(ServerEndpointConfig): a path already deployed
                arguments("ConfigOnDuplicatePath", new String[] {"NoOpEndpoint", "DuplicateFirst", "/dup"}),
                // javadoc 187: a configuration whose class is neither an Endpoint nor annotated is badly formed
                arguments("ConfigForPlainClass", new String[] {"NotAnEndpoint"}));
    }

    /**
     * WSC-4.1.1-3 (a malformed path is rejected at deployment time), spec §3.1.1 (level-1 templates replace whole
     * segments, a variable is used once), javadoc 185 / 187: refused with a DeploymentException naming the path.
     */
    @ParameterizedTest(name = "{0}: {1}")
    @MethodSource("malformedPaths")
    void malformedPathIsRefused(String name, String path, String endpointClass) throws Exception {
        String outcome = Clients.getText(base, "/outcome?case=" + name);

        assertTrue(outcome.startsWith(DEPLOYMENT_EXCEPTION), name + " must be refused: " + outcome);
        assertTrue(path.isEmpty() || outcome.contains(path), name + ": the message should name the path: " + outcome);
    }

    /**
     * WSC-5.2.1-2 (an informative message): the DeploymentException for a malformed path also names the endpoint
     * class, so that the deployer can tell which of the application's endpoints is wrong (a scanned deployment
     * reports only this message).
     */
    @ParameterizedTest(name = "{0}: {1}")
    @MethodSource("malformedPaths")
    void malformedPathMessageNamesTheEndpointClass(String name, String path, String endpointClass)
            throws Exception {
        String outcome = Clients.getText(base, "/outcome?case=" + name);

        assertTrue(outcome.startsWith(DEPLOYMENT_EXCEPTION), name + " must be refused: " + outcome);
        assertTrue(outcome.contains(endpointClass), name + ": the message should name the class " + endpointClass
                + ": " + outcome);
    }

    static Stream<Arguments> malformedPaths() {
        return Stream.of(
                arguments("NoLeadingSlash", "relative", "NoLeadingSlash"),
                arguments("EmptyPath", "", "EmptyPath"),
                arguments("UnclosedVariable", "/bad/{x", "UnclosedVariable"),
                arguments("PartialSegmentVariable", "/bad/x{y}", "PartialSegmentVariable"),
                arguments("RepeatedVariable", "/rep/{v}/{v}", "RepeatedVariable"),
                arguments("ConfigWithUnclosedVariable", "/prog/{x", "NoOpEndpoint"));
    }

    /**
     * Spec §3.1.1 (no id; WSC-4.1.1-3 rejects malformed paths): an endpoint path must not contain the sequences
     * {@code /../}, {@code /./} or {@code //}; such a path is refused with a DeploymentException naming it.
     */
    @ParameterizedTest(name = "{0}: {1}")
    @CsvSource({"DotDotSegment, /a/../b", "DotSegment, /a/./b", "EmptySegment, /a//b"})
    void pathWithDotOrEmptySegmentIsRefused(String name, String path) throws Exception {
        String outcome = Clients.getText(base, "/outcome?case=" + name);

        assertTrue(outcome.startsWith(DEPLOYMENT_EXCEPTION), name + " (" + path + ") must be refused: " + outcome);
        assertTrue(outcome.contains(path), name + ": the message should name the path: " + outcome);
    }

    /**
     * Spec §4.7.1 (no id): {@code maxMessageSize} larger than {@code Integer.MAX_VALUE} triggers a
     * DeploymentException (no JVM has Strings or ByteBuffers that large). WSC-4.7-1.
     */
    @Test
    void maxMessageSizeOverIntegerMaxValueIsRefused() throws Exception {
        String outcome = Clients.getText(base, "/outcome?case=MaxMessageSizeOverIntMax");

        assertTrue(outcome.startsWith(DEPLOYMENT_EXCEPTION), "must be refused: " + outcome);
        assertTrue(outcome.contains("MaxMessageSizeOverIntMax") && outcome.contains("hugeText")
                && outcome.contains("maxMessageSize"), "names the class, the method and the rule: " + outcome);
    }

    /**
     * The valid endpoints that the invalid ones clash with are deployed and serve their paths (javadoc 184, 186;
     * spec §6.4: {@code addEndpoint} from a {@code ServletContextListener}); the refused ones left no trace.
     */
    @Test
    void validEndpointsBesideTheRefusedOnesServeTheirPaths() throws Exception {
        assertEquals("ok", Clients.getText(base, "/outcome?case=DuplicateFirst"));
        assertEquals("ok", Clients.getText(base, "/outcome?case=TemplateFirst"));
        assertEquals("first", Clients.firstMessage(base, "/dup"));
        assertEquals("template x", Clients.firstMessage(base, "/tpl/x"));
        assertEquals(404, Clients.handshakeStatus(base, "/two-text"), "a refused endpoint's path");
    }
}
