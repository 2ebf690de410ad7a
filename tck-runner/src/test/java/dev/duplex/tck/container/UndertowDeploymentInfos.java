package dev.duplex.tck.container;

import io.undertow.security.idm.IdentityManager;
import io.undertow.server.handlers.resource.PathResourceManager;
import io.undertow.servlet.Servlets;
import io.undertow.servlet.api.DeploymentInfo;
import io.undertow.servlet.api.FilterInfo;
import io.undertow.servlet.api.ListenerInfo;
import io.undertow.servlet.api.LoginConfig;
import io.undertow.servlet.api.SecurityConstraint;
import io.undertow.servlet.api.SecurityInfo;
import io.undertow.servlet.api.ServletContainerInitializerInfo;
import io.undertow.servlet.api.ServletInfo;
import io.undertow.servlet.api.WebResourceCollection;
import io.undertow.servlet.util.ImmediateInstanceFactory;
import jakarta.servlet.DispatcherType;
import jakarta.servlet.Filter;
import jakarta.servlet.Servlet;
import jakarta.servlet.ServletContainerInitializer;
import jakarta.servlet.annotation.WebFilter;
import jakarta.servlet.annotation.WebInitParam;
import jakarta.servlet.annotation.WebListener;
import jakarta.servlet.annotation.WebServlet;

import java.nio.file.Path;
import java.util.EventListener;
import java.util.List;
import java.util.Set;

/**
 * Turns an exploded WAR into Undertow's {@link DeploymentInfo}, doing what a full server (WildFly) does before it
 * hands a deployment to Undertow: applies {@code WEB-INF/web.xml} ({@link WebXml}), the {@code @WebServlet},
 * {@code @WebFilter} and {@code @WebListener} classes (unless the descriptor is {@code metadata-complete}), and
 * every {@link ServletContainerInitializer} with the classes its {@code @HandlesTypes} asks for ({@link WarScanner}).
 * Runs on the deploying thread.
 */
final class UndertowDeploymentInfos {

    private UndertowDeploymentInfos() {
    }

    static DeploymentInfo create(String deploymentName, String contextPath, Path dir, ClassLoader loader,
            IdentityManager identities) throws Exception {
        Path webInf = dir.resolve("WEB-INF");
        WebXml xml = WebXml.parse(webInf.resolve("web.xml"));
        List<Class<?>> classes = WarScanner.loadClasses(webInf, loader);

        DeploymentInfo info = Servlets.deployment()
                .setDeploymentName(deploymentName)
                .setContextPath(contextPath)
                .setClassLoader(loader)
                // No change listeners: they start a file-watcher thread per deployment that never ends and holds
                // the web application's class loader (its context class loader).
                .setResourceManager(PathResourceManager.builder().setBase(dir)
                        .setAllowResourceChangeListeners(false).build())
                .setDefaultEncoding("UTF-8")
                .setIdentityManager(identities);

        xml.contextParams().forEach(info::addInitParameter);
        for (String listener : xml.listeners()) {
            info.addListener(new ListenerInfo(loader.loadClass(listener).asSubclass(EventListener.class)));
        }
        for (WebXml.ServletDef def : xml.servlets()) {
            Class<? extends Servlet> type = loader.loadClass(def.className()).asSubclass(Servlet.class);
            ServletInfo servlet = new ServletInfo(def.name(), type)
                    .setAsyncSupported(def.asyncSupported())
                    .setLoadOnStartup(def.loadOnStartup())
                    .addMappings(xml.servletMappings().getOrDefault(def.name(), List.of()));
            def.initParams().forEach(servlet::addInitParam);
            info.addServlet(servlet);
        }
        for (WebXml.FilterDef def : xml.filters()) {
            FilterInfo filter = new FilterInfo(def.name(), loader.loadClass(def.className()).asSubclass(Filter.class))
                    .setAsyncSupported(def.asyncSupported());
            def.initParams().forEach(filter::addInitParam);
            info.addFilter(filter);
        }
        for (WebXml.FilterMapping mapping : xml.filterMappings()) {
            List<DispatcherType> dispatchers = mapping.dispatchers().isEmpty() ? List.of(DispatcherType.REQUEST)
                    : mapping.dispatchers().stream().map(DispatcherType::valueOf).toList();
            for (DispatcherType dispatcher : dispatchers) {
                mapping.urlPatterns().forEach(p -> info.addFilterUrlMapping(mapping.filterName(), p, dispatcher));
                mapping.servletNames().forEach(n -> info.addFilterServletNameMapping(mapping.filterName(), n,
                        dispatcher));
            }
        }
        if (!xml.metadataComplete()) {
            addAnnotated(info, xml, classes);
        }
        addSecurity(info, xml);
        if (xml.sessionTimeoutMinutes() != null) {
            info.setDefaultSessionTimeout(xml.sessionTimeoutMinutes() * 60);
        }
        for (ServletContainerInitializer sci : WarScanner.initializers(loader)) {
            Set<Class<?>> handled = WarScanner.handledTypes(sci, classes);
            info.addServletContainerInitializer(new ServletContainerInitializerInfo(sci.getClass(),
                    new ImmediateInstanceFactory<>(sci), handled));
        }
        return info;
    }

