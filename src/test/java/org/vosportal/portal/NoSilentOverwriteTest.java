package org.vosportal.portal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import io.vertx.core.json.JsonObject;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.vosportal.service.ServiceTestBase;

/**
 * Issue 10, "no silent overwrite", below the browser: the names the upload script asks about,
 * and {@code If-None-Match: *} on every upload route (streamed, resumable, and the service's
 * own upload URL), so an upload that was not told to replace never does, also in a race.
 */
@QuarkusTest
class NoSilentOverwriteTest extends ServiceTestBase {

    static String folder(PortalSession s) {
        return PortalTest.folder(s);
    }

    static HttpResponse<String> put(PortalSession s, String path, String text, boolean mayReplace) {
        HttpRequest.Builder b = s.request("/storage/vault/upload" + path).header("X-CSRF-Token", s.csrf())
                .PUT(HttpRequest.BodyPublishers.ofString(text));
        if (!mayReplace) {
            b.header("If-None-Match", "*");
        }
        return s.send(b.build());
    }

    @Test
    void theNamesOfAFolderAreListedWhole() {
        PortalSession s = PortalTest.alice();
        String dir = folder(s);
        Set<String> expected = new HashSet<>(Set.of("sub", "a b.txt", "c(1).fits", "d", "e.txt", "ünï.txt"));
        mkdir("alice", dir + "/sub");
        for (String n : expected) {
            if (!n.equals("sub")) {
                String segment = URLEncoder.encode(n, StandardCharsets.UTF_8).replace("+", "%20");
                assertEquals(201, s.upload(dir + "/" + segment, n.getBytes(StandardCharsets.UTF_8), true).statusCode(), n);
            }
        }
        // the test profile asks the service for 2 children at a time: the list is put together from pages
        HttpResponse<String> r = s.get(PortalUrls.names("vault") + dir);
        assertEquals(200, r.statusCode(), r.body());
        assertTrue(r.headers().firstValue("Content-Type").orElse("").startsWith("application/json"));
        Set<String> names = new HashSet<>();
        new JsonObject(r.body()).getJsonArray("names").forEach(n -> names.add((String) n));
        assertEquals(expected, names);

        assertEquals(404, s.get(PortalUrls.names("vault") + dir + "/missing").statusCode(), "a folder that is not there");
        assertEquals(403, PortalSession.login(SERVER, "carol").get(PortalUrls.names("vault") + dir).statusCode(),
                "no names of a folder the user cannot read");
    }

    @Test
    void aStreamedUploadThatMayNotReplaceIsRefusedAndTheBytesStay() {
        PortalSession s = PortalTest.alice();
        String dir = folder(s);
        assertEquals(201, put(s, dir + "/new.txt", "first", false).statusCode(), "a new name is fine");
        HttpResponse<String> again = put(s, dir + "/new.txt", "second", false);
        assertEquals(409, again.statusCode(), again.body());
        assertTrue(again.body().contains("new.txt already exists"), again.body());
        assertEquals("first", download("alice", dir + "/new.txt").asString());
        // Replace (no If-None-Match) does replace
        assertEquals(201, put(s, dir + "/new.txt", "third", true).statusCode());
        assertEquals("third", download("alice", dir + "/new.txt").asString());
    }

    /** The race the portal's look-first cannot close: the service's commit is the check that holds. */
    @Test
    void theServiceRefusesToReplaceWhenAskedNotToAlsoWhenTheFileAppearsDuringTheUpload() {
        String dir = freshFolder("alice");
        uploadOk("alice", dir + "/there.txt", "old");
        String url = negotiate("alice", dir + "/there.txt", true);
        Response refused = anonymous().header("If-None-Match", "*").body("new".getBytes(StandardCharsets.UTF_8)).put(url);
        assertEquals(412, refused.statusCode(), refused.asString());
        assertEquals("old", download("alice", dir + "/there.txt").asString());

        // a transaction begun while the name was free, committed after someone else stored it
        String push = negotiate("alice", dir + "/late.txt", true);
        Response start = anonymous().header("x-put-txn-op", "start").header("x-total-length", "3")
                .header("If-None-Match", "*").body(new byte[0]).put(push);
        assertEquals(202, start.statusCode(), start.asString());
        String txn = start.header("x-put-txn-id");
        assertEquals(202, anonymous().header("x-put-txn-id", txn).body("new".getBytes(StandardCharsets.UTF_8)).put(push)
                .statusCode());
        uploadOk("alice", dir + "/late.txt", "theirs");
        Response commit = anonymous().header("x-put-txn-id", txn).header("x-put-txn-op", "commit")
                .header("If-None-Match", "*").body(new byte[0]).put(push);
        assertEquals(412, commit.statusCode(), commit.asString());
        assertEquals("theirs", download("alice", dir + "/late.txt").asString());
    }

    @Test
    void aResumableUploadThatMayNotReplaceIsRefusedAtOpenAndAtCommit() {
        PortalSession s = PortalTest.alice();
        String dir = folder(s);
        s.upload(dir + "/big.bin", "old".getBytes(StandardCharsets.UTF_8), true);
        assertEquals(409, open(s, dir + "/big.bin", 3).statusCode(), "refused before a byte is sent");

        // opened while the name was free; another upload stores it before the commit
        HttpResponse<String> opened = open(s, dir + "/race.bin", 3);
        assertEquals(201, opened.statusCode(), opened.body());
        String session = "/storage/vault/uploads/" + new JsonObject(opened.body()).getString("id");
        HttpResponse<String> segment = s.send(s.request(session).header("X-CSRF-Token", s.csrf())
                .header("X-Upload-Offset", "0").PUT(HttpRequest.BodyPublishers.ofString("new")).build());
        assertEquals(200, segment.statusCode(), segment.body());
        assertEquals(201, put(s, dir + "/race.bin", "theirs", true).statusCode());
        HttpResponse<String> commit = s.send(s.request(session + "/commit").header("X-CSRF-Token", s.csrf())
                .POST(HttpRequest.BodyPublishers.noBody()).build());
        assertEquals(409, commit.statusCode(), commit.body());
        assertTrue(commit.body().contains("race.bin already exists"), commit.body());
        assertEquals("theirs", download("alice", dir + "/race.bin").asString());
        assertEquals(404, s.get(session).statusCode(), "the refused upload is over");
    }

    private static HttpResponse<String> open(PortalSession s, String path, long size) {
        return s.send(PortalTest.form(s, "/storage/vault/uploads").header("X-CSRF-Token", s.csrf())
                .header("If-None-Match", "*")
                .POST(HttpRequest.BodyPublishers.ofString("path=" + URLEncoder.encode(path, StandardCharsets.UTF_8)
                        + "&size=" + size)).build());
    }
}
