package dev.duplex.session;

import jakarta.websocket.Extension;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** An extension with its parameters, as offered in a handshake or negotiated. Immutable. */
public final class WsExtension implements Extension {

    private final String name;
    private final List<Parameter> parameters;

    public WsExtension(String name, Map<String, String> parameters) {
        this.name = name;
        List<Parameter> list = new ArrayList<>();
        parameters.forEach((k, v) -> list.add(new WsParameter(k, v)));
        this.parameters = List.copyOf(list);
    }

    @Override
    public String getName() {
        return name;
    }

    @Override
    public List<Parameter> getParameters() {
        return parameters;
    }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder(name);
        for (Parameter p : parameters) {
            sb.append("; ").append(p.getName());
            if (p.getValue() != null) {
                sb.append('=').append(p.getValue());
            }
        }
        return sb.toString();
    }

    private record WsParameter(String name, String value) implements Parameter {
        @Override
        public String getName() {
            return name;
        }

        @Override
        public String getValue() {
            return value;
        }
    }
}
