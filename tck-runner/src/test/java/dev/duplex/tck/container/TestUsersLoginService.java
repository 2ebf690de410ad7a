package dev.duplex.tck.container;

import org.eclipse.jetty.security.AbstractLoginService;
import org.eclipse.jetty.security.RolePrincipal;
import org.eclipse.jetty.security.UserPrincipal;
import org.eclipse.jetty.util.security.Password;

import java.util.List;

/**
 * Jetty's login service over {@link TestUsers}: the counterpart of Tomcat's {@link TestUsersRealm} and Undertow's
 * {@link TestUsersIdentityManager}, given to every deployment's security handler by {@link JettyWarContainer}
 * (whatever realm name its web.xml declares). Jetty calls it on request threads; immutable apart from Jetty's own
 * life-cycle state.
 */
final class TestUsersLoginService extends AbstractLoginService {

    private final TestUsers users;

    TestUsersLoginService(String name, TestUsers users) {
        this.users = users;
        setName(name);
    }

    @Override
    protected UserPrincipal loadUserInfo(String username) {
        return users.find(username).map(u -> new UserPrincipal(u.name(), new Password(u.password()))).orElse(null);
    }

    @Override
    protected List<RolePrincipal> loadRoleInfo(UserPrincipal user) {
        return users.find(user.getName()).map(u -> u.roles().stream().sorted().map(RolePrincipal::new).toList())
                .orElse(List.of());
    }
}
