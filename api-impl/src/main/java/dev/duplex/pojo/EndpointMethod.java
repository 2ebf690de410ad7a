package dev.duplex.pojo;

import jakarta.websocket.DecodeException;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;

/**
 * One annotated method with a resolver per parameter, built and validated once at deployment. Immutable; invoked
 * on the session's dispatcher.
 */
final class EndpointMethod {

    private final Method method;
    private final ArgResolver[] resolvers;

    EndpointMethod(Method method, ArgResolver[] resolvers) {
        this.method = method;
        this.resolvers = resolvers.clone();
        this.method.setAccessible(true);
    }

    Method method() {
        return method;
    }

    /**
     * Calls the method on {@code instance}. Exceptions thrown by the method come out as themselves (unwrapped);
     * a parameter that cannot be converted comes out as a {@link DecodeException}.
     */
    Object invoke(Object instance, CallContext context) throws Throwable {
        Object[] args = new Object[resolvers.length];
        for (int i = 0; i < args.length; i++) {
            args[i] = resolvers[i].resolve(context);
        }
        try {
            return method.invoke(instance, args);
        } catch (InvocationTargetException e) {
            throw e.getCause();
        }
    }

    @Override
    public String toString() {
        return method.getDeclaringClass().getName() + "." + method.getName();
    }
}
