package dev.duplex.session;

/**
 * Text messages as Java primitives and their boxes (spec §4.7.1): the built-in decoding of a text message for
 * handlers and {@code @OnMessage} methods that take one. Stateless.
 */
public final class PrimitiveText {

    private PrimitiveText() {
    }

    /** Parses {@code text} as {@code type}; IllegalArgumentException when it is not one. */
    public static Object parse(String text, Class<?> type) {
        Class<?> t = box(type);
        if (t == Integer.class) {
            return Integer.valueOf(text.trim());
        } else if (t == Long.class) {
            return Long.valueOf(text.trim());
        } else if (t == Double.class) {
            return Double.valueOf(text.trim());
        } else if (t == Float.class) {
            return Float.valueOf(text.trim());
        } else if (t == Short.class) {
            return Short.valueOf(text.trim());
        } else if (t == Byte.class) {
            return Byte.valueOf(text.trim());
        } else if (t == Boolean.class) {
            return Boolean.valueOf(text.trim());
        } else if (t == Character.class) {
            if (text.length() != 1) {
                throw new IllegalArgumentException("'" + text + "' is not a single character");
            }
            return text.charAt(0);
        }
        throw new IllegalArgumentException(type.getName() + " is not a primitive type");
    }

    /** True for primitives and their boxes. */
    public static boolean isPrimitive(Class<?> type) {
        return type.isPrimitive() || box(type) != type || type == Integer.class || type == Long.class
                || type == Double.class || type == Float.class || type == Short.class || type == Byte.class
                || type == Boolean.class || type == Character.class;
    }

    static Class<?> box(Class<?> type) {
        if (!type.isPrimitive()) {
            return type;
        }
        if (type == int.class) {
            return Integer.class;
        } else if (type == long.class) {
            return Long.class;
        } else if (type == double.class) {
            return Double.class;
        } else if (type == float.class) {
            return Float.class;
        } else if (type == short.class) {
            return Short.class;
        } else if (type == byte.class) {
            return Byte.class;
        } else if (type == boolean.class) {
            return Boolean.class;
        } else if (type == char.class) {
            return Character.class;
        }
        return type;
    }
}
