package dev.duplex.coder;

import jakarta.websocket.DeploymentException;
import jakarta.websocket.Encoder;

/**
 * An encoder class and the type it encodes, resolved once at deployment. Immutable.
 *
 * @param type the encoder class
 * @param source the class of objects it encodes
 * @param kind text or binary, whole or streamed
 */
public record EncoderSpec(Class<? extends Encoder> type, Class<?> source, CoderKind kind) {

    public static EncoderSpec of(Class<? extends Encoder> type) throws DeploymentException {
        CoderKind kind;
        Class<?> iface;
        if (Encoder.Text.class.isAssignableFrom(type)) {
            kind = CoderKind.TEXT;
            iface = Encoder.Text.class;
        } else if (Encoder.TextStream.class.isAssignableFrom(type)) {
            kind = CoderKind.TEXT_STREAM;
            iface = Encoder.TextStream.class;
        } else if (Encoder.Binary.class.isAssignableFrom(type)) {
            kind = CoderKind.BINARY;
            iface = Encoder.Binary.class;
        } else if (Encoder.BinaryStream.class.isAssignableFrom(type)) {
            kind = CoderKind.BINARY_STREAM;
            iface = Encoder.BinaryStream.class;
        } else {
            throw new DeploymentException("encoder " + type.getName()
                    + " implements none of Encoder.Text, TextStream, Binary or BinaryStream");
        }
        Class<?> source = TypeResolver.typeArgument(type, iface, 0);
        if (source == null) {
            throw new DeploymentException("cannot tell what encoder " + type.getName() + " encodes: declare "
                    + iface.getSimpleName() + "<YourType> with a concrete type");
        }
        return new EncoderSpec(type, source, kind);
    }
}
