package org.vosportal.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.vosportal.service.PermissionCases.setProps;

import io.quarkus.test.junit.QuarkusTest;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.vosportal.vospace.Node;
import org.vosportal.vospace.Props;

/**
 * The service tells who can really open a node (docs/SECURITY.md, "Who can open a node"): every
 * folder between the home and the node must grant read too, so a grant on the node alone opens
 * nothing. Each expectation is checked against what anonymous callers, bob (survey-team) and carol
 * (no group) actually get.
 */
@QuarkusTest
class EffectiveAccessTest extends ServiceTestBase {

    static final String TEAM = "ivo://opencadc.org/gms?survey-team";
    static final String PUBLIC = prop(Props.IS_PUBLIC, "true");
    static final String TEAM_READS = prop(Props.GROUP_READ, TEAM);

    /** The node as a client asks for it (detail max, no children). */
    static Node asked(String user, String path) {
        return getNode(user, path + "?limit=0");
    }

    static void assertReach(Node n, boolean anyone, String groups, String blockedBy) {
        assertEquals(Boolean.toString(anyone), n.value(Props.EFFECTIVE_PUBLIC), "effectivePublic of " + n.path());
        assertEquals(groups, n.value(Props.EFFECTIVE_GROUP_READ), "effectiveGroupRead of " + n.path());
        assertEquals(blockedBy == null ? null : AUTH + blockedBy, n.value(Props.PUBLIC_BLOCKED_BY),
                "publicBlockedBy of " + n.path());
    }

    @Test
    void aPublicFileInsideAPrivateFolderIsNotPublicAndTheFirstClosedFolderIsNamed() {
        String dir = freshFolder("alice");
        mkdir("alice", dir + "/a");
        mkdir("alice", dir + "/a/b");
        String file = dir + "/a/b/f.txt";
        uploadOk("alice", file, "f");
        setProps("alice", file, "vos:DataNode", PUBLIC);
        assertReach(asked("alice", file), false, null, dir);
        assertEquals(403, download(null, file).statusCode());

        setProps("alice", dir, "vos:ContainerNode", PUBLIC);
        assertReach(asked("alice", file), false, null, dir + "/a");
        assertEquals(403, download(null, file).statusCode());

        setProps("alice", dir + "/a", "vos:ContainerNode", PUBLIC);
        setProps("alice", dir + "/a/b", "vos:ContainerNode", PUBLIC);
        assertReach(asked("alice", file), true, null, null);
        assertReach(asked(null, file), true, null, null);
        assertEquals("f", download(null, file).asString());
    }

    @Test
    void homesAreTraversableSoAFolderRightBelowOneNeedsOnlyItsOwnGrant() {
        String dir = freshFolder("alice");
        assertReach(asked("alice", "/alice"), false, null, null);
        assertReach(asked("alice", dir), false, null, null);
        setProps("alice", dir, "vos:ContainerNode", PUBLIC);
        assertReach(asked("alice", dir), true, null, null);
        assertEquals(200, anonymous().get(BASE + "/nodes" + dir).statusCode());
        assertEquals(403, anonymous().get(BASE + "/nodes/alice").statusCode(), "the home itself stays private");
    }

    @Test
    void groupsReachOnlyThroughFoldersThatGrantThemGroupWriteCountingAsRead() {
        String dir = freshFolder("alice");
        mkdir("alice", dir + "/team");
        setProps("alice", dir + "/team", "vos:ContainerNode", TEAM_READS);
        String file = dir + "/team/f.txt";
        String pub = dir + "/team/pub.txt";
        uploadOk("alice", file, "f");
        uploadOk("alice", pub, "p");
        setProps("alice", file, "vos:DataNode", prop(Props.GROUP_READ, TEAM + " ivo://opencadc.org/gms?extra-1"));
        setProps("alice", pub, "vos:DataNode", PUBLIC);
        assertReach(asked("alice", file), false, null, dir);
        assertReach(asked("alice", pub), false, null, dir);
        assertEquals(403, download("bob", file).statusCode());

        setProps("alice", dir, "vos:ContainerNode", prop(Props.GROUP_WRITE, TEAM));
        assertReach(asked("alice", file), false, TEAM, dir);
        assertReach(asked("bob", file), false, TEAM, dir);
        assertEquals("f", download("bob", file).asString());
        assertEquals(403, download("carol", file).statusCode());
        // a public file in a team folder reaches the team, not everyone
        assertReach(asked("alice", pub), false, TEAM, dir);
        assertEquals("p", download("bob", pub).asString());
        assertEquals(403, download(null, pub).statusCode());
    }

    @Test
    void aRecursiveGroupShareUnderAPrivateParentReachesNobodyUntilTheParentGrantsIt() {
        String dir = freshFolder("alice");
        String proj = dir + "/proj";
        mkdir("alice", proj);
        mkdir("alice", proj + "/deep");
        String file = proj + "/deep/x.txt";
        uploadOk("alice", file, "x");
        String job = SharingCannotWidenAccessTest.createSetProps("alice", proj, TEAM_READS);
        assertTrue(SharingCannotWidenAccessTest.awaitJob("alice", job).contains("COMPLETED"));
        assertEquals(TEAM, getNode("alice", file).value(Props.GROUP_READ), "the share reached the file");
        assertReach(asked("alice", proj), false, null, dir);
        assertReach(asked("alice", file), false, null, dir);
        assertEquals(403, download("bob", file).statusCode());

        setProps("alice", dir, "vos:ContainerNode", TEAM_READS);
        assertReach(asked("alice", proj), false, TEAM, dir);
        assertReach(asked("alice", file), false, TEAM, dir);
        assertEquals("x", download("bob", file).asString());
    }

    @Test
    void theComputedPropertiesAreOnlyOnTheAskedNodeAndCannotBeSetOrStored() {
        String dir = freshFolder("alice");
        String file = dir + "/f.txt";
        uploadOk("alice", file, "f");
        String claims = prop(Props.EFFECTIVE_PUBLIC, "true") + prop(Props.EFFECTIVE_GROUP_READ, TEAM)
                + prop(Props.PUBLIC_BLOCKED_BY, "vos://opencadc.org~vault/nobody");
        setProps("alice", file, "vos:DataNode", claims);
        as("alice").body(dataDoc(dir + "/g.txt", claims)).put(BASE + "/nodes" + dir + "/g.txt").then().statusCode(201);
        for (String p : List.of(file, dir + "/g.txt")) {
            assertReach(asked("alice", p), false, null, dir);
            Node stored = getNode("alice", p + "?detail=properties");
            assertNull(stored.value(Props.EFFECTIVE_PUBLIC), "not stored");
            assertNull(stored.value(Props.EFFECTIVE_GROUP_READ), "not stored");
            assertNull(stored.value(Props.PUBLIC_BLOCKED_BY), "not stored");
            assertEquals(403, download("bob", p).statusCode());
        }
        // children of a listing carry none of them (a client derives theirs from the folder's)
        Node listing = getNode("alice", dir);
        assertEquals("false", listing.value(Props.EFFECTIVE_PUBLIC));
        assertEquals(2, listing.children().size());
        for (Node child : listing.children()) {
            assertNull(child.value(Props.EFFECTIVE_PUBLIC), child.name());
        }
        assertTrue(getNode("alice", dir + "?detail=min&limit=0").properties().isEmpty());
    }
}
