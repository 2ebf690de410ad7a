package dev.duplex.tck.servlet;

import dev.duplex.tck.support.DuplexWar;
import org.jboss.shrinkwrap.api.asset.StringAsset;
import org.jboss.shrinkwrap.api.spec.WebArchive;

/**
 * The WAR of the servlet-security tests: {@code /secure/*} needs the role {@code user}, BASIC authentication
 * against the containers' test users (arquillian.xml: alice has user and admin, bob has user, carol none).
 * Tomcat: its META-INF/context.xml checks for expired HTTP sessions every second (instead of every minute).
 */
final class SecureWar {

    static final String WEB_XML = """
            <web-app xmlns="https://jakarta.ee/xml/ns/jakartaee" version="6.0">
              <security-constraint>
                <web-resource-collection>
                  <web-resource-name>secure</web-resource-name>
                  <url-pattern>/secure/*</url-pattern>
                </web-resource-collection>
                <auth-constraint>
                  <role-name>user</role-name>
                </auth-constraint>
              </security-constraint>
              <login-config>
                <auth-method>BASIC</auth-method>
                <realm-name>duplex-tck</realm-name>
              </login-config>
              <security-role>
                <role-name>user</role-name>
              </security-role>
              <security-role>
                <role-name>admin</role-name>
              </security-role>
            </web-app>
            """;

    static final String TOMCAT_CONTEXT = """
            <Context backgroundProcessorDelay="1">
              <Manager processExpiresFrequency="1" pathname=""/>
            </Context>
            """;

    private SecureWar() {
    }

    static WebArchive create(String name) {
        return DuplexWar.create(name, IdentityConfigurator.class, IdentityEndpoint.class,
                        PublicIdentityEndpoint.class, LoginServlet.class)
                .setWebXML(new StringAsset(WEB_XML))
                .addAsManifestResource(new StringAsset(TOMCAT_CONTEXT), "context.xml");
    }
}
