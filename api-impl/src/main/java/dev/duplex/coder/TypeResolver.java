package dev.duplex.coder;

import java.lang.reflect.GenericArrayType;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.lang.reflect.TypeVariable;
import java.util.HashMap;
import java.util.Map;

/**
 * Finds the actual type argument a class gives a generic interface, e.g. the {@code T} of
 * {@code MessageHandler.Whole<T>} or {@code Decoder.Text<T>}, following superclasses, superinterfaces and type
 * variables bound along the way. Stateless; any thread.
 */
public final class TypeResolver {

    private TypeResolver() {
    }

    /**
     * The raw class of {@code target}'s type parameter {@code index} as implemented by {@code type}, or null when it
     * cannot be determined (a lambda, or a type variable left open).
     */
    public static Class<?> typeArgument(Class<?> type, Class<?> target, int index) {
        Type found = find(type, target, index, new HashMap<>());
        return rawClass(found);
    }

    private static Type find(Type type, Class<?> target, int index, Map<TypeVariable<?>, Type> bindings) {
        Class<?> raw = rawClass(type);
        if (raw == null) {
            return null;
        }
        if (type instanceof ParameterizedType p) {
            TypeVariable<?>[] vars = raw.getTypeParameters();
            Type[] args = p.getActualTypeArguments();
            for (int i = 0; i < vars.length && i < args.length; i++) {
                bindings.put(vars[i], substitute(args[i], bindings));
            }
            if (raw == target) {
                return substitute(args[index], bindings);
            }
        } else if (raw == target) {
            return null;
        }
        for (Type parent : raw.getGenericInterfaces()) {
            Type found = find(parent, target, index, bindings);
            if (found != null) {
                return found;
            }
        }
        Type superclass = raw.getGenericSuperclass();
        return superclass == null ? null : find(superclass, target, index, bindings);
    }

    private static Type substitute(Type type, Map<TypeVariable<?>, Type> bindings) {
        Type current = type;
        while (current instanceof TypeVariable<?> v && bindings.containsKey(v)) {
            current = bindings.get(v);
        }
        return current;
    }

    /** The raw class of a type: a class, the raw type of a parameterized type, an array class; else null. */
    public static Class<?> rawClass(Type type) {
        if (type instanceof Class<?> c) {
            return c;
        }
        if (type instanceof ParameterizedType p) {
            return rawClass(p.getRawType());
        }
        if (type instanceof GenericArrayType g) {
            Class<?> component = rawClass(g.getGenericComponentType());
            return component == null ? null : component.arrayType();
        }
        return null;
    }
}
