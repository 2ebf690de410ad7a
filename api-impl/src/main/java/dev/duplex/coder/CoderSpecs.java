package dev.duplex.coder;

import jakarta.websocket.Decoder;
import jakarta.websocket.DeploymentException;
import jakarta.websocket.Encoder;
import jakarta.websocket.EndpointConfig;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Resolves an endpoint configuration's encoder and decoder classes, once per class (cached), so deployment checks
 * them and sessions reuse the result. Thread-safe.
 */
public final class CoderSpecs {

    private static final Map<Class<?>, DecoderSpec> DECODERS = new ConcurrentHashMap<>();
    private static final Map<Class<?>, EncoderSpec> ENCODERS = new ConcurrentHashMap<>();

    private CoderSpecs() {
    }

    public static List<DecoderSpec> decoders(List<Class<? extends Decoder>> types) throws DeploymentException {
        List<DecoderSpec> specs = new ArrayList<>();
        for (Class<? extends Decoder> type : types) {
            DecoderSpec spec = DECODERS.get(type);
            if (spec == null) {
                spec = DecoderSpec.of(type);
                DECODERS.put(type, spec);
            }
            specs.add(spec);
        }
        return specs;
    }

    public static List<EncoderSpec> encoders(List<Class<? extends Encoder>> types) throws DeploymentException {
        List<EncoderSpec> specs = new ArrayList<>();
        for (Class<? extends Encoder> type : types) {
            EncoderSpec spec = ENCODERS.get(type);
            if (spec == null) {
                spec = EncoderSpec.of(type);
                ENCODERS.put(type, spec);
            }
            specs.add(spec);
        }
        return specs;
    }

    /** A session's decoders for a configuration that deployment already checked. */
    public static SessionDecoders sessionDecoders(EndpointConfig config) {
        try {
            return new SessionDecoders(decoders(config.getDecoders()), config);
        } catch (DeploymentException e) {
            throw new IllegalStateException(e.getMessage(), e);
        }
    }

    /** A session's encoders for a configuration that deployment already checked. */
    public static SessionEncoders sessionEncoders(EndpointConfig config) {
        try {
            return new SessionEncoders(encoders(config.getEncoders()), config);
        } catch (DeploymentException e) {
            throw new IllegalStateException(e.getMessage(), e);
        }
    }
}
