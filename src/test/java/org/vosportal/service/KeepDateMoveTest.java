package org.vosportal.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import org.junit.jupiter.api.Test;
import org.vosportal.vospace.Props;
import org.vosportal.vospace.Transfer;

/**
 * A move dates the node ({@code core#date}), unless its transfer document asks to keep the date
 * ({@link Transfer#KEEP_DATE}, which the portal's trash sends so a restored file keeps its date).
 */
@QuarkusTest
class KeepDateMoveTest extends ServiceTestBase {

    @Test
    void aMoveAskingToKeepTheDateKeepsItAndAPlainMoveDatesTheMove() throws Exception {
        String dir = freshFolder("alice");
        uploadOk("alice", dir + "/a.txt", "a");
        String dated = getNode("alice", dir + "/a.txt").value(Props.DATE);
        Thread.sleep(20); // dates are whole milliseconds

        assertEquals("COMPLETED", move(dir + "/a.txt", dir + "/kept.txt", true).phase());
        assertEquals(dated, getNode("alice", dir + "/kept.txt").value(Props.DATE));

        assertEquals("COMPLETED", move(dir + "/kept.txt", dir + "/moved.txt", false).phase());
        assertNotEquals(dated, getNode("alice", dir + "/moved.txt").value(Props.DATE), "a plain move dates the move");
    }

    static PermissionMatrixTest.JobEnd move(String src, String dest, boolean keepDate) {
        String doc = PermissionMatrixTest.moveDoc(src, dest, false);
        if (keepDate) {
            doc = doc.replace("</vos:transfer>", "<vos:param uri=\"" + Transfer.KEEP_DATE + "\">true</vos:param></vos:transfer>");
        }
        Response created = as("alice").contentType("text/xml").body(doc).post(BASE + "/transfers");
        assertEquals(303, created.statusCode(), created::asString);
        return PermissionMatrixTest.runJob("alice", created.header("Location"));
    }
}
