package dev.duplex.pojo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.websocket.CloseReason;
import jakarta.websocket.DeploymentException;
import jakarta.websocket.EndpointConfig;
import jakarta.websocket.OnClose;
import jakarta.websocket.OnError;
import jakarta.websocket.OnMessage;
import jakarta.websocket.OnOpen;
import jakarta.websocket.PongMessage;
import jakarta.websocket.Session;
import jakarta.websocket.server.PathParam;
import java.nio.ByteBuffer;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Deployment-time validation of annotated endpoints: each broken rule names the class, the method and the rule. */
class EndpointModelTest {

    public static class Good {
        @OnOpen
        public void open(Session s, EndpointConfig c, @PathParam("id") int id) {
        }

        @OnMessage
        public String text(String m, boolean last, Session s) {
            return m;
        }

        @OnMessage(maxMessageSize = 10)
        public void binary(ByteBuffer b) {
        }

        @OnMessage
        public void pong(PongMessage p) {
        }

        @OnClose
        public void close(CloseReason r, Session s) {
        }

        @OnError
        public void error(Throwable t) {
        }
    }

    public static class TwoText {
        @OnMessage
        public void a(String m) {
        }

        @OnMessage
        public void b(int m) {
        }
    }

    public static class BadParam {
        @OnOpen
        public void open(Thread t) {
        }
    }

    public static class UnknownPathParam {
        @OnMessage
        public void m(String s, @PathParam("nope") int v) {
        }
    }

    public static class UnknownStringPathParam {
        @OnMessage
        public void m(String s, @PathParam("nope") String v) {
        }
    }

    public static class HugeLimit {
        @OnMessage(maxMessageSize = 1L << 31)
        public void m(String s) {
        }
    }

    public static class NoThrowable {
        @OnError
        public void e(Session s) {
        }
    }

    public static class PongWithLimit {
        @OnMessage(maxMessageSize = 5)
        public void p(PongMessage m) {
        }
    }

    public static class BadReturn {
        @OnMessage
        public Thread m(String s) {
            return null;
        }
    }

    public static class Parent {
        @OnMessage
        public void m(String s) {
        }
    }

    public static class ChildOverridesWithoutAnnotation extends Parent {
        @Override
        public void m(String s) {
        }
    }

    @Test
    void aValidEndpointIsModelled() throws Exception {
        EndpointModel model = EndpointModel.scan(Good.class, Set.of("id"));
        assertEquals(3, model.onMessage().size());
        assertTrue(model.onMessage().stream().anyMatch(m -> m.partial() && m.kind() == MessageMethod.Kind.TEXT));
        assertTrue(model.onMessage().stream().anyMatch(m -> m.maxMessageSize() == 10));
    }

    @Test
    void twoMethodsForTextMessagesFail() {
        assertFailure(TwoText.class, "two @OnMessage methods for text");
    }

    @Test
    void unsupportedParameterTypesFail() {
        assertFailure(BadParam.class, "BadParam.open", "java.lang.Thread");
    }

    /** WSC-4.3-3: a String @PathParam whose name is not in the template is null; other types cannot be. */
    @Test
    void pathParamNotInTheTemplateIsNullForStringAndAnErrorOtherwise() throws Exception {
        assertEquals(1, EndpointModel.scan(UnknownStringPathParam.class, Set.of("id")).onMessage().size());
        assertFailure(UnknownPathParam.class, "@PathParam(\"nope\")", "[id]");
    }

    /** Spec §4.7.1: no message can be larger than Integer.MAX_VALUE. */
    @Test
    void maxMessageSizeOverIntegerMaxValueFails() {
        assertFailure(HugeLimit.class, "Integer.MAX_VALUE");
    }

    @Test
    void onErrorWithoutThrowableFails() {
        assertFailure(NoThrowable.class, "must take a Throwable");
    }

    @Test
    void maxMessageSizeOnPongFails() {
        assertFailure(PongWithLimit.class, "maxMessageSize");
    }

    @Test
    void unsendableReturnTypeFails() {
        assertFailure(BadReturn.class, "return type java.lang.Thread");
    }

    /** Spec §4.10 / WSC-4.8.1: an override without the annotation gets no callback. */
    @Test
    void anOverrideWithoutTheAnnotationRemovesTheCallback() throws Exception {
        assertEquals(1, EndpointModel.scan(Parent.class, Set.of()).onMessage().size());
        assertEquals(0, EndpointModel.scan(ChildOverridesWithoutAnnotation.class, Set.of()).onMessage().size());
    }

    private static void assertFailure(Class<?> type, String... fragments) {
        DeploymentException e = assertThrows(DeploymentException.class, () -> EndpointModel.scan(type, Set.of("id")));
        assertTrue(e.getMessage().contains(type.getName()), e.getMessage());
        for (String f : fragments) {
            assertTrue(e.getMessage().contains(f), "'" + f + "' missing from: " + e.getMessage());
        }
    }
}
