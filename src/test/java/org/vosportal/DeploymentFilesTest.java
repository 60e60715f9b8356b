package org.vosportal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithName;
import io.smallrye.config.WithParentName;
import java.io.IOException;
import java.io.Reader;
import java.lang.reflect.Method;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;

/**
 * The deployment files (deploy/compose, deploy/k8s, Dockerfile; docs/DEPLOYMENT.md) parse, and
 * say what the application needs: two application services from the project's one image behind
 * the load balancer, probes on the management port's real health paths, and no environment
 * variable the application does not read (a misspelt one would be ignored silently: Quarkus
 * reads only the names it knows). The names it reads are gathered from the application itself:
 * application.properties (keys and {@code ${VAR}} placeholders), every {@code @ConfigMapping}
 * interface (walked by reflection) and every {@code @ConfigProperty} in the sources. No Docker
 * or Kubernetes here: this checks the files, not a running deployment.
 */
class DeploymentFilesTest {

    static final Path COMPOSE = Path.of("deploy/compose/compose.yaml");
    static final Path K8S = Path.of("deploy/k8s");
    static final Path PROPERTIES = Path.of("src/main/resources/application.properties");
    static final int MANAGEMENT_PORT = 9000;

    /** Read by others than the configuration: Quarkus' profile, the image's entrypoint, glibc. */
    static final Set<String> OUTSIDE_CONFIG = Set.of("QUARKUS_PROFILE", "JAVA_OPTS", "MALLOC_ARENA_MAX");

    /**
     * The S3 blob store's settings (vospace.service.blob.*; being built beside this change). Used
     * only while no configuration mapping declares a {@code vospace.service.blob} name: once one
     * does, every name must be one it declares.
     */
    static final Set<String> S3_PENDING = Set.of("vospace.service.blob.backend",
            "vospace.service.blob.s3.endpoint", "vospace.service.blob.s3.region", "vospace.service.blob.s3.bucket",
            "vospace.service.blob.s3.access-key", "vospace.service.blob.s3.secret-key",
            "vospace.service.blob.s3.path-style", "vospace.service.blob.s3.presigned-downloads",
            "vospace.service.blob.s3.part-size", "vospace.service.blob.s3.prefix",
            "vospace.service.blob.s3.create-bucket", "vospace.service.blob.s3.public-endpoint",
            "vospace.service.blob.temporary-max-age", "vospace.service.blob.orphan-window",
            "vospace.service.blob.orphan-grace");

    static Map<String, Object> compose;
    static List<Map<String, Object>> k8s;
    static List<Pattern> readable;

    @BeforeAll
    static void load() throws Exception {
        compose = yaml(COMPOSE).get(0);
        k8s = new ArrayList<>();
        try (Stream<Path> files = Files.list(K8S)) {
            for (Path f : files.filter(p -> p.toString().endsWith(".yaml")).sorted().toList()) {
                k8s.addAll(yaml(f));
            }
        }
        readable = readableNames();
    }

    // ------------------------------------------------------------------ compose