    private static void addAnnotated(DeploymentInfo info, WebXml xml, List<Class<?>> classes) {
        Set<String> declared = new java.util.HashSet<>();
        xml.servlets().forEach(s -> declared.add(s.className()));
        xml.filters().forEach(f -> declared.add(f.className()));
        for (Class<?> type : classes) {
            WebServlet ws = type.getAnnotation(WebServlet.class);
            if (ws != null && Servlet.class.isAssignableFrom(type) && !declared.contains(type.getName())) {
                ServletInfo servlet = new ServletInfo(ws.name().isEmpty() ? type.getName() : ws.name(),
                        type.asSubclass(Servlet.class))
                        .setAsyncSupported(ws.asyncSupported())
                        .addMappings(ws.urlPatterns().length > 0 ? ws.urlPatterns() : ws.value());
                if (ws.loadOnStartup() >= 0) {
                    servlet.setLoadOnStartup(ws.loadOnStartup());
                }
                for (WebInitParam p : ws.initParams()) {
                    servlet.addInitParam(p.name(), p.value());
                }
                info.addServlet(servlet);
            }
            WebFilter wf = type.getAnnotation(WebFilter.class);
            if (wf != null && Filter.class.isAssignableFrom(type) && !declared.contains(type.getName())) {
                String name = wf.filterName().isEmpty() ? type.getName() : wf.filterName();
                FilterInfo filter = new FilterInfo(name, type.asSubclass(Filter.class))
                        .setAsyncSupported(wf.asyncSupported());
                for (WebInitParam p : wf.initParams()) {
                    filter.addInitParam(p.name(), p.value());
                }
                info.addFilter(filter);
                for (DispatcherType dispatcher : wf.dispatcherTypes()) {
                    for (String pattern : wf.urlPatterns().length > 0 ? wf.urlPatterns() : wf.value()) {
                        info.addFilterUrlMapping(name, pattern, dispatcher);
                    }
                    for (String servletName : wf.servletNames()) {
                        info.addFilterServletNameMapping(name, servletName, dispatcher);
                    }
                }
            }
            if (type.isAnnotationPresent(WebListener.class) && EventListener.class.isAssignableFrom(type)
                    && !xml.listeners().contains(type.getName())) {
                info.addListener(new ListenerInfo(type.asSubclass(EventListener.class)));
            }
        }
    }

    private static void addSecurity(DeploymentInfo info, WebXml xml) {
        if (xml.authMethod() != null) {
            info.setLoginConfig(new LoginConfig(xml.authMethod(), xml.realmName()));
        }
        info.addSecurityRoles(xml.securityRoles());
        for (WebXml.Constraint c : xml.constraints()) {
            if (c.roles() == null) {
                continue; // no <auth-constraint>: no authorisation required
            }
            SecurityConstraint constraint = new SecurityConstraint();
            if (c.roles().isEmpty()) {
                constraint.setEmptyRoleSemantic(SecurityInfo.EmptyRoleSemantic.DENY);
            } else {
                constraint.addRolesAllowed(c.roles());
            }
            for (WebXml.ResourceCollection rc : c.collections()) {
                constraint.addWebResourceCollection(new WebResourceCollection()
                        .addUrlPatterns(rc.urlPatterns())
                        .addHttpMethods(rc.methods())
                        .addHttpMethodOmissions(rc.methodOmissions()));
            }
            info.addSecurityConstraint(constraint);
        }
    }
}
