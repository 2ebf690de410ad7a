package dev.duplex.tck.container;

import org.apache.catalina.realm.GenericPrincipal;
import org.apache.catalina.realm.RealmBase;

import java.security.Principal;
import java.util.List;

/**
 * A Tomcat realm over {@link TestUsers}, set on the engine by {@link LoopbackTomcatContainer} so that every test WAR
 * with a {@code <login-config>} authenticates against it. Passwords are compared in clear text (RealmBase's default
 * credential handler). Tomcat calls it on request threads; immutable.
 */
final class TestUsersRealm extends RealmBase {

    private final TestUsers users;

    TestUsersRealm(TestUsers users) {
        this.users = users;
    }

    @Override
    protected String getPassword(String username) {
        return users.find(username).map(TestUsers.User::password).orElse(null);
    }

    @Override
    protected Principal getPrincipal(String username) {
        return users.find(username)
                .map(u -> (Principal) new GenericPrincipal(u.name(), List.copyOf(u.roles())))
                .orElse(null);
    }
}
