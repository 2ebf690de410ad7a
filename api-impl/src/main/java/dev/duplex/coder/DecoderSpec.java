package dev.duplex.coder;

import jakarta.websocket.Decoder;
import jakarta.websocket.DeploymentException;

/**
 * A decoder class and what it produces, resolved once at deployment. Immutable.
 *
 * @param type the decoder class
 * @param target the class it decodes to
 * @param kind text or binary, whole or streamed
 */
public record DecoderSpec(Class<? extends Decoder> type, Class<?> target, CoderKind kind) {

    /** Resolves a decoder class; a class that is not one of the four kinds, or whose type is unclear, fails. */
    public static DecoderSpec of(Class<? extends Decoder> type) throws DeploymentException {
        CoderKind kind;
        Class<?> iface;
        if (Decoder.Text.class.isAssignableFrom(type)) {
            kind = CoderKind.TEXT;
            iface = Decoder.Text.class;
        } else if (Decoder.TextStream.class.isAssignableFrom(type)) {
            kind = CoderKind.TEXT_STREAM;
            iface = Decoder.TextStream.class;
        } else if (Decoder.Binary.class.isAssignableFrom(type)) {
            kind = CoderKind.BINARY;
            iface = Decoder.Binary.class;
        } else if (Decoder.BinaryStream.class.isAssignableFrom(type)) {
            kind = CoderKind.BINARY_STREAM;
            iface = Decoder.BinaryStream.class;
        } else {
            throw new DeploymentException("decoder " + type.getName()
                    + " implements none of Decoder.Text, TextStream, Binary or BinaryStream");
        }
        Class<?> target = TypeResolver.typeArgument(type, iface, 0);
        if (target == null) {
            throw new DeploymentException("cannot tell what decoder " + type.getName() + " decodes to: declare "
                    + iface.getSimpleName() + "<YourType> with a concrete type");
        }
        return new DecoderSpec(type, target, kind);
    }
}
