package org.vosportal.service.health;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.vosportal.service.ServiceTestBase;

/** Probes and metrics as a load balancer and a Prometheus scraper see them. */
@QuarkusTest
class HealthAndMetricsTest extends ServiceTestBase {

    @Test
    void readinessChecksTheDatabaseTheBlobStoreAndTheIdentityProvider() {
        JsonPath ready = given().get(SERVER + "/q/health/ready").then().statusCode(200).extract().jsonPath();
        assertEquals("UP", ready.getString("status"));
        Map<String, Object> blob = check(ready, "blob store");
        assertEquals("UP", blob.get("status"));
        assertTrue(((Number) ((Map<?, ?>) blob.get("data")).get("freeBytes")).longValue() > 0, blob.toString());
        Map<String, Object> idp = check(ready, "identity provider");
        assertEquals(Boolean.TRUE, ((Map<?, ?>) idp.get("data")).get("reachable"), idp.toString());
        assertTrue(ready.getList("checks.name").stream().anyMatch(n -> String.valueOf(n).contains("Database")),
                "the datasource check: " + ready.getList("checks.name"));
        assertEquals("UP", given().get(SERVER + "/q/health/live").then().statusCode(200).extract().jsonPath()
                .getString("status"));
    }

    @Test
    void metricsCountTheBytesStoredAndServed() {
        String f = freshFolder("alice") + "/counted.bin";
        double inBefore = metric("vospace_content_in_bytes_total");
        double outBefore = metric("vospace_content_out_bytes_total");
        byte[] bytes = new byte[12_345];
        new java.util.Random(3).nextBytes(bytes);
        assertEquals(201, upload("alice", f, bytes).statusCode());
        assertEquals(12_345, download("alice", f).asByteArray().length);
        // other tests may run against the same application at the same time: at least ours
        assertTrue(metric("vospace_content_in_bytes_total") - inBefore >= 12_345);
        assertTrue(metric("vospace_content_out_bytes_total") - outBefore >= 12_345);
        assertTrue(metric("vospace_stored_bytes") >= 12_345);
        String all = given().get(SERVER + "/q/metrics").then().statusCode(200).extract().asString();
        assertTrue(metric("vospace_quota_used_bytes") > 0, "alice's home uses some of its quota");
        assertTrue(metric("vospace_quota_allowed_bytes") >= metric("vospace_quota_used_bytes"));
        for (String name : new String[] {"vospace_jobs_live", "vospace_jobs_waiting", "vospace_uploads_active",
                "vospace_quota_homes_near_full", "vospace_quota_homes_full", "http_server_requests_seconds_count"}) {
            assertTrue(all.contains(name), name + " is exported");
        }
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> check(JsonPath ready, String name) {
        for (Object c : ready.getList("checks")) {
            Map<String, Object> m = (Map<String, Object>) c;
            if (name.equals(m.get("name"))) {
                return m;
            }
        }
        throw new AssertionError("no check named " + name + " in " + ready.prettify());
    }

    private static double metric(String name) {
        String text = given().get(SERVER + "/q/metrics").then().statusCode(200).extract().asString();
        Matcher m = Pattern.compile("(?m)^" + name + "(\\{[^}]*\\})? ([0-9.eE+-]+)$").matcher(text);
        assertTrue(m.find(), name + " in\n" + text.lines().filter(l -> l.startsWith("vospace")).toList());
        return Double.parseDouble(m.group(2));
    }
}
