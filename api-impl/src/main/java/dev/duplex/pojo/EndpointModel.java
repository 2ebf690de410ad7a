package dev.duplex.pojo;

import dev.duplex.coder.CoderSpecs;
import jakarta.websocket.Decoder;
import jakarta.websocket.DeploymentException;
import jakarta.websocket.Encoder;
import jakarta.websocket.OnClose;
import jakarta.websocket.OnError;
import jakarta.websocket.OnMessage;
import jakarta.websocket.OnOpen;
import java.lang.annotation.Annotation;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * An annotated endpoint class, scanned and validated once at deployment into an immutable model (DESIGN.md §2,
 * {@code pojo}). Annotated methods are taken from the class and its superclasses; an override without the
 * annotation removes the callback (spec §4.10). Every rule broken fails deployment with a
 * {@link DeploymentException} naming the class, the method and the rule.
 */
public final class EndpointModel {

    private final Class<?> endpointClass;
    private final EndpointMethod onOpen;
    private final EndpointMethod onClose;
    private final EndpointMethod onError;
    private final List<MessageMethod> onMessage;

    private EndpointModel(Class<?> endpointClass, EndpointMethod onOpen, EndpointMethod onClose,
            EndpointMethod onError, List<MessageMethod> onMessage) {
        this.endpointClass = endpointClass;
        this.onOpen = onOpen;
        this.onClose = onClose;
        this.onError = onError;
        this.onMessage = List.copyOf(onMessage);
    }

    /**
     * Scans {@code endpointClass}. {@code pathVariables} are the URI template's variable names ({@code @PathParam}
     * must name one of them); null on the client side, where any name is accepted.
     */
    public static EndpointModel scan(Class<?> endpointClass, Set<String> pathVariables) throws DeploymentException {
        return scan(endpointClass, pathVariables, List.of());
    }

    /** As {@link #scan(Class, Set)}, with the endpoint's decoders, which make more message types acceptable. */
    public static EndpointModel scan(Class<?> endpointClass, Set<String> pathVariables,
            List<Class<? extends Decoder>> decoders) throws DeploymentException {
        return scan(endpointClass, pathVariables, decoders, List.of());
    }

    /** As above, with the endpoint's encoders, which decide what an {@code @OnMessage} method may return. */
    public static EndpointModel scan(Class<?> endpointClass, Set<String> pathVariables,
            List<Class<? extends Decoder>> decoders, List<Class<? extends Encoder>> encoders)
            throws DeploymentException {
        if (!Modifier.isPublic(endpointClass.getModifiers())) {
            throw new DeploymentException("endpoint class " + endpointClass.getName() + " must be public");
        }
        List<Method> methods = visibleMethods(endpointClass);
        ParameterRules rules = new ParameterRules(endpointClass, pathVariables, CoderSpecs.decoders(decoders),
                CoderSpecs.encoders(encoders));
        EndpointMethod open = single(endpointClass, methods, OnOpen.class, rules);
        EndpointMethod close = single(endpointClass, methods, OnClose.class, rules);
        EndpointMethod error = single(endpointClass, methods, OnError.class, rules);
        List<MessageMethod> messages = new ArrayList<>();
        Set<MessageMethod.Kind> kinds = new HashSet<>();
        for (Method m : methods) {
            OnMessage annotation = m.getAnnotation(OnMessage.class);
            if (annotation == null) {
                continue;
            }
            MessageMethod mm = rules.messageMethod(m, annotation);
            if (!kinds.add(mm.kind())) {
                throw new DeploymentException(endpointClass.getName() + " has two @OnMessage methods for "
                        + mm.kind().name().toLowerCase() + " messages (one is " + m.getName()
                        + "); an endpoint may have at most one per message kind (spec §4.7)");
            }
            messages.add(mm);
        }
        return new EndpointModel(endpointClass, open, close, error, messages);
    }

    private static EndpointMethod single(Class<?> type, List<Method> methods, Class<? extends Annotation> annotation,
            ParameterRules rules) throws DeploymentException {
        EndpointMethod found = null;
        for (Method m : methods) {
            if (!m.isAnnotationPresent(annotation)) {
                continue;
            }
            if (found != null) {
                throw new DeploymentException(type.getName() + " has more than one @" + annotation.getSimpleName()
                        + " method (" + found.method().getName() + " and " + m.getName() + ")");
            }
            found = rules.lifecycleMethod(m, annotation);
        }
        return found;
    }

    /**
     * The methods that count: public or not, declared on the class or a superclass, the most derived declaration of
     * each signature winning (so an un-annotated override hides an annotated parent method).
     */
    private static List<Method> visibleMethods(Class<?> type) {
        List<Method> result = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        for (Class<?> c = type; c != null && c != Object.class; c = c.getSuperclass()) {
            for (Method m : c.getDeclaredMethods()) {
                if (m.isSynthetic() || m.isBridge() || Modifier.isStatic(m.getModifiers())) {
                    continue;
                }
                String signature = m.getName() + java.util.Arrays.toString(m.getParameterTypes());
                if (seen.add(signature)) {
                    result.add(m);
                }
            }
        }
        return result;
    }

    public Class<?> endpointClass() {
        return endpointClass;
    }

    EndpointMethod onOpen() {
        return onOpen;
    }

    EndpointMethod onClose() {
        return onClose;
    }

    EndpointMethod onError() {
        return onError;
    }

    List<MessageMethod> onMessage() {
        return onMessage;
    }
}
