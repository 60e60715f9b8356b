package org.vosportal.service;

import org.junit.jupiter.api.Tag;
import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.quarkus.test.common.QuarkusTestResource;
import io.restassured.RestAssured;
import io.restassured.config.RedirectConfig;
import io.restassured.config.RestAssuredConfig;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import java.nio.charset.StandardCharsets;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.vosportal.testsupport.KeycloakServer;
import org.vosportal.testsupport.KeycloakTestResource;
import org.vosportal.vospace.NodeXml;
import org.vosportal.vospace.Node;
import org.vosportal.vospace.Transfer;
import org.vosportal.vospace.TransferXml;

/**
 * Shared helpers for the service's HTTP tests: real Keycloak tokens, request bodies shaped like
 * the vos client's, and a fresh folder per test so tests never see each other's nodes.
 */
@QuarkusTestResource(value = KeycloakTestResource.class, restrictToAnnotatedClass = false)
@QuarkusTestResource(value = org.vosportal.testsupport.S3ProxyTestResource.class, restrictToAnnotatedClass = false)
@Tag("servers") // Keycloak and the application: the full suite (mvn verify), not the fast lane
public abstract class ServiceTestBase {

    /** The service under test; the port follows quarkus.http.test-port (default 8081). */
    public static final String BASE = "http://127.0.0.1:" + Integer.getInteger("quarkus.http.test-port", 8081) + "/vault";
    public static final String SERVER = BASE.substring(0, BASE.length() - "/vault".length());
    public static final String AUTH = "vos://opencadc.org~vault";
    /** The form the Python client writes into the documents it builds. */
    public static final String AUTH_BANG = "vos://opencadc.org!vault";
    public static final String VOS_NS = "http://www.ivoa.net/xml/VOSpace/v2.0";
    public static final String XSI_NS = "http://www.w3.org/2001/XMLSchema-instance";

    @BeforeAll
    static void noRedirects() {
        RestAssured.config = RestAssuredConfig.config().redirect(RedirectConfig.redirectConfig().followRedirects(false));
    }

    public static String token(String user) {
        return KeycloakServer.accessToken(user);
    }

    /** A request carrying the user's token as the vos client sends it. */
    public static RequestSpecification as(String user) {
        RequestSpecification spec = given().urlEncodingEnabled(false);
        if (user != null) {
            String t = token(user);
            spec = spec.header("Authorization", "Bearer " + t).header("X-CADC-DelegationToken", t);
        }
        return spec;
    }

    public static RequestSpecification anonymous() {
        return given().urlEncodingEnabled(false);
    }

    /** A fresh, uniquely named folder path under the user's home, e.g. {@code /alice/t-3f2a…}. */
    public static String freshFolder(String user) {
        String path = "/" + user + "/t-" + UUID.randomUUID().toString().substring(0, 8);
        mkdir(user, path);
        return path;
    }

    public static String containerDoc(String path) {
        return "<vos:node xmlns:vos=\"" + VOS_NS + "\" xmlns:xsi=\"" + XSI_NS + "\" uri=\"" + AUTH_BANG + path
                + "\" xsi:type=\"vos:ContainerNode\"><vos:properties/><vos:nodes/></vos:node>";
    }

    public static String dataDoc(String path, String propsXml) {
        return "<vos:node xmlns:vos=\"" + VOS_NS + "\" xmlns:xsi=\"" + XSI_NS + "\" uri=\"" + AUTH_BANG + path
                + "\" xsi:type=\"vos:DataNode\"><vos:properties>" + propsXml + "</vos:properties>"
                + "<vos:accepts/><vos:provides/></vos:node>";
    }

    public static String linkDoc(String path, String target) {
        return "<vos:node xmlns:vos=\"" + VOS_NS + "\" xmlns:xsi=\"" + XSI_NS + "\" uri=\"" + AUTH_BANG + path
                + "\" xsi:type=\"vos:LinkNode\"><vos:properties/><vos:target>" + target + "</vos:target></vos:node>";
    }

    public static String prop(String uri, String value) {
        return "<vos:property uri=\"" + uri + "\" readOnly=\"false\">" + value + "</vos:property>";
    }

    public static String nilProp(String uri) {
        return "<vos:property uri=\"" + uri + "\" xsi:nil=\"true\"/>";
    }

    public static void mkdir(String user, String path) {
        as(user).contentType("text/xml").body(containerDoc(path)).put(BASE + "/nodes" + path).then().statusCode(201);
    }

    public static Node getNode(String user, String pathAndQuery) {
        Response r = as(user).get(BASE + "/nodes" + pathAndQuery);
        assertEquals(200, r.statusCode(), () -> "GET " + pathAndQuery + ": " + r.asString());
        return NodeXml.read(r.asByteArray());
    }

    public static String transferDoc(String path, String direction, String protocol) {
        return "<vos:transfer xmlns:vos=\"" + VOS_NS + "\" version=\"2.1\"><vos:target>" + AUTH_BANG + path
                + "</vos:target><vos:direction>" + direction + "</vos:direction><vos:protocol uri=\""
                + "ivo://ivoa.net/vospace/core#" + protocol + "\"/></vos:transfer>";
    }

    /** Negotiates a sync transfer and returns the first endpoint (follows the 303 like vos does). */
    public static String negotiate(String user, String path, boolean push) {
        Response post = as(user).contentType("text/xml")
                .body(transferDoc(path, push ? Transfer.PUSH_TO : Transfer.PULL_FROM, push ? "httpsput" : "httpsget"))
                .post(BASE + "/synctrans");
        assertEquals(303, post.statusCode(), post::asString);
        Response details = as(user).get(post.header("Location"));
        assertEquals(200, details.statusCode(), details::asString);
        Transfer t = TransferXml.read(details.asByteArray());
        if (t.protocols().isEmpty()) {
            throw new AssertionError("negotiation failed for " + path + ": " + jobError(user, post.header("Location")));
        }
        return t.protocols().get(0).endpoint();
    }

    static String jobError(String user, String detailsUrl) {
        String job = detailsUrl.replace("/results/transferDetails", "");
        return as(user).get(job + "/error").asString();
    }

    /** Uploads bytes to a path the way vcp does for small files, returning the PUT response. */
    public static Response upload(String user, String path, byte[] bytes) {
        String endpoint = negotiate(user, path, true);
        return anonymous().body(bytes).put(endpoint);
    }

    public static void uploadOk(String user, String path, String text) {
        Response r = upload(user, path, text.getBytes(StandardCharsets.UTF_8));
        assertEquals(201, r.statusCode(), r::asString);
    }

    /** Downloads through /files and the pre-authorised URL, as vcp does. */
    public static Response download(String user, String path) {
        Response files = as(user).get(BASE + "/files" + path);
        if (files.statusCode() != 303) {
            return files;
        }
        return anonymous().get(files.header("Location"));
    }
}
