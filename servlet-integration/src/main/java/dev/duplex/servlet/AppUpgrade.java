package dev.duplex.servlet;

import java.util.ArrayList;
import java.util.List;
import java.util.ServiceLoader;

/**
 * What one web application's upgrades share: its authenticated sessions (WSC-7.2-3) and the container-specific
 * {@link ConnectionUpgrader}s found in its class loader. Immutable; created once at deployment.
 *
 * @param authenticated sessions opened by authenticated handshakes
 * @param upgraders container-specific upgraders, tried in order before the standard upgrade
 */
record AppUpgrade(AuthenticatedSessions authenticated, List<ConnectionUpgrader> upgraders) {

    static AppUpgrade load(ClassLoader loader) {
        List<ConnectionUpgrader> found = new ArrayList<>();
        ServiceLoader.load(ConnectionUpgrader.class, loader).forEach(found::add);
        return new AppUpgrade(new AuthenticatedSessions(), List.copyOf(found));
    }
}
