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
 * after expiry is a 403.
 */
public class PreauthSigner {

    /** What a valid token grants. */
    public record Grant(Direction direction, VosPath path, String user, Instant expires, long nodeId, String md5) {
        /** A grant bound to no particular node (uploads: the node may not exist yet). */
        public Grant(Direction direction, VosPath path, String user, Instant expires) {
            this(direction, path, user, expires, 0, "");
        }

        public Grant {
            md5 = md5 == null ? "" : md5;
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
        String payload = "v2\n" + g.direction() + "\n" + g.expires().getEpochSecond() + "\n"
                + (g.user() == null ? "" : g.user()) + "\n" + g.nodeId() + "\n" + g.md5() + "\n" + g.path();
        byte[] p = payload.getBytes(StandardCharsets.UTF_8);
        return ENC.encodeToString(p) + "." + ENC.encodeToString(mac(p));
    }

    /** The grant of a valid, unexpired token; 403 otherwise. */
    public Grant verify(String token, Instant now) {
        Grant g = verifySignature(token);
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
        String[] f = new String(payload, StandardCharsets.UTF_8).split("\n", 7);
        if (f.length != 7 || !"v2".equals(f[0])) {
            throw denied();
        }
        Instant expires = Instant.ofEpochSecond(Long.parseLong(f[2]));
        return new Grant(Direction.valueOf(f[1]), VosPath.parse(f[6]), f[3].isEmpty() ? null : f[3], expires,
                Long.parseLong(f[4]), f[5]);
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
