package org.vosportal.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.response.Response;
import io.vertx.core.json.JsonObject;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/**
 * With {@code presigned-downloads} on the S3 backend, the byte URL answers 303 to the object
 * store's own signed URL, so no byte of a download passes through the service; the checks that
 * come first (grant, share-link registry, replaced bytes) still hold, and uploads are unchanged.
 */
@QuarkusTest
@TestProfile(PresignedS3Profile.class)
class PresignedDownloadsTest extends ServiceTestBase {

    @Test
    void aDownloadIsRedirectedToTheBucketAfterTheGrantIsChecked() {
        String d = freshFolder("alice");
        uploadOk("alice", d + "/obs.txt", "photons straight from the bucket");
        String preauth = as("alice").get(BASE + "/files" + d + "/obs.txt").header("Location");
        Response toBucket = anonymous().get(preauth);
        assertEquals(303, toBucket.statusCode(), toBucket::asString);
        String s3 = toBucket.header("Location");
        assertTrue(s3.startsWith(org.vosportal.testsupport.S3ProxyServer.endpoint() + "/vospace-presigned/"), s3);
        Response bytes = anonymous().get(s3);
        assertEquals(200, bytes.statusCode());
        assertEquals("photons straight from the bucket", bytes.asString());
        assertTrue(bytes.header("Content-Disposition").contains("obs.txt"), bytes.header("Content-Disposition"));
        Response range = anonymous().header("Range", "bytes=0-6").get(s3);
        assertEquals(206, range.statusCode());
        assertEquals("photons", range.asString());

        // the file is replaced: the old byte URL no longer redirects anywhere
        uploadOk("alice", d + "/obs.txt", "new photons");
        assertEquals(404, anonymous().get(preauth).statusCode());
        // a stranger's grant check still comes first
        assertEquals(403, as("carol").get(BASE + "/files" + d + "/obs.txt").statusCode());
    }

    @Test
    void aShareLinkIsCheckedThenRedirectedAndARevokedOneIsGone() {
        String d = freshFolder("alice");
        uploadOk("alice", d + "/shared.txt", "for the collaboration");
        Response made = as("alice").contentType("application/x-www-form-urlencoded")
                .body("target=" + URLEncoder.encode(AUTH + d + "/shared.txt", StandardCharsets.UTF_8) + "&lifetime=3600")
                .post(BASE + "/shares");
        assertEquals(201, made.statusCode(), made::asString);
        JsonObject link = new JsonObject(made.asString());
        Response toBucket = anonymous().get(link.getString("url"));
        assertEquals(303, toBucket.statusCode(), toBucket::asString);
        assertEquals("for the collaboration", anonymous().get(toBucket.header("Location")).asString());

        assertEquals(204, as("alice").delete(BASE + "/shares/" + link.getString("id")).statusCode());
        assertEquals(410, anonymous().get(link.getString("url")).statusCode());
    }

    @Test
    void headersAndViewsAreStillAnsweredByTheService() {
        String d = freshFolder("alice");
        uploadOk("alice", d + "/notes.txt", "not a FITS file");
        String preauth = as("alice").get(BASE + "/files" + d + "/notes.txt").header("Location");
        Response head = anonymous().head(preauth);
        assertEquals(200, head.statusCode());
        assertEquals("15", head.header("Content-Length"));
        Response meta = anonymous().get(preauth + "?META=true");
        assertEquals(400, meta.statusCode(), meta::asString); // the FITS view is the service's, not a redirect
    }
}
