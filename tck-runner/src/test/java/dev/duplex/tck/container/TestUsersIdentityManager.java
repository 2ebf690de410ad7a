package dev.duplex.tck.container;

import io.undertow.security.idm.Account;
import io.undertow.security.idm.Credential;
import io.undertow.security.idm.IdentityManager;
import io.undertow.security.idm.PasswordCredential;

import java.security.Principal;
import java.util.Set;

/**
 * Undertow's identity manager over {@link TestUsers}: the counterpart of Tomcat's {@link TestUsersRealm}, set on
 * every deployment by {@link UndertowWarContainer}. Undertow calls it on request (worker or I/O) threads; immutable.
 */
final class TestUsersIdentityManager implements IdentityManager {

    /** An authenticated test user. */
    private record UserAccount(UserPrincipal principal, Set<String> roles) implements Account {
        @Override
        public Principal getPrincipal() {
            return principal;
        }

        @Override
        public Set<String> getRoles() {
            return roles;
        }
    }

    /** The user's principal: its name. */
    private record UserPrincipal(String name) implements Principal, java.io.Serializable {
        @Override
        public String getName() {
            return name;
        }
    }

    private final TestUsers users;

    TestUsersIdentityManager(TestUsers users) {
        this.users = users;
    }

    @Override
    public Account verify(Account account) {
        return account;
    }

    @Override
    public Account verify(String id, Credential credential) {
        if (!(credential instanceof PasswordCredential password)) {
            return null;
        }
        return users.find(id)
                .filter(u -> u.password().equals(new String(password.getPassword())))
                .map(u -> (Account) new UserAccount(new UserPrincipal(u.name()), u.roles()))
                .orElse(null);
    }

    @Override
    public Account verify(Credential credential) {
        return null;
    }
}
