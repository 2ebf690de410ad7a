package dev.duplex.tck.container;

import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;

import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilderFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The parts of a {@code WEB-INF/web.xml} that {@link UndertowWarContainer} applies (Undertow's servlet module reads
 * no descriptor itself): context parameters, listeners, servlets and filters with their mappings, security
 * constraints, the login config, security roles and the session timeout; and {@code metadata-complete}.
 * Namespaces are ignored (any Jakarta EE version). Immutable once parsed.
 */
record WebXml(boolean metadataComplete, Map<String, String> contextParams, List<String> listeners,
        List<ServletDef> servlets, Map<String, List<String>> servletMappings, List<FilterDef> filters,
        List<FilterMapping> filterMappings, List<Constraint> constraints, String authMethod, String realmName,
        List<String> securityRoles, Integer sessionTimeoutMinutes) {

    record ServletDef(String name, String className, Map<String, String> initParams, Integer loadOnStartup,
            boolean asyncSupported) {
    }

    record FilterDef(String name, String className, Map<String, String> initParams, boolean asyncSupported) {
    }

    record FilterMapping(String filterName, List<String> urlPatterns, List<String> servletNames,
            List<String> dispatchers) {
    }

    record ResourceCollection(List<String> urlPatterns, List<String> methods, List<String> methodOmissions) {
    }

    /** {@code roles} is null when the constraint has no {@code <auth-constraint>} (no authorisation needed). */
    record Constraint(List<ResourceCollection> collections, List<String> roles) {
    }

    static WebXml empty() {
        return new WebXml(false, Map.of(), List.of(), List.of(), Map.of(), List.of(), List.of(), List.of(), null, null,
                List.of(), null);
    }

    static WebXml parse(Path file) throws Exception {
        if (!Files.isRegularFile(file)) {
            return empty();
        }
        DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
        factory.setNamespaceAware(true);
        factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
        factory.setFeature("http://apache.org/xml/features/nonvalidating/load-external-dtd", false);
        Document doc = factory.newDocumentBuilder().parse(file.toFile());
        Element root = doc.getDocumentElement();

        Map<String, String> params = new LinkedHashMap<>();
        for (Element p : children(root, "context-param")) {
            params.put(text(p, "param-name"), text(p, "param-value"));
        }
        List<String> listeners = new ArrayList<>();
        for (Element l : children(root, "listener")) {
            listeners.add(text(l, "listener-class"));
        }
        List<ServletDef> servlets = new ArrayList<>();
        for (Element s : children(root, "servlet")) {
            String load = text(s, "load-on-startup");
            servlets.add(new ServletDef(text(s, "servlet-name"), text(s, "servlet-class"), initParams(s),
                    load == null || load.isEmpty() ? null : Integer.valueOf(load), bool(text(s, "async-supported"))));
        }
        Map<String, List<String>> servletMappings = new LinkedHashMap<>();
        for (Element m : children(root, "servlet-mapping")) {
            servletMappings.computeIfAbsent(text(m, "servlet-name"), k -> new ArrayList<>())
                    .addAll(texts(m, "url-pattern"));
        }
        List<FilterDef> filters = new ArrayList<>();
        for (Element f : children(root, "filter")) {
            filters.add(new FilterDef(text(f, "filter-name"), text(f, "filter-class"), initParams(f),
                    bool(text(f, "async-supported"))));
        }
        List<FilterMapping> filterMappings = new ArrayList<>();
        for (Element m : children(root, "filter-mapping")) {
            filterMappings.add(new FilterMapping(text(m, "filter-name"), texts(m, "url-pattern"),
                    texts(m, "servlet-name"), texts(m, "dispatcher")));
        }
        List<Constraint> constraints = new ArrayList<>();
        for (Element c : children(root, "security-constraint")) {
            List<ResourceCollection> collections = new ArrayList<>();
            for (Element w : children(c, "web-resource-collection")) {
                collections.add(new ResourceCollection(texts(w, "url-pattern"), texts(w, "http-method"),
                        texts(w, "http-method-omission")));
            }
            List<Element> auth = children(c, "auth-constraint");
            constraints.add(new Constraint(collections, auth.isEmpty() ? null : texts(auth.get(0), "role-name")));
        }
        List<Element> login = children(root, "login-config");
        List<String> roles = new ArrayList<>();
        for (Element r : children(root, "security-role")) {
            roles.add(text(r, "role-name"));
        }
        List<Element> session = children(root, "session-config");
        String timeout = session.isEmpty() ? null : text(session.get(0), "session-timeout");
        return new WebXml(bool(root.getAttribute("metadata-complete")), params, listeners, servlets, servletMappings,
                filters, filterMappings, constraints,
                login.isEmpty() ? null : text(login.get(0), "auth-method"),
                login.isEmpty() ? null : text(login.get(0), "realm-name"),
                roles, timeout == null || timeout.isEmpty() ? null : Integer.valueOf(timeout));
    }

    private static Map<String, String> initParams(Element parent) {
        Map<String, String> params = new LinkedHashMap<>();
        for (Element p : children(parent, "init-param")) {
            params.put(text(p, "param-name"), text(p, "param-value"));
        }
        return params;
    }

    private static boolean bool(String value) {
        return value != null && Boolean.parseBoolean(value.trim());
    }

    /** The direct children of {@code parent} with local name {@code name}. */
    private static List<Element> children(Element parent, String name) {
        List<Element> found = new ArrayList<>();
        NodeList nodes = parent.getChildNodes();
        for (int i = 0; i < nodes.getLength(); i++) {
            Node n = nodes.item(i);
            if (n instanceof Element e && name.equals(localName(e))) {
                found.add(e);
            }
        }
        return found;
    }

    private static String localName(Element e) {
        return e.getLocalName() != null ? e.getLocalName() : e.getTagName();
    }

    private static String text(Element parent, String name) {
        List<Element> found = children(parent, name);
        return found.isEmpty() ? null : found.get(0).getTextContent().trim();
    }

    private static List<String> texts(Element parent, String name) {
        List<String> values = new ArrayList<>();
        for (Element e : children(parent, name)) {
            values.add(e.getTextContent().trim());
        }
        return values;
    }
}
