package dev.duplex.tck.container;

import org.jboss.arquillian.container.tomcat.embedded.TomcatEmbeddedConfiguration;

/**
 * The adapter's embedded Tomcat configuration ({@code arquillian.xml}, qualifier {@code tomcat}) plus
 * {@code users}: the test users of the engine's realm, in {@link TestUsers} form.
 */
public class LoopbackTomcatConfiguration extends TomcatEmbeddedConfiguration {

    private String users;

    public String getUsers() {
        return users;
    }

    public void setUsers(String users) {
        this.users = users;
    }
}
