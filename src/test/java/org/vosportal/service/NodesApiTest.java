package org.vosportal.service;

import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.vosportal.testsupport.XmlSchemas;
import org.vosportal.vospace.Node;
import org.vosportal.vospace.NodeType;
import org.vosportal.vospace.Props;

@QuarkusTest
class NodesApiTest extends ServiceTestBase {

    @Test
    void homeIsCreatedOnFirstUseWithQuotaAndListedAtTheRoot() {
        Node home = getNode("alice", "/alice?limit=0");
        assertEquals(NodeType.CONTAINER, home.type());
        assertEquals("alice", home.value(Props.CREATOR));
        assertNotNull(home.value(Props.QUOTA));
        assertEquals("true", home.value(Props.WRITABLE));
        Node root = getNode("alice", "");
        assertTrue(root.children().stream().anyMatch(c -> c.name().equals("alice")));
        // bob's home is private: alice does not see it at the root
        getNode("bob", "/bob?limit=0");
        assertFalse(getNode("alice", "/").children().stream().anyMatch(c -> c.name().equals("bob")));
    }

    @Test
    void createReadUpdateDeleteWithSchemaValidDocuments() {
        String dir = freshFolder("alice");
        Response created = as("alice").body(dataDoc(dir + "/empty.fits",
                prop("ivo://ivoa.net/vospace/core#title", "M31 &amp; friends") + prop("custom:TELESCOPE", "CFHT")))
                .put(BASE + "/nodes" + dir + "/empty.fits");
        assertEquals(201, created.statusCode(), created::asString);
        XmlSchemas.assertNodeDocument(created.asString());
        Node n = getNode("alice", dir + "/empty.fits");
        assertEquals("0", n.value(Props.LENGTH));
        assertEquals("M31 & friends", n.value(Props.CORE + "title"));
        assertEquals("CFHT", n.value("custom:TELESCOPE"));
        assertTrue(n.value(Props.DATE).matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{3}"));

        Response listing = as("alice").get(BASE + "/nodes" + dir);
        XmlSchemas.assertNodeDocument(listing.asString());

        Response updated = as("alice").body(dataDoc(dir + "/empty.fits",
                nilProp("custom:TELESCOPE") + prop("custom:OBJECT", "M31") + prop(Props.LENGTH, "999")))
                .post(BASE + "/nodes" + dir + "/empty.fits");
        assertEquals(200, updated.statusCode(), updated::asString);
        XmlSchemas.assertNodeDocument(updated.asString());
        n = getNode("alice", dir + "/empty.fits");
        assertEquals(null, n.value("custom:TELESCOPE"));
        assertEquals("M31", n.value("custom:OBJECT"));
        assertEquals("0", n.value(Props.LENGTH), "read-only properties are ignored on input");

        as("alice").delete(BASE + "/nodes" + dir + "/empty.fits").then().statusCode(200);
        as("alice").get(BASE + "/nodes" + dir + "/empty.fits").then().statusCode(404)
                .body(startsWith("NodeNotFound"));
    }

    @Test
    void listingPagesWithInclusiveUriAndSorts() {
        String dir = freshFolder("alice");
        List<String> names = List.of("a", "B", "b", "c d", "é");
        for (String name : names) {
            uploadOk("alice", dir + "/" + name.replace(" ", "%20").replace("é", "%C3%A9"), name + name);
        }
        Node all = getNode("alice", dir);
        List<String> listed = new ArrayList<>();
        all.children().forEach(c -> listed.add(c.name()));
        assertEquals(List.of("B", "a", "b", "c d", "é"), listed);
        all.children().forEach(c -> assertNotNull(c.value(Props.DATE), "every child carries core#date"));

        Node page = getNode("alice", dir + "?limit=2&uri=" + "vos%3A%2F%2Fopencadc.org%7Evault" + dir.replace("/", "%2F")
                + "%2Fb");
        assertEquals(List.of("b", "c d"), page.children().stream().map(Node::name).toList());
        assertEquals(0, getNode("alice", dir + "?limit=0").children().size());

        Node byLength = getNode("alice", dir + "?sort=ivo%3A%2F%2Fivoa.net%2Fvospace%2Fcore%23length&order=desc");
        assertEquals("c d", byLength.children().get(0).name());
        Node reversed = getNode("alice", dir + "?order=desc");
        assertEquals("é", reversed.children().get(0).name());

        as("alice").get(BASE + "/nodes" + dir + "?limit=-1").then().statusCode(400).body(startsWith("InvalidArgument"));
        as("alice").get(BASE + "/nodes" + dir + "?limit=x").then().statusCode(400);
        as("alice").get(BASE + "/nodes" + dir + "?uri=vos%3A%2F%2Fopencadc.org%7Evault%2Fbob%2Fx").then().statusCode(400)
                .body(startsWith("InvalidURI"));
    }

    static final String BY_LENGTH = "sort=ivo%3A%2F%2Fivoa.net%2Fvospace%2Fcore%23length";
    static final String BY_DATE = "sort=ivo%3A%2F%2Fivoa.net%2Fvospace%2Fcore%23date";

    /**
     * Sorted listings page with {@code uri} like name order: each page starts (inclusively) at the
     * last child of the one before, in sort order; ties in size are broken by name, and no child
     * is lost or repeated, ascending or descending.
     */
    @Test
    void sortedListingsPageWithInclusiveUri() {
        String dir = freshFolder("alice");
        String[] names = {"k", "b", "x", "a", "m", "c", "z", "d", "y", "e", "q"};
        int[] sizes = {2, 1, 3, 2, 1, 3, 2, 1, 3, 2, 1};
        for (int i = 0; i < names.length; i++) {
            uploadOk("alice", dir + "/" + names[i], "x".repeat(sizes[i]));
        }
        List<String> bySize = List.of("b", "d", "m", "q", "a", "e", "k", "z", "c", "x", "y");
        assertEquals(bySize, pageThrough(dir, BY_LENGTH + "&order=asc", 4));
        List<String> bySizeDesc = new ArrayList<>(bySize);
        java.util.Collections.reverse(bySizeDesc);
        assertEquals(bySizeDesc, pageThrough(dir, BY_LENGTH + "&order=desc", 3));
        for (String order : List.of("asc", "desc")) {
            List<String> whole = getNode("alice", dir + "?" + BY_DATE + "&order=" + order).children().stream()
                    .map(Node::name).toList();
            assertEquals(11, whole.size());
            assertEquals(whole, pageThrough(dir, BY_DATE + "&order=" + order, 2));
        }
        // the child to start from must exist in sorted order (its size places it)
        as("alice").get(BASE + "/nodes" + dir + "?limit=2&" + BY_LENGTH + "&uri=" + childUri(dir, "nope")).then()
                .statusCode(404).body(startsWith("NodeNotFound"));
        // ... but only for a caller who may list the folder: bob sees the metadata of a private
        // folder in a public one, and must not learn which names are inside it
        mkdir("alice", dir + "/priv");
        uploadOk("alice", dir + "/priv/secret", "s");
        as("alice").body(containerDoc(dir).replace("<vos:properties/>", "<vos:properties>"
                + prop(Props.IS_PUBLIC, "true") + "</vos:properties>")).post(BASE + "/nodes" + dir).then().statusCode(200);
        for (String probe : List.of("secret", "nope")) {
            Node seen = getNode("bob", dir + "/priv?limit=2&" + BY_LENGTH + "&uri=" + childUri(dir + "/priv", probe));
            assertTrue(seen.children().isEmpty(), probe);
        }
    }

    private static String childUri(String dir, String name) {
        return "vos%3A%2F%2Fopencadc.org%7Evault" + (dir + "/" + name).replace("/", "%2F");
    }

    /** Pages through a listing the way the portal does: {@code uri} = the last child seen. */
    private static List<String> pageThrough(String dir, String query, int pageSize) {
        List<String> out = new ArrayList<>();
        String last = null;
        while (true) {
            String q = "?" + query + "&limit=" + (last == null ? pageSize : pageSize + 1)
                    + (last == null ? "" : "&uri=" + childUri(dir, last));
            List<String> page = new ArrayList<>(getNode("alice", dir + q).children().stream().map(Node::name).toList());
            if (last != null) {
                assertEquals(last, page.remove(0), "the page starts at the uri child");
            }
            out.addAll(page);
            if (page.size() < pageSize) {
                assertEquals(new java.util.HashSet<>(out).size(), out.size(), "no child twice: " + out);
                return out;
            }
            last = out.get(out.size() - 1);
        }
    }

    @Test
    void faultsUseTheSpecsStatusAndText() {
        String dir = freshFolder("alice");
        as("alice").body(containerDoc(dir)).put(BASE + "/nodes" + dir).then().statusCode(409)
                .body(startsWith("DuplicateNode"));
        as("alice").body(containerDoc(dir + "/no/such")).put(BASE + "/nodes" + dir + "/no/such").then()
                .statusCode(404).body(startsWith("ContainerNotFound"));
        as("alice").body(containerDoc(dir + "/other")).put(BASE + "/nodes" + dir + "/mismatch").then()
                .statusCode(400).body(startsWith("InvalidURI"));
        as("alice").body(containerDoc(dir + "/x").replace("opencadc.org!vault", "evil.org!vault"))
                .put(BASE + "/nodes" + dir + "/x").then().statusCode(400).body(startsWith("InvalidURI"));
        as("alice").body(containerDoc(dir + "/t").replace("vos:ContainerNode", "vos:Strange"))
                .put(BASE + "/nodes" + dir + "/t").then().statusCode(400).body(startsWith("TypeNotSupported"));
        // a core# name that is not a core property is kept as the client's own (issue "Astronomy":
        // the Python Node.set_property writes custom keys there), and grants nothing
        as("alice").body(dataDoc(dir + "/p", prop("ivo://ivoa.net/vospace/core#publicread", "true")))
                .put(BASE + "/nodes" + dir + "/p").then().statusCode(201);
        assertEquals("true", getNode("alice", dir + "/p").value("ivo://ivoa.net/vospace/core#publicread"));
        anonymous().get(BASE + "/nodes" + dir + "/p").then().statusCode(403);
        mkdir("alice", dir + "/full");
        mkdir("alice", dir + "/full/inner");
        as("alice").delete(BASE + "/nodes" + dir + "/full").then().statusCode(400).body(containsString("not empty"));
    }

    @Test
    void parameterTransfersAndViewData() {
        String dir = freshFolder("alice");
        uploadOk("alice", dir + "/p.txt", "by parameters");
        String target = java.net.URLEncoder.encode(AUTH + dir + "/p.txt", java.nio.charset.StandardCharsets.UTF_8);
        // REQUEST=redirect: straight to the bytes
        io.restassured.response.Response redirect = as("alice").get(BASE + "/synctrans?TARGET=" + target
                + "&DIRECTION=pullFromVoSpace&PROTOCOL=ivo%3A%2F%2Fivoa.net%2Fvospace%2Fcore%23httpget&REQUEST=redirect");
        assertEquals(303, redirect.statusCode(), redirect::asString);
        assertEquals("by parameters", anonymous().get(redirect.header("Location")).asString());
        // without REQUEST=redirect: the transfer document, also as a POSTed form
        io.restassured.response.Response doc = as("alice").contentType("application/x-www-form-urlencoded")
                .body("TARGET=" + target + "&DIRECTION=pullFromVoSpace").post(BASE + "/synctrans");
        assertEquals(200, doc.statusCode(), doc::asString);
        XmlSchemas.assertTransfer(doc.asString());
        // view=data on a node answers with the files endpoint
        io.restassured.response.Response view = as("alice").get(BASE + "/nodes" + dir + "/p.txt?view=data");
        assertEquals(303, view.statusCode());
        assertTrue(view.header("Location").endsWith("/vault/files" + dir + "/p.txt"));
        as("alice").get(BASE + "/synctrans?TARGET=" + target).then().statusCode(400).body(startsWith("InvalidArgument"));
    }

    @Test
    void badTokensAreRefusedWithNotAuthenticated() {
        anonymous().header("Authorization", "Bearer not-a-token").get(BASE + "/nodes/alice?limit=0").then()
                .statusCode(401).body(startsWith("NotAuthenticated"));
        String t = token("alice");
        String forged = t.substring(0, t.lastIndexOf('.') + 1) + "AAAA" + t.substring(t.lastIndexOf('.') + 5);
        anonymous().header("Authorization", "Bearer " + forged).get(BASE + "/nodes/alice?limit=0").then()
                .statusCode(401);
    }

    @Test
    void capabilitiesAvailabilityAndRegistry() {
        String caps = anonymous().get(BASE + "/capabilities").then().statusCode(200).extract().asString();
        assertTrue(caps.contains("xmlns:xsi="));
        for (String id : List.of("VOSpace/v2.0#nodes", "VOSpace#files-proto", "VOSpace#sync-2.1", "v2.0#transfers",
                "recursive-delete-proto", "recursive-nodeprops-proto", "Pkg-1.0")) {
            assertTrue(caps.contains(id), id);
        }
        assertTrue(caps.contains("<accessURL use=\"base\">" + BASE + "/nodes</accessURL>"));
        anonymous().get(BASE + "/availability").then().statusCode(200).body(containsString("true"));
        anonymous().get(SERVER + "/reg/resource-caps").then().statusCode(200)
                .body(containsString("ivo://opencadc.org/vault = " + BASE + "/capabilities"));
    }
}