    @Test
    void composeHasTwoApplicationInstancesOfOneImageBehindTheLoadBalancer() throws Exception {
        Map<String, Object> services = map(compose, "services");
        List<String> apps = services.entrySet().stream().filter(e -> map(e.getValue()).containsKey("build"))
                .map(Map.Entry::getKey).sorted().toList();
        assertEquals(List.of("app1", "app2"), apps, "the services built from the project");
        Map<String, Object> app1 = map(services, "app1");
        Map<String, Object> app2 = map(services, "app2");
        assertEquals(app1.get("image"), app2.get("image"));
        assertEquals(app1.get("build"), app2.get("build"));
        Map<String, Object> build = map(app1, "build");
        Path context = COMPOSE.getParent().resolve((String) build.get("context")).normalize();
        assertEquals(Path.of(""), context, "built from the project's root");
        assertTrue(Files.isRegularFile(context.resolve((String) build.get("dockerfile"))));
        assertEquals(app1.get("environment"), app2.get("environment"),
                "both instances get the same settings and secrets (a session of one works on the other)");
        assertFalse(app1.get("volumes").equals(app2.get("volumes")), "each instance has its own data directory");
        for (Map<String, Object> app : List.of(app1, app2)) {
            Map<String, Object> env = map(app, "environment");
            assertTrue(String.valueOf(env.get("QUARKUS_PROFILE")).contains("pg"), "PostgreSQL, not H2");
            assertEquals("s3", env.get("VOSPACE_SERVICE_BLOB_BACKEND"));
            String check = String.valueOf(map(app, "healthcheck").get("test"));
            assertTrue(check.contains("/" + MANAGEMENT_PORT) && check.contains("/q/health/ready"), check);
            assertTrue(List.of("postgres", "s3", "keycloak").stream().allMatch(map(app, "depends_on")::containsKey));
        }

        // the load balancer: nginx over both, from the address the instances trust
        Map<String, Object> lb = map(services, "lb");
        assertTrue(String.valueOf(lb.get("image")).startsWith("nginx"));
        String conf = Files.readString(COMPOSE.getParent().resolve("nginx.conf"));
        assertTrue(conf.contains("server app1:8080") && conf.contains("server app2:8080"), conf);
        assertFalse(conf.contains(":" + MANAGEMENT_PORT), "the management port is not published");
        assertTrue(String.valueOf(lb.get("volumes")).contains("./nginx.conf:/etc/nginx/nginx.conf"));
        String lbAddress = (String) map(map(map(lb, "networks"), "vos")).get("ipv4_address");
        assertEquals(lbAddress + "/32", map(app1, "environment").get("PORTAL_TRUSTED_PROXIES"));
        assertEquals(List.of("8080:8080"), lb.get("ports"));
        assertFalse(app1.containsKey("ports") || app2.containsKey("ports"), "instances only behind the balancer");

        // the other tiers
        assertTrue(String.valueOf(map(services, "postgres").get("image")).startsWith("postgres:"));
        String s3 = String.valueOf(map(services, "s3").get("image"));
        assertTrue(s3.startsWith("minio/") || s3.contains("s3proxy"), s3);
        Map<String, Object> keycloak = map(services, "keycloak");
        assertTrue(String.valueOf(keycloak.get("image")).contains("keycloak"));
        assertTrue(String.valueOf(keycloak.get("command")).contains("--import-realm"));
        Map<String, Object> realm = map(services, "realm");
        assertTrue(String.valueOf(realm.get("volumes")).contains("../realm/vospace-production.json:"));
        assertTrue(Files.isRegularFile(COMPOSE.getParent().resolve("../realm/vospace-production.json")));
        for (String script : List.of("realm-init.sh", "postgres-init.sh")) {
            assertTrue(Files.isRegularFile(COMPOSE.getParent().resolve(script)), script);
        }
        // the issuer the instances use is the one browsers see, and reachable from the instances
        String issuer = (String) map(app1, "environment").get("KEYCLOAK_URL");
        assertEquals(issuer, map(keycloak, "environment").get("KC_HOSTNAME"));
        String host = java.net.URI.create(issuer).getHost();
        assertTrue(String.valueOf(map(map(keycloak, "networks"), "vos").get("aliases")).contains(host));
    }

    @Test
    void composeSetsOnlyVariablesTheApplicationReads() {
        for (String app : List.of("app1", "app2")) {
            assertReadable("compose " + app, map(map(map(compose, "services"), app), "environment").keySet());
        }
    }

    // ------------------------------------------------------------------ Kubernetes

