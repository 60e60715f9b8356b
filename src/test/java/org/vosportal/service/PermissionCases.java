package org.vosportal.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.vosportal.service.ServiceTestBase.*;

import io.restassured.response.Response;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.stream.Collectors;
import org.vosportal.vospace.Node;
import org.vosportal.vospace.Props;

/**
 * Who may do what, shared by the service's and the portal's permission matrices: the subjects
 * (owner alice; bob and alice in {@code survey-team}; carol in no group; anonymous) with the
 * access each must have to a folder {@code F} of a given grant, and the fixtures, each case its own
 * {@code F} in one public area of alice's home (so that only {@code F}'s grant decides).
 */
public final class PermissionCases {

    private PermissionCases() {
    }

    /**
     * One cell: the subject of {@code subjectLabel} on a fresh folder of its grant, checked by
     * {@code check}; a failure names the cell whatever the reporter shows (Surefire's XML only
     * says "[n]").
     */
    public static void runCell(String subjectLabel, String action, java.util.function.BiConsumer<Subject, Fixture> check) {
        Subject s = SUBJECTS.stream().filter(x -> x.label().equals(subjectLabel)).findFirst().orElseThrow();
        Fixture f = fixture(s.kind());
        try {
            check.accept(s, f);
        } catch (AssertionError e) {
            AssertionError named = new AssertionError(subjectLabel + " × " + action + " (expected access "
                    + s.access() + ", folder " + f.folder() + "): " + e.getMessage(), e);
            named.setStackTrace(e.getStackTrace());
            throw named;
        }
    }

    /** Every subject × every action, as (subject label, action) for a parameterized test. */
    public static java.util.stream.Stream<org.junit.jupiter.params.provider.Arguments> cells(List<String> actions) {
        List<org.junit.jupiter.params.provider.Arguments> out = new java.util.ArrayList<>();
        for (Subject s : SUBJECTS) {
            for (String a : actions) {
                out.add(org.junit.jupiter.params.provider.Arguments.of(s.label(), a));
            }
        }
        return out.stream();
    }

    public static final String GROUP = "ivo://opencadc.org/gms?survey-team";
    /** The form {@code vchmod} writes (hard-coded CADC authority): membership is by name. */
    public static final String CADC_GROUP = "ivo://cadc.nrc.ca/gms?survey-team";
    public static final String CUSTOM = "custom:mark";

    /** What the caller may do with F and f.txt. */
    public enum Access { NONE, READ, WRITE }

    /** The grant on F and on f.txt. */
    public enum Kind {
        PRIVATE(""),
        GROUP_READ(prop(Props.GROUP_READ, GROUP)),
        GROUP_WRITE(prop(Props.GROUP_WRITE, GROUP)),
        GROUP_WRITE_CADC_URI(prop(Props.GROUP_WRITE, CADC_GROUP)),
        PUBLIC(prop(Props.IS_PUBLIC, "true"));

        final String props;

        Kind(String props) {
            this.props = props;
        }

        public String slug() {
            return name().toLowerCase().replace('_', '-');
        }
    }

    public record Subject(String label, String user, Kind kind, Access access) {
        public boolean reads() {
            return access != Access.NONE;
        }

        public boolean writes() {
            return access == Access.WRITE;
        }

        public boolean isOwner() {
            return "alice".equals(user);
        }
    }

