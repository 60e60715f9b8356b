package org.vosportal.service.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.vosportal.service.auth.PreauthSigner.Direction;
import org.vosportal.service.auth.PreauthSigner.Grant;
import org.vosportal.vospace.Fault;
import org.vosportal.vospace.VosFault;
import org.vosportal.vospace.VosPath;

class PreauthSignerTest {

    private final PreauthSigner signer = new PreauthSigner(new byte[32]);
    private final Instant now = Instant.parse("2026-01-01T00:00:00Z");

    @Test
    void roundTripsAGrant() {
        Grant g = new Grant(Direction.GET, VosPath.parse("/alice/a b/x.fits"), "alice", now.plusSeconds(60));
        assertEquals(g, signer.verify(signer.sign(g), now));
    }

    @Test
    void anExpiredTokenIsStillAuthenticForFinishingWhatItBegan() {
        Grant g = new Grant(Direction.PUT, VosPath.parse("/alice/x"), "alice", now.minusSeconds(1));
        String token = signer.sign(g);
        assertThrows(VosFault.class, () -> signer.verify(token, now));
        assertEquals(g, signer.verifySignature(token));
        assertTrue(signer.verifySignature(token).expiredAt(now));
        String forged = token.substring(0, token.indexOf('.') + 1) + "AAAA";
        assertThrows(VosFault.class, () -> signer.verifySignature(forged));
    }

    @Test
    void refusesExpiredTamperedAndForeignTokens() {
        Grant g = new Grant(Direction.PUT, VosPath.parse("/alice/x"), "alice", now.plusSeconds(60));
        String token = signer.sign(g);
        assertEquals(Fault.PermissionDenied,
                assertThrows(VosFault.class, () -> signer.verify(token, now.plusSeconds(61))).fault());
        String payload = token.substring(0, token.indexOf('.'));
        String flipped = (payload.charAt(3) == 'A' ? 'B' : 'A') + "";
        String tampered = payload.substring(0, 3) + flipped + payload.substring(4) + token.substring(token.indexOf('.'));
        assertThrows(VosFault.class, () -> signer.verify(tampered, now));
        PreauthSigner other = new PreauthSigner(new byte[] {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17,
            18, 19, 20, 21, 22, 23, 24, 25, 26, 27, 28, 29, 30, 31, 32});
        assertThrows(VosFault.class, () -> other.verify(token, now));
        assertThrows(VosFault.class, () -> signer.verify("garbage", now));
        assertThrows(VosFault.class, () -> signer.verify("a.b", now));
    }

    /** A share link's token carries its registry id; a plain one keeps the version-2 payload. */
    @Test
    void aShareTokenNamesItsShareAndAPlainOneStaysVersionTwo() {
        Grant share = new Grant(Direction.GET, VosPath.parse("/alice/x.fits"), "alice", now.plusSeconds(60), 7,
                "0123456789abcdef0123456789abcdef", "Zk3_q-9");
        Grant back = signer.verify(signer.sign(share), now);
        assertEquals(share, back);
        assertTrue(back.isShare());
        Grant plain = new Grant(Direction.GET, VosPath.parse("/alice/x.fits"), "alice", now.plusSeconds(60), 7,
                "0123456789abcdef0123456789abcdef");
        String token = signer.sign(plain);
        String payload = new String(java.util.Base64.getUrlDecoder().decode(token.substring(0, token.indexOf('.'))),
                java.nio.charset.StandardCharsets.UTF_8);
        assertTrue(payload.startsWith("v2\n"), payload);
        assertTrue(!signer.verify(token, now).isShare());
        assertThrows(IllegalArgumentException.class, () -> new Grant(Direction.GET, VosPath.parse("/alice/x"), "alice",
                now, 7, "", "bad\nid"));
    }
}
