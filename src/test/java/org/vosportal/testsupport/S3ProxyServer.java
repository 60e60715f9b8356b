package org.vosportal.testsupport;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.vosportal.service.blob.s3.S3BlobStore;
import org.vosportal.service.blob.s3.S3Settings;

/**
 * The S3 API server of {@code deploy/s3proxy.sh} for tests: s3proxy on 127.0.0.1:23900, access
 * key {@code vospace}, secret {@code vospace-secret}. Overridable by the system properties
 * {@code s3proxy.port} or the variable {@code S3PROXY_PORT}.
 */
public final class S3ProxyServer {

    public static final String ACCESS_KEY = "vospace";
    public static final String SECRET_KEY = "vospace-secret";
    private static volatile boolean running;

    private S3ProxyServer() {
    }

    public static int port() {
        return Integer.parseInt(DeployScript.setting("s3proxy.port", "S3PROXY_PORT", "23900"));
    }

    public static String endpoint() {
        return "http://127.0.0.1:" + port();
    }

    /** Starts s3proxy through {@code deploy/s3proxy.sh start} unless something answers on the port; once per JVM. */
    public static synchronized void ensureRunning() {
        if (running) {
            return;
        }
        if (!accepts()) {
            DeployScript.run("s3proxy.sh", Map.of("S3PROXY_PORT", Integer.toString(port())), 300, "start");
            if (!accepts()) {
                throw new IllegalStateException("deploy/s3proxy.sh start succeeded but port " + port()
                        + " does not accept connections");
            }
        }
        running = true;
    }

    /** The settings of a store in bucket {@code bucket} under a prefix of its own (tests do not see each other's blobs). */
    public static S3Settings settings(String bucket, long partSize, boolean presigned) {
        return new S3Settings(Optional.of(endpoint()), Optional.empty(), "us-east-1", bucket,
                "t-" + UUID.randomUUID().toString().substring(0, 8) + "/", Optional.of(ACCESS_KEY),
                Optional.of(SECRET_KEY), true, presigned, partSize, true);
    }

    /** A store on s3proxy with S3's smallest part size, so a few MiB already make multipart uploads. */
    public static S3BlobStore store(Path spool) throws IOException {
        ensureRunning();
        return settings("vospace-test", S3BlobStore.MIN_PART, false).connect(spool);
    }

    private static boolean accepts() {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", port()), 2000);
            return true;
        } catch (IOException e) {
            return false;
        }
    }
}
