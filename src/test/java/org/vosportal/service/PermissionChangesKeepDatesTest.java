package org.vosportal.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.vosportal.service.PermissionCases.GROUP;
import static org.vosportal.service.PermissionCases.setProps;

import io.quarkus.test.junit.QuarkusTest;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.vosportal.vospace.Node;
import org.vosportal.vospace.Props;

/**
 * {@code core#date} is when a node's content last changed (the "Modified" column of every file
 * manager): who may read it, its lock and its metadata are not content, so changing them, one
 * node or a whole folder at once, leaves the date alone.
 */
@QuarkusTest
class PermissionChangesKeepDatesTest extends ServiceTestBase {

    @Test
    void settingPermissionsAndMetadataKeepsTheDate() throws Exception {
        String dir = freshFolder("alice");
        uploadOk("alice", dir + "/f.txt", "content");
        Map<String, String> before = datesOf(dir);
        Thread.sleep(20); // dates are whole milliseconds: a rewrite would show

        setProps("alice", dir + "/f.txt", "vos:DataNode", prop(Props.IS_PUBLIC, "true")
                + prop(Props.GROUP_READ, GROUP) + prop("custom:TELESCOPE", "CFHT") + prop(Props.IS_LOCKED, "true"));
        setProps("alice", dir, "vos:ContainerNode", prop(Props.GROUP_WRITE, GROUP));

        Node file = getNode("alice", dir + "/f.txt");
        assertEquals("true", file.value(Props.IS_PUBLIC), "the change itself was made");
        assertEquals(before, datesOf(dir));
    }

    @Test
    void aRecursivePermissionJobKeepsEveryDate() throws Exception {
        String dir = freshFolder("alice");
        mkdir("alice", dir + "/sub");
        uploadOk("alice", dir + "/a.txt", "a");
        uploadOk("alice", dir + "/sub/b.txt", "b");
        Map<String, String> top = datesOf(dir);
        Map<String, String> sub = datesOf(dir + "/sub");
        Thread.sleep(20);

        String job = SharingCannotWidenAccessTest.createSetProps("alice", dir,
                prop(Props.GROUP_READ, GROUP) + prop(Props.IS_PUBLIC, "true"));
        String end = SharingCannotWidenAccessTest.awaitJob("alice", job);
        assertTrue(end.contains("<uws:phase>COMPLETED</uws:phase>"), end);

        assertEquals(GROUP, getNode("alice", dir + "/sub/b.txt").value(Props.GROUP_READ), "the job reached the bottom");
        assertEquals(top, datesOf(dir));
        assertEquals(sub, datesOf(dir + "/sub"));
    }

    @Test
    void newContentStillMovesTheDate() throws Exception {
        String dir = freshFolder("alice");
        uploadOk("alice", dir + "/f.txt", "first");
        String first = getNode("alice", dir + "/f.txt").value(Props.DATE);
        Thread.sleep(20);
        uploadOk("alice", dir + "/f.txt", "second");
        assertNotEquals(first, getNode("alice", dir + "/f.txt").value(Props.DATE));
    }

    /** The folder's own date and each child's, as the listing shows them. */
    static Map<String, String> datesOf(String folder) {
        Node n = getNode("alice", folder);
        Map<String, String> dates = new TreeMap<>();
        dates.put(".", n.value(Props.DATE));
        n.children().forEach(c -> dates.put(c.name(), c.value(Props.DATE)));
        return dates;
    }
}
