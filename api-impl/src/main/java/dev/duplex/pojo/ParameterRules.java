package dev.duplex.pojo;

import dev.duplex.coder.DecoderSpec;
import dev.duplex.coder.EncoderSpec;
import dev.duplex.session.PrimitiveText;
import jakarta.websocket.CloseReason;
import jakarta.websocket.DecodeException;
import jakarta.websocket.DeploymentException;
import jakarta.websocket.EndpointConfig;
import jakarta.websocket.OnClose;
import jakarta.websocket.OnError;
import jakarta.websocket.OnMessage;
import jakarta.websocket.OnOpen;
import jakarta.websocket.PongMessage;
import jakarta.websocket.Session;
import jakarta.websocket.server.PathParam;
import java.io.InputStream;
import java.io.Reader;
import java.lang.annotation.Annotation;
import java.lang.reflect.Method;
import java.lang.reflect.Parameter;
import java.nio.ByteBuffer;
import java.util.Set;

/**
 * The parameter rules of spec §4.1–§4.5 for annotated methods: which types each annotation allows, and a resolver
 * for each parameter. Used at deployment only; each violation is a {@link DeploymentException} that names the class,
 * the method and the parameter.
 */
final class ParameterRules {

    private final Class<?> type;
    private final Set<String> pathVariables;
    private final java.util.List<DecoderSpec> decoders;
    private final java.util.List<EncoderSpec> encoders;

    ParameterRules(Class<?> type, Set<String> pathVariables, java.util.List<DecoderSpec> decoders,
            java.util.List<EncoderSpec> encoders) {
        this.type = type;
        this.pathVariables = pathVariables;
        this.decoders = decoders;
        this.encoders = encoders;
    }

    /** A return value is sent back: it must be a type Duplex or one of the endpoint's encoders can send. */
    private void checkReturnType(Method m) throws DeploymentException {
        Class<?> r = m.getReturnType();
        if (r == void.class || r == String.class || r == ByteBuffer.class || r == byte[].class
                || PrimitiveText.isPrimitive(r) || r == Object.class) {
            return;
        }
        for (EncoderSpec e : encoders) {
            if (e.source().isAssignableFrom(r) || r.isAssignableFrom(e.source())) {
                return;
            }
        }
        throw invalid(m, OnMessage.class, "its return type " + r.getName() + " cannot be sent: return void, "
                + "String, ByteBuffer, byte[], a primitive, or a type one of the endpoint's encoders handles (spec §4.7)");
    }

    /** {@code @OnOpen}, {@code @OnClose} or {@code @OnError}. */
    EndpointMethod lifecycleMethod(Method m, Class<? extends Annotation> annotation) throws DeploymentException {
        Parameter[] params = m.getParameters();
        ArgResolver[] resolvers = new ArgResolver[params.length];
        boolean sawThrowable = false;
        for (int i = 0; i < params.length; i++) {
            Parameter p = params[i];
            Class<?> t = p.getType();
            ArgResolver common = commonParameter(m, p);
            if (common != null) {
                resolvers[i] = common;
            } else if (annotation == OnOpen.class && t == EndpointConfig.class) {
                resolvers[i] = CallContext::config;
            } else if (annotation == OnClose.class && t == CloseReason.class) {
                resolvers[i] = CallContext::closeReason;
            } else if (annotation == OnError.class && t == Throwable.class && !sawThrowable) {
                sawThrowable = true;
                resolvers[i] = CallContext::error;
            } else {
                throw invalid(m, annotation, "parameter " + (i + 1) + " of type " + t.getName() + " is not allowed"
                        + allowedFor(annotation));
            }
        }
        if (annotation == OnError.class && !sawThrowable) {
            throw invalid(m, annotation, "an @OnError method must take a Throwable parameter (spec §4.5)");
        }
        return new EndpointMethod(m, resolvers);
    }

    private static String allowedFor(Class<? extends Annotation> annotation) {
        if (annotation == OnOpen.class) {
            return " (allowed: Session, EndpointConfig, @PathParam parameters; spec §4.3)";
        } else if (annotation == OnClose.class) {
            return " (allowed: Session, CloseReason, @PathParam parameters; spec §4.4)";
        }
        return " (allowed: Throwable, Session, @PathParam parameters; spec §4.5)";
    }

