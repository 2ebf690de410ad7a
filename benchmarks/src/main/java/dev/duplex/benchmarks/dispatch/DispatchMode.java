package dev.duplex.benchmarks.dispatch;

import dev.duplex.server.WsServerContainer;

/**
 * Where the endpoint's callbacks run, the benchmark's {@code dispatch} parameter (DESIGN.md §3, last paragraph):
 * {@code executor}, the per-session {@code SerialExecutor} hopping to a pool thread, or {@code inline}, on the
 * reading thread (here the JMH thread) while the session's dispatcher is idle, through the container setting
 * {@link WsServerContainer#setInlineDispatch} (key {@code duplex.dispatch}).
 */
final class DispatchMode {

    private DispatchMode() {
    }

    /** Configures a new container, before any session opens. */
    static void apply(WsServerContainer container, String mode) {
        switch (mode) {
            case "executor":
                container.setInlineDispatch(false);
                return;
            case "inline":
                container.setInlineDispatch(true);
                return;
            default:
                throw new IllegalArgumentException("unknown dispatch mode '" + mode + "': executor or inline");
        }
    }
}