    @Test
    void kubernetesProbesAskTheManagementPortsHealthPaths() {
        Map<String, Object> deployment = kind("Deployment");
        Map<String, Object> spec = map(deployment, "spec");
        assertTrue((Integer) spec.get("replicas") >= 2);
        Map<String, Object> rolling = map(map(spec, "strategy"), "rollingUpdate");
        assertEquals(0, rolling.get("maxUnavailable"), "a rolling upgrade never drops below the replicas");
        Map<String, Object> container = container(deployment);
        Map<String, Integer> ports = new LinkedHashMap<>();
        for (Object p : list(container, "ports")) {
            ports.put((String) map(p).get("name"), (Integer) map(p).get("containerPort"));
        }
        assertEquals(MANAGEMENT_PORT, ports.get("management"));
        assertEquals(8080, ports.get("http"));
        Map<String, String> paths = Map.of("readinessProbe", "/q/health/ready", "livenessProbe", "/q/health/live",
                "startupProbe", "/q/health/live");
        for (Map.Entry<String, String> probe : paths.entrySet()) {
            Map<String, Object> get = map(map(container, probe.getKey()), "httpGet");
            assertEquals(probe.getValue(), get.get("path"), probe.getKey());
            Object port = get.get("port");
            assertEquals(MANAGEMENT_PORT, port instanceof String name ? ports.get(name) : port, probe.getKey());
        }
        // the ingress reaches the public port only; the management port has its own Service
        Map<String, Object> ingress = kind("Ingress");
        Map<String, Object> backend = map(map(map(list(map(map(list(map(ingress, "spec"), "rules").get(0)), "http"),
                "paths").get(0)), "backend"), "service");
        Map<String, Object> service = k8s.stream().filter(d -> "Service".equals(d.get("kind")))
                .filter(d -> map(d, "metadata").get("name").equals(backend.get("name"))).findFirst().orElseThrow();
        Map<String, Object> servicePort = list(map(service, "spec"), "ports").stream().map(DeploymentFilesTest::map)
                .filter(p -> p.get("name").equals(map(backend, "port").get("name"))).findFirst().orElseThrow();
        assertEquals("http", servicePort.get("targetPort"));
        assertTrue(k8s.stream().noneMatch(d -> "PersistentVolumeClaim".equals(d.get("kind"))),
                "the instances keep nothing that must survive them");
        List<String> volumes = list(map(map(map(spec, "template"), "spec")), "volumes").stream()
                .map(v -> String.valueOf(map(v).keySet())).toList();
        assertTrue(volumes.stream().allMatch(v -> v.contains("emptyDir")), volumes.toString());
        Map<String, Object> kustomization = kind("Kustomization");
        for (Object r : list(kustomization, "resources")) {
            assertTrue(Files.isRegularFile(K8S.resolve((String) r)), r.toString());
        }
    }

    @Test
    void kubernetesSetsOnlyVariablesTheApplicationReads() {
        Map<String, Object> container = container(kind("Deployment"));
        List<String> names = list(container, "env").stream().map(e -> (String) map(e).get("name")).toList();
        assertReadable("Deployment env", names);
        assertReadable("ConfigMap", map(kind("ConfigMap"), "data").keySet());
        assertReadable("Secret", map(kind("Secret"), "stringData").keySet());
        List<String> from = list(container, "envFrom").stream().map(e -> String.valueOf(map(e).values())).toList();
        String cm = (String) map(kind("ConfigMap"), "metadata").get("name");
        String secret = (String) map(kind("Secret"), "metadata").get("name");
        assertTrue(from.toString().contains("name=" + cm) && from.toString().contains("name=" + secret), from.toString());
        // the secrets every instance must share are in the Secret, not in the ConfigMap
        for (String s : List.of("PORTAL_SESSION_SECRET", "PORTAL_STATE_SECRET", "VOSPACE_SERVICE_PREAUTH_SECRET",
                "PORTAL_CLIENT_SECRET", "VOSPACE_PG_PASSWORD", "VOSPACE_SERVICE_BLOB_S3_SECRET_KEY")) {
            assertTrue(map(kind("Secret"), "stringData").containsKey(s), s);
            assertFalse(map(kind("ConfigMap"), "data").containsKey(s), s);
        }
    }

    // ------------------------------------------------------------------ the application's side

