package org.vosportal.portal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * The portal's sealed ids (tracked jobs, resumable uploads) are opened by any instance that has
 * the same session secret, and by nothing else: altered, made for another purpose or under another
 * secret, an id is not one.
 */
class SealedIdsTest {

    static final String SECRET = "the-secret-both-instances-share-0123456789";

    @Test
    void anIdSealedOnOneInstanceOpensOnAnother() {
        SealedIds a = new SealedIds(Optional.of(SECRET));
        SealedIds b = new SealedIds(Optional.of(SECRET));
        List<String> record = List.of("vault", "alice", "http://127.0.0.1:8080/vault/async-delete/1f", "Deleting “x”", "");
        String id = a.seal("portal-job", record);
        assertEquals(record, b.open("portal-job", id));
        assertNotEquals(id, a.seal("portal-job", record), "the same record must not give the same id");
    }

    @Test
    void anythingElseIsNotAnId() {
        SealedIds a = new SealedIds(Optional.of(SECRET));
        String id = a.seal("portal-job", List.of("vault", "alice"));
        assertNull(a.open("portal-upload", id), "an id for one purpose opened for another");
        assertNull(new SealedIds(Optional.of(SECRET + "x")).open("portal-job", id), "opened under another secret");
        char[] c = id.toCharArray();
        c[c.length / 2] = c[c.length / 2] == 'A' ? 'B' : 'A';
        assertNull(a.open("portal-job", new String(c)), "an altered id opened");
        assertNull(a.open("portal-job", "not base64 ***"));
        assertNull(a.open("portal-job", ""));
        assertNull(a.open("portal-job", null));
    }
}
