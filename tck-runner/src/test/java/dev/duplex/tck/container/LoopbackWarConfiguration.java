package dev.duplex.tck.container;

import org.jboss.arquillian.container.spi.ConfigurationException;
import org.jboss.arquillian.container.spi.client.container.ContainerConfiguration;

/**
 * {@code arquillian.xml} configuration of our own WAR adapters, {@link UndertowWarContainer} (qualifier
 * {@code undertow}) and {@link JettyWarContainer} ({@code jetty}): the address and port to listen on (0: the
 * operating system chooses) and the test users ({@link TestUsers} form).
 */
public class LoopbackWarConfiguration implements ContainerConfiguration {

    private String bindAddress = "127.0.0.1";
    private int bindHttpPort;
    private String users;

    @Override
    public void validate() throws ConfigurationException {
        if (bindHttpPort < 0 || bindHttpPort > 65535) {
            throw new ConfigurationException("bindHttpPort " + bindHttpPort
                    + " is not a port (0 lets the system choose)");
        }
        try {
            TestUsers.parse(users);
        } catch (IllegalArgumentException e) {
            throw new ConfigurationException(e.getMessage());
        }
    }

    public String getBindAddress() {
        return bindAddress;
    }

    public void setBindAddress(String bindAddress) {
        this.bindAddress = bindAddress;
    }

    public int getBindHttpPort() {
        return bindHttpPort;
    }

    public void setBindHttpPort(int bindHttpPort) {
        this.bindHttpPort = bindHttpPort;
    }

    public String getUsers() {
        return users;
    }

    public void setUsers(String users) {
        this.users = users;
    }
}