    /**
     * The facts the files rely on: the management port (9000, from VOSPACE_MANAGEMENT_PORT) in
     * production, Quarkus' health paths not moved, and the image reading JAVA_OPTS.
     */
    @Test
    void theApplicationServesHealthWhereTheFilesLook() throws Exception {
        Properties p = properties();
        assertEquals("${VOSPACE_MANAGEMENT_PORT:" + MANAGEMENT_PORT + "}", p.getProperty("%prod.quarkus.management.port"));
        assertEquals("true", p.getProperty("%prod.quarkus.management.enabled"));
        for (String moved : List.of("quarkus.smallrye-health.root-path", "quarkus.http.non-application-root-path",
                "quarkus.management.root-path", "%prod.quarkus.management.root-path")) {
            assertFalse(p.containsKey(moved), moved + " would move /q/health");
        }
        String dockerfile = Files.readString(Path.of("Dockerfile"));
        assertTrue(dockerfile.contains("target/quarkus-app/quarkus-run.jar"), dockerfile);
        assertTrue(dockerfile.contains("$JAVA_OPTS") && dockerfile.contains("-Djdk.nio.maxCachedBufferSize=262144"));
        assertTrue(dockerfile.contains("QUARKUS_HTTP_HOST=0.0.0.0"), "the default host is loopback");
        // and the test's own list of names does not let a made-up one through
        assertFalse(isReadable("VOSPACE_SERVICE_DATA_DIRECTORY"));
        assertFalse(isReadable("PORTAL_SESION_SECRET"));
        assertTrue(isReadable("VOSPACE_SERVICE_HOME_QUOTAS_ALICE"));
        assertTrue(isReadable("PORTAL_SERVICES_CANFAR_SEND_TOKEN"));
        String docs = Files.readString(Path.of("docs/DEPLOYMENT.md"));
        for (String s : List.of("Sizing", "Backups", "Upgrading", "Configuration")) {
            assertTrue(docs.contains("## " + s), s);
        }
        assertTrue(Files.readString(Path.of("README.md")).contains("docs/DEPLOYMENT.md"));
        assertTrue(Files.readString(Path.of("deploy/README.md")).contains("DEPLOYMENT.md"));
    }

    private static void assertReadable(String where, java.util.Collection<String> names) {
        assertFalse(names.isEmpty(), where);
        List<String> unknown = names.stream().filter(n -> !isReadable(n)).sorted().toList();
        assertEquals(List.of(), unknown, where + ": variables the application does not read");
    }

    private static boolean isReadable(String env) {
        return OUTSIDE_CONFIG.contains(env) || readable.stream().anyMatch(p -> p.matcher(env).matches());
    }

    /**
     * Every environment variable name the application reads, as patterns (a map key is any
     * segment): Quarkus maps a variable to the configuration name whose upper-cased form, with
     * every other character an underscore, is the variable's name.
     */
    private static List<Pattern> readableNames() throws Exception {
        Set<String> names = new TreeSet<>();
        Properties p = properties();
        Matcher placeholder = Pattern.compile("\\$\\{([A-Z][A-Z0-9_]*)[:}]").matcher("");
        for (String key : p.stringPropertyNames()) {
            names.add(key.replaceFirst("^%[^.]+\\.", ""));
            placeholder.reset(p.getProperty(key));
            while (placeholder.find()) {
                names.add("$" + placeholder.group(1));
            }
        }
        Pattern mapping = Pattern.compile("@ConfigMapping\\(prefix = \"([^\"]+)\"\\)");
        Pattern property = Pattern.compile("@ConfigProperty\\(name = \"([^\"]+)\"");
        try (Stream<Path> sources = Files.walk(Path.of("src/main/java"))) {
            for (Path src : sources.filter(f -> f.toString().endsWith(".java")).toList()) {
                String text = Files.readString(src);
                Matcher m = mapping.matcher(text);
                if (m.find()) {
                    String cls = Path.of("src/main/java").relativize(src).toString().replace('/', '.')
                            .replaceAll("\\.java$", "");
                    Class<?> type = Class.forName(cls);
                    assertNotNull(type.getAnnotation(ConfigMapping.class), cls);
                    walk(m.group(1), type, names);
                }
                Matcher c = property.matcher(text);
                while (c.find()) {
                    names.add(c.group(1));
                }
            }
        }
        if (names.stream().noneMatch(n -> n.startsWith("vospace.service.blob."))) {
            names.addAll(S3_PENDING);
        }
        List<Pattern> out = new ArrayList<>();
        for (String n : names) {
            if (n.startsWith("$")) {
                out.add(Pattern.compile(Pattern.quote(n.substring(1))));
                continue;
            }
            StringBuilder re = new StringBuilder();
            for (String part : env(n).split("\\*", -1)) {
                re.append(re.length() == 0 ? "" : "[A-Z0-9_]+").append(Pattern.quote(part));
            }
            out.add(Pattern.compile(re.toString()));
        }
        return out;
    }

