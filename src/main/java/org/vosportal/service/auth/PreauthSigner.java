package org.vosportal.service.auth;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.Base64;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.vosportal.vospace.Fault;
import org.vosportal.vospace.VosFault;
import org.vosportal.vospace.VosPath;

/**
 * Signs and checks pre-authorised URL tokens. A token names one path, one direction, the user it
 * acts for and an expiry; a read token also names the node and the MD5 of the bytes it was made
 * for, so a link never serves what was put at its path later (a replaced or moved-away file). It
 * is {@code base64url(payload) "." base64url(HMAC-SHA256)}. Tampering with any part or using it
 * after expiry is a 403. A share link's token (version 3) also names its row in the share
 * registry, which the byte endpoint asks on every use (revocation); every other token keeps the
 * version-2 form, so plain transfer URLs cost no lookup and links made before stay valid.
 */
public class PreauthSigner {

    /** What a valid token grants. */
    public record Grant(Direction direction, VosPath path, String user, Instant expires, long nodeId, String md5,
            String shareId) {
        /** A grant bound to no particular node (uploads: the node may not exist yet). */
        public Grant(Direction direction, VosPath path, String user, Instant expires) {
            this(direction, path, user, expires, 0, "");
        }

        /** A grant that is no share link (a plain transfer). */
        public Grant(Direction direction, VosPath path, String user, Instant expires, long nodeId, String md5) {
            this(direction, path, user, expires, nodeId, md5, "");
        }

        public Grant {
            md5 = md5 == null ? "" : md5;
            shareId = shareId == null ? "" : shareId;
            if (!shareId.matches("[A-Za-z0-9_-]*")) {
                throw new IllegalArgumentException("a share id is URL-safe base64");
            }
        }

        /** True for a share link: the registry decides whether it still works. */
        public boolean isShare() {
            return !shareId.isEmpty();
        }

        public boolean expiredAt(Instant now) {
            return now.isAfter(expires);
        }

        /** True unless the grant names another node or other bytes than {@code nodeId} / {@code md5}. */
        public boolean matches(long id, String currentMd5) {
            return (nodeId == 0 || nodeId == id) && (md5.isEmpty() || md5.equals(currentMd5));
        }
    }

    public enum Direction { GET, PUT }

    private static final Base64.Encoder ENC = Base64.getUrlEncoder().withoutPadding();
    private static final Base64.Decoder DEC = Base64.getUrlDecoder();

    private final byte[] key;

    public PreauthSigner(byte[] key) {
        if (key.length < 32) {
            throw new IllegalArgumentException("pre-authorisation key must be at least 32 bytes");
        }
        this.key = key.clone();
    }

    public String sign(Grant g) {
        // fields separated by '\n', which no valid path name or user name contains
        String head = g.direction() + "\n" + g.expires().getEpochSecond() + "\n"
                + (g.user() == null ? "" : g.user()) + "\n" + g.nodeId() + "\n" + g.md5() + "\n";
        String payload = g.isShare() ? "v3\n" + head + g.shareId() + "\n" + g.path() : "v2\n" + head + g.path();
        byte[] p = payload.getBytes(StandardCharsets.UTF_8);
        return ENC.encodeToString(p) + "." + ENC.encodeToString(mac(p));
    }

    /** The grant of a valid, unexpired token; 403 otherwise. */
    public Grant verify(String token, Instant now) {
        return unexpired(verifySignature(token), now);
    }

    /** The grant itself when it has not expired at {@code now}; 403 otherwise. */
    public static Grant unexpired(Grant g, Instant now) {
        if (g.expiredAt(now)) {
            throw new VosFault(Fault.PermissionDenied, "this link expired at " + g.expires());
        }
        return g;
    }

    /**
     * The grant of an authentic token, expired or not: only for finishing what was begun while it
     * was valid (an upload transaction), never for starting anything.
     */
    public Grant verifySignature(String token) {
        int dot = token == null ? -1 : token.indexOf('.');
        if (dot <= 0) {
            throw denied();
        }
        byte[] payload;
        byte[] sig;
        try {
            payload = DEC.decode(token.substring(0, dot));
            sig = DEC.decode(token.substring(dot + 1));
        } catch (IllegalArgumentException e) {
            throw denied();
        }
        if (!MessageDigest.isEqual(mac(payload), sig)) {
            throw denied();
        }
        String text = new String(payload, StandardCharsets.UTF_8);
        boolean share = text.startsWith("v3\n");
        String[] f = text.split("\n", share ? 8 : 7);
        if (f.length != (share ? 8 : 7) || !(share || "v2".equals(f[0]))) {
            throw denied();
        }
        Instant expires = Instant.ofEpochSecond(Long.parseLong(f[2]));
        return new Grant(Direction.valueOf(f[1]), VosPath.parse(share ? f[7] : f[6]), f[3].isEmpty() ? null : f[3],
                expires, Long.parseLong(f[4]), f[5], share ? f[6] : "");
    }

    private static VosFault denied() {
        return new VosFault(Fault.PermissionDenied, "invalid pre-authorised URL");
    }

    private byte[] mac(byte[] data) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            return mac.doFinal(data);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