    /** The expected access, written out by hand (not computed with the service's own rules). */
    public static final List<Subject> SUBJECTS = List.of(
            new Subject("owner alice on private F", "alice", Kind.PRIVATE, Access.WRITE),
            new Subject("group-read member bob on groupread F", "bob", Kind.GROUP_READ, Access.READ),
            new Subject("group-write member bob on groupwrite F", "bob", Kind.GROUP_WRITE, Access.WRITE),
            new Subject("group-write member bob on groupwrite F (vchmod's cadc.nrc.ca group URI)", "bob",
                    Kind.GROUP_WRITE_CADC_URI, Access.WRITE),
            new Subject("team member bob on private F", "bob", Kind.PRIVATE, Access.NONE),
            new Subject("other user carol on private F", "carol", Kind.PRIVATE, Access.NONE),
            new Subject("other user carol on groupread F", "carol", Kind.GROUP_READ, Access.NONE),
            new Subject("other user carol on groupwrite F", "carol", Kind.GROUP_WRITE, Access.NONE),
            new Subject("anonymous on private F", null, Kind.PRIVATE, Access.NONE),
            new Subject("anonymous on groupread F", null, Kind.GROUP_READ, Access.NONE),
            new Subject("anonymous on groupwrite F", null, Kind.GROUP_WRITE, Access.NONE),
            new Subject("other user carol on public F", "carol", Kind.PUBLIC, Access.READ),
            new Subject("group member bob on public F", "bob", Kind.PUBLIC, Access.READ),
            new Subject("anonymous on public F", null, Kind.PUBLIC, Access.READ));


    // ------------------------------------------------------------------ shared area

    private static String area;
    private static Boolean homeWasPublic;

    /** alice's public area {@code /alice/t-…} with a public {@code shared.txt}; created once. */
    public static synchronized String area() {
        if (area == null) {
            Node home = getNode("alice", "/alice?limit=0");
            homeWasPublic = "true".equals(home.value(Props.IS_PUBLIC));
            setProps("alice", "/alice", "vos:ContainerNode", prop(Props.IS_PUBLIC, "true"));
            String d = freshFolder("alice");
            setProps("alice", d, "vos:ContainerNode", prop(Props.IS_PUBLIC, "true"));
            createData("alice", d + "/shared.txt", prop(Props.IS_PUBLIC, "true"));
            uploadOk("alice", d + "/shared.txt", "shared");
            area = d;
        }
        return area;
    }

    /** Call from the test class's {@code @AfterAll}. */
    public static void restoreHome() {
        if (homeWasPublic != null) {
            setProps("alice", "/alice", "vos:ContainerNode", prop(Props.IS_PUBLIC, homeWasPublic.toString()));
        }
    }

    /** One case's folder F with f.txt (same grant) and secret.txt (private, alice only). */
    public record Fixture(String folder, String file, String secret, String content) {
        public String name() {
            return folder.substring(folder.lastIndexOf('/') + 1);
        }
    }

    public static Fixture fixture(Kind kind) {
        String f = area() + "/" + kind.slug() + "-" + UUID.randomUUID().toString().substring(0, 8);
        as("alice").body(nodeDoc(f, "vos:ContainerNode", kind.props)).put(BASE + "/nodes" + f).then()
                .statusCode(201);
        String content = "content of " + f;
        createData("alice", f + "/f.txt", kind.props);
        uploadOk("alice", f + "/f.txt", content);
        uploadOk("alice", f + "/secret.txt", "secret");
        return new Fixture(f, f + "/f.txt", f + "/secret.txt", content);
    }

    public static String nodeDoc(String path, String xsiType, String propsXml) {
        String tail = switch (xsiType) {
            case "vos:ContainerNode" -> "<vos:nodes/>";
            case "vos:DataNode" -> "<vos:accepts/><vos:provides/>";
            default -> "";
        };
        return "<vos:node xmlns:vos=\"" + VOS_NS + "\" xmlns:xsi=\"" + XSI_NS + "\" uri=\"" + AUTH_BANG + path
                + "\" xsi:type=\"" + xsiType + "\"><vos:properties>" + propsXml + "</vos:properties>" + tail
                + "</vos:node>";
    }

    public static void createData(String user, String path, String propsXml) {
        Response r = as(user).body(nodeDoc(path, "vos:DataNode", propsXml)).put(BASE + "/nodes" + path);
        assertEquals(201, r.statusCode(), r::asString);
    }

    public static void setProps(String user, String path, String xsiType, String propsXml) {
        Response r = as(user).body(nodeDoc(path, xsiType, propsXml)).post(BASE + "/nodes" + path);
        assertEquals(200, r.statusCode(), () -> "set properties on " + path + ": " + r.asString());
    }

    public static Set<String> names(List<Node> nodes) {
        return nodes.stream().map(Node::name).collect(Collectors.toCollection(TreeSet::new));
    }
}