    /** {@code @OnMessage}: exactly one message parameter, optionally a {@code boolean last}. */
    MessageMethod messageMethod(Method m, OnMessage annotation) throws DeploymentException {
        Parameter[] params = m.getParameters();
        ArgResolver[] resolvers = new ArgResolver[params.length];
        int payloadIndex = -1;
        int lastIndex = -1;
        for (int i = 0; i < params.length; i++) {
            ArgResolver common = commonParameter(m, params[i]);
            if (common != null) {
                resolvers[i] = common;
            } else if (params[i].getType() == boolean.class && lastIndex < 0 && hasOtherPayload(m, params, i)) {
                lastIndex = i;
                resolvers[i] = CallContext::last;
            } else if (payloadIndex < 0) {
                payloadIndex = i;
                resolvers[i] = CallContext::payload;
            } else {
                throw invalid(m, OnMessage.class, "parameters " + (payloadIndex + 1) + " and " + (i + 1)
                        + " both look like the message; an @OnMessage method takes one message parameter (spec §4.7)");
            }
        }
        if (payloadIndex < 0) {
            throw invalid(m, OnMessage.class, "it has no message parameter (spec §4.7)");
        }
        Class<?> payload = params[payloadIndex].getType();
        boolean partial = lastIndex >= 0;
        MessageMethod.Kind kind = kindOf(m, payload, partial);
        checkReturnType(m);
        long max = annotation.maxMessageSize();
        if (max != -1 && kind == MessageMethod.Kind.PONG) {
            throw invalid(m, OnMessage.class, "maxMessageSize applies to text and binary messages, not pongs");
        }
        if (max > Integer.MAX_VALUE) {
            throw invalid(m, OnMessage.class, "maxMessageSize " + max + " is larger than Integer.MAX_VALUE: no String "
                    + "or ByteBuffer can hold such a message (spec §4.7.1)");
        }
        if (max != -1 && max < 1) {
            throw invalid(m, OnMessage.class, "maxMessageSize must be positive or -1 (unset), was " + max);
        }
        return new MessageMethod(new EndpointMethod(m, resolvers), payload, partial, kind, max,
                m.getReturnType() != void.class);
    }

    private static boolean hasOtherPayload(Method m, Parameter[] params, int booleanIndex) {
        for (int j = 0; j < params.length; j++) {
            if (j != booleanIndex && params[j].getType() != Session.class && !params[j].isAnnotationPresent(PathParam.class)) {
                return true;
            }
        }
        return false;
    }

    private MessageMethod.Kind kindOf(Method m, Class<?> payload, boolean partial) throws DeploymentException {
        if (payload == String.class) {
            return MessageMethod.Kind.TEXT;
        }
        if (payload == ByteBuffer.class || payload == byte[].class) {
            return MessageMethod.Kind.BINARY;
        }
        if (partial) {
            throw invalid(m, OnMessage.class, "a partial message (boolean last) must be String, byte[] or ByteBuffer, not "
                    + payload.getName() + " (spec §4.7)");
        }
        if (payload == Reader.class || PrimitiveText.isPrimitive(payload)) {
            return MessageMethod.Kind.TEXT;
        }
        if (payload == InputStream.class) {
            return MessageMethod.Kind.BINARY;
        }
        if (payload == PongMessage.class) {
            return MessageMethod.Kind.PONG;
        }
        for (DecoderSpec d : decoders) {
            if (payload.isAssignableFrom(d.target())) {
                return d.kind().isText() ? MessageMethod.Kind.TEXT : MessageMethod.Kind.BINARY;
            }
        }
        throw invalid(m, OnMessage.class, "no decoder handles its message type " + payload.getName()
                + " (declare one in the endpoint's decoders)");
    }

    /** Session and {@code @PathParam} parameters, allowed on every annotated method; null for anything else. */
    private ArgResolver commonParameter(Method m, Parameter p) throws DeploymentException {
        if (p.getType() == Session.class) {
            return CallContext::session;
        }
        PathParam pathParam = p.getAnnotation(PathParam.class);
        if (pathParam == null) {
            return null;
        }
        String name = pathParam.value();
        Class<?> t = p.getType();
        if (t != String.class && !PrimitiveText.isPrimitive(t)) {
            throw invalid(m, null, "@PathParam(\"" + name + "\") is a " + t.getName()
                    + "; path parameters must be String or a primitive type or its box (spec §4.3)");
        }
        if (pathVariables != null && !pathVariables.contains(name)) {
            if (t == String.class) {
                return context -> null; // WSC-4.3-3: a name not in the template gives null
            }
            throw invalid(m, null, "@PathParam(\"" + name + "\") on a " + t.getName() + " names no variable of the "
                    + "path template (variables: " + pathVariables + "), so it has no value");
        }
        return context -> convertPathParam(context, name, t);
    }

    private static Object convertPathParam(CallContext context, String name, Class<?> t) throws DecodeException {
        String value = context.session().getPathParameters().get(name);
        if (value == null || t == String.class) {
            return t.isPrimitive() && value == null ? PrimitiveText.parse("0", t) : value;
        }
        try {
            return PrimitiveText.parse(value, t);
        } catch (IllegalArgumentException e) {
            throw new DecodeException(value, "path parameter " + name + "='" + value + "' is not a "
                    + t.getSimpleName(), e);
        }
    }

    private DeploymentException invalid(Method m, Class<? extends Annotation> annotation, String rule) {
        String what = annotation == null ? "" : " @" + annotation.getSimpleName();
        return new DeploymentException("invalid" + what + " method " + type.getName() + "." + m.getName() + ": " + rule);
    }
}
