package org.vosportal.portal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.junit.QuarkusTest;
import java.net.http.HttpResponse;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.vosportal.service.ServiceTestBase;

/**
 * The portal is not tied to its own service: against a second VOSpace that answers like CANFAR's
 * vault (configured as service "canfar" in the test profile) it lists, downloads and creates
 * folders with that service's URIs, and carries the user's token.
 */
@QuarkusTest
class CanfarLikeServiceTest extends ServiceTestBase {

    static MockCanfarVault vault;

    @BeforeAll
    static void start() throws Exception {
        vault = new MockCanfarVault(8099);
    }

    @AfterAll
    static void stop() {
        vault.stop();
    }

    @Test
    void listsX500OwnersAndGroupUrisAsPlainNames() {
        PortalSession s = PortalTest.alice();
        HttpResponse<String> page = s.get("/storage/canfar/list/home/alice");
        assertEquals(200, page.statusCode(), page.body());
        String b = page.body();
        assertTrue(b.contains("obs.fits"));
        assertTrue(b.contains(">alice smith<"), "CN of the X.500 creator");
        assertTrue(b.contains(">proj1<") && b.contains(">proj2<"), "group names from ivo://cadc.nrc.ca/gms?…");
        assertTrue(b.contains("96.0 MB"));
        assertTrue(b.contains("2024-03-15 10:20"));
        assertTrue(vault.seen.stream().anyMatch(r -> r.path().startsWith("/vault/nodes/home/alice")
                && r.authorization() != null && r.authorization().startsWith("Bearer ")), "the user's token went along");
    }

    @Test
    void downloadFollowsTheVaultStyleRedirectToItsOwnByteUrl() {
        PortalSession s = PortalTest.alice();
        HttpResponse<String> dl = s.get("/storage/canfar/download/home/alice/obs.fits");
        assertEquals(303, dl.statusCode(), dl.body());
        assertEquals(vault.base + "/minoc/preauth:abc/home/alice/obs.fits", dl.headers().firstValue("Location").orElse(""));
        assertTrue(vault.seen.stream().anyMatch(r -> r.path().equals("/vault/synctrans") && r.body().contains(
                "vos://cadc.nrc.ca~vault/home/alice/obs.fits")), "the transfer names the service's own URI");
    }

    @Test
    void withoutAPackageCapabilityThePortalBuildsTheZipItself() throws Exception {
        PortalSession s = PortalTest.alice();
        String page = s.get("/storage/canfar/list/home/alice").body();
        assertTrue(page.contains("formaction=\"/storage/canfar/selection/assemble\""), "ZIP goes to the portal's own builder");
        java.net.http.HttpResponse<byte[]> zip = s.sendBytes(s.request("/storage/canfar/selection/assemble")
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(java.net.http.HttpRequest.BodyPublishers.ofString("csrf=" + s.csrf() + "&path=%2Fhome%2Falice%2Fobs.fits"))
                .build());
        assertEquals(200, zip.statusCode());
        try (var in = new java.util.zip.ZipInputStream(new java.io.ByteArrayInputStream(zip.body()))) {
            java.util.zip.ZipEntry e = in.getNextEntry();
            assertEquals("obs.fits", e.getName());
            assertEquals("SIMPLE  =                    T / mock FITS", new String(in.readAllBytes(),
                    java.nio.charset.StandardCharsets.UTF_8));
        }
    }

    @Test
    void createFolderUsesTheServicesAuthority() {
        PortalSession s = PortalTest.alice();
        HttpResponse<String> r = s.post("/storage/canfar/mkdir", Map.of("parent", "/home/alice", "name", "new"), true);
        assertEquals(303, r.statusCode(), r.body());
        assertTrue(vault.seen.stream().anyMatch(x -> x.method().equals("PUT")
                && x.body().contains("uri=\"vos://cadc.nrc.ca~vault/home/alice/new\"")
                && x.body().contains("vos:ContainerNode")), vault.seen.toString());
    }
}