    /** The names of a mapping interface's methods, nested groups and maps ("*" for a key). */
    private static void walk(String prefix, Class<?> type, Set<String> names) {
        for (Method m : type.getMethods()) {
            if (m.getParameterCount() > 0 || m.isDefault() || java.lang.reflect.Modifier.isStatic(m.getModifiers())) {
                continue;
            }
            String name = m.isAnnotationPresent(WithParentName.class) ? prefix
                    : prefix + "." + (m.isAnnotationPresent(WithName.class) ? m.getAnnotation(WithName.class).value()
                            : kebab(m.getName()));
            leaf(name, m.getGenericReturnType(), names);
        }
    }

    private static void leaf(String name, Type t, Set<String> names) {
        if (t instanceof ParameterizedType pt) {
            Class<?> raw = (Class<?>) pt.getRawType();
            if (raw == Optional.class) {
                leaf(name, pt.getActualTypeArguments()[0], names);
                return;
            }
            if (Map.class.isAssignableFrom(raw)) {
                leaf(name + ".*", pt.getActualTypeArguments()[1], names);
                return;
            }
            names.add(name); // a list
            return;
        }
        if (t instanceof Class<?> c && c.isInterface() && c.getName().startsWith("org.vosportal.")) {
            walk(name, c, names);
            return;
        }
        names.add(name);
    }

    private static String kebab(String camel) {
        return camel.replaceAll("([a-z0-9])([A-Z])", "$1-$2").toLowerCase(Locale.ROOT);
    }

    /** A configuration name's environment variable (MicroProfile Config's rule). */
    private static String env(String name) {
        return name.replaceAll("[^A-Za-z0-9*]", "_").toUpperCase(Locale.ROOT);
    }

    private static Properties properties() throws IOException {
        Properties p = new Properties();
        try (Reader r = Files.newBufferedReader(PROPERTIES)) {
            p.load(r);
        }
        return p;
    }

    // ------------------------------------------------------------------ YAML

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> yaml(Path f) throws IOException {
        List<Map<String, Object>> docs = new ArrayList<>();
        try (Reader r = Files.newBufferedReader(f)) {
            for (Object doc : new Yaml(new LoaderOptions()).loadAll(r)) {
                assertTrue(doc instanceof Map, f + ": every document is a mapping");
                docs.add((Map<String, Object>) doc);
            }
        }
        assertFalse(docs.isEmpty(), f.toString());
        return docs;
    }

    private Map<String, Object> kind(String kind) {
        List<Map<String, Object>> found = k8s.stream().filter(d -> kind.equals(d.get("kind"))).toList();
        assertEquals(1, found.size(), kind);
        return found.get(0);
    }

    private static Map<String, Object> container(Map<String, Object> deployment) {
        List<Object> containers = list(map(map(map(deployment, "spec"), "template"), "spec"), "containers");
        assertEquals(1, containers.size());
        return map(containers.get(0));
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> map(Object o) {
        assertTrue(o instanceof Map, () -> "not a mapping: " + o);
        return (Map<String, Object>) o;
    }

    private static Map<String, Object> map(Map<String, Object> parent, String key) {
        assertTrue(parent.containsKey(key), () -> "no '" + key + "' in " + parent.keySet());
        return map(parent.get(key));
    }

    @SuppressWarnings("unchecked")
    private static List<Object> list(Map<String, Object> parent, String key) {
        Object o = parent.get(key);
        assertTrue(o instanceof List, () -> "'" + key + "' is not a list in " + parent.keySet());
        return (List<Object>) o;
    }
}
