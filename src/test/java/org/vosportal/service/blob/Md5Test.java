package org.vosportal.service.blob;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.Random;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

class Md5Test {

    /** RFC 1321, appendix A.5. */
    private static final String[][] RFC_1321 = {
        {"", "d41d8cd98f00b204e9800998ecf8427e"},
        {"a", "0cc175b9c0f1b6a831c399e269772661"},
        {"abc", "900150983cd24fb0d6963f7d28e17f72"},
        {"message digest", "f96b697d7cb7938d525a2f31aaf161d0"},
        {"abcdefghijklmnopqrstuvwxyz", "c3fcd3d76192e4007dfb496cca67e13b"},
        {"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789", "d174ab98d277d9f5a5611c2c9f419d9f"},
        {"12345678901234567890123456789012345678901234567890123456789012345678901234567890",
            "57edf4a22be3c955ac49da2e2107b67a"},
    };

    @Test
    void bothKindsHashTheRfcVectors() {
        for (Supplier<Md5> kind : java.util.List.<Supplier<Md5>>of(Md5::fast, Md5::resumable)) {
            for (String[] v : RFC_1321) {
                Md5 md = kind.get();
                byte[] b = v[0].getBytes(StandardCharsets.US_ASCII);
                md.update(b, 0, b.length);
                assertEquals(v[1], md.hex(), "'" + v[0] + "'");
                assertEquals(v[1], md.hex(), "a value leaves the digest as it was");
            }
        }
    }

    /** The resumable digest's state, restored mid-stream (at a block edge and off it), hashes on to the straight MD5. */
    @Test
    void aRestoredResumableStateHashesOnLikeTheStraightDigest() throws Exception {
        byte[] data = new byte[100_003];
        new Random(5).nextBytes(data);
        String straight = HexFormat.of().formatHex(MessageDigest.getInstance("MD5").digest(data));
        for (int cut : new int[] {0, 1, 63, 64, 65, 4096, 77_777, data.length}) {
            Md5 first = Md5.resumable();
            first.update(data, 0, cut);
            assertTrue(first.savesRunningState());
            Md5 restored = Md5.restore(first.state());
            assertTrue(restored.takesBytes());
            restored.update(data, cut, data.length - cut);
            assertEquals(straight, restored.hex(), "cut at " + cut);
        }
    }

    @Test
    void copiesHashOnIndependently() {
        for (Md5 md : new Md5[] {Md5.fast(), Md5.resumable()}) {
            md.update(bytes("abc"), 0, 3);
            Md5 copy = md.copy();
            copy.update(bytes("def"), 0, 3);
            assertEquals("900150983cd24fb0d6963f7d28e17f72", md.hex());
            assertEquals("e80b5017098950fc58aad83c8c14978e", copy.hex()); // abcdef
        }
    }

    /** A fast digest saves its value only: restored, it answers the value and refuses more bytes. */
    @Test
    void aRestoredFastDigestIsFrozen() {
        Md5 fast = Md5.fast();
        fast.update(bytes("abc"), 0, 3);
        assertFalse(fast.savesRunningState());
        Md5 frozen = Md5.restore(fast.state());
        assertFalse(frozen.takesBytes());
        assertEquals("900150983cd24fb0d6963f7d28e17f72", frozen.hex());
        assertThrows(IllegalStateException.class, () -> frozen.update(bytes("d"), 0, 1));
        frozen.update(new byte[0], 0, 0); // nothing more is still fine
        assertEquals("900150983cd24fb0d6963f7d28e17f72", Md5.restore(frozen.state()).hex());
    }

    @Test
    void junkStatesAreRefused() {
        for (String junk : new String[] {"", "xyz", "bc:", "bc:AAAA", "bc:***", "md5:abc", "md5:" + "zz".repeat(16),
                "bc:" + java.util.Base64.getEncoder().encodeToString(new byte[200])}) {
            assertThrows(IllegalArgumentException.class, () -> Md5.restore(junk), junk);
        }
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.US_ASCII);
    }
}
