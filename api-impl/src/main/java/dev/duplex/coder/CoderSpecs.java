package dev.duplex.coder;

import jakarta.websocket.Decoder;
import jakarta.websocket.DeploymentException;
import jakarta.websocket.Encoder;
import jakarta.websocket.EndpointConfig;
import java.util.ArrayList;
import java.util.List;

/**
 * Resolves an endpoint configuration's encoder and decoder classes, once per class, so deployment checks them and
 * sessions reuse the result. The cache is a {@link ClassValue}: an entry lives as long as its class, so a
 * redeployed application's classes (and class loader) are never kept alive by Duplex. Thread-safe.
 */
public final class CoderSpecs {

    private static final ClassValue<Object> DECODERS = new ClassValue<>() {
        @Override
        @SuppressWarnings("unchecked")
        protected Object computeValue(Class<?> type) {
            try {
                return DecoderSpec.of((Class<? extends Decoder>) type);
            } catch (DeploymentException e) {
                return e;
            }
        }
    };
    private static final ClassValue<Object> ENCODERS = new ClassValue<>() {
        @Override
        @SuppressWarnings("unchecked")
        protected Object computeValue(Class<?> type) {
            try {
                return EncoderSpec.of((Class<? extends Encoder>) type);
            } catch (DeploymentException e) {
                return e;
            }
        }
    };

    private CoderSpecs() {
    }

    public static List<DecoderSpec> decoders(List<Class<? extends Decoder>> types) throws DeploymentException {
        List<DecoderSpec> specs = new ArrayList<>();
        for (Class<? extends Decoder> type : types) {
            Object spec = DECODERS.get(type);
            if (spec instanceof DeploymentException e) {
                throw new DeploymentException(e.getMessage(), e);
            }
            specs.add((DecoderSpec) spec);
        }
        return specs;
    }

    public static List<EncoderSpec> encoders(List<Class<? extends Encoder>> types) throws DeploymentException {
        List<EncoderSpec> specs = new ArrayList<>();
        for (Class<? extends Encoder> type : types) {
            Object spec = ENCODERS.get(type);
            if (spec instanceof DeploymentException e) {
                throw new DeploymentException(e.getMessage(), e);
            }
            specs.add((EncoderSpec) spec);
        }
        return specs;
    }

    /** A session's decoders for a configuration that deployment already checked. */
    public static SessionDecoders sessionDecoders(EndpointConfig config) {
        if (config.getDecoders().isEmpty()) {
            return SessionDecoders.NONE; // shared: an idle connection should hold little
        }
        try {
            return new SessionDecoders(decoders(config.getDecoders()), config);
        } catch (DeploymentException e) {
            throw new IllegalStateException(e.getMessage(), e);
        }
    }

    /** A session's encoders for a configuration that deployment already checked. */
    public static SessionEncoders sessionEncoders(EndpointConfig config) {
        if (config.getEncoders().isEmpty()) {
            return SessionEncoders.NONE; // shared: an idle connection should hold little
        }
        try {
            return new SessionEncoders(encoders(config.getEncoders()), config);
        } catch (DeploymentException e) {
            throw new IllegalStateException(e.getMessage(), e);
        }
    }
}
