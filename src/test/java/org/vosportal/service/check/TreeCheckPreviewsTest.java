package org.vosportal.service.check;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vosportal.service.blob.BlobPut;
import org.vosportal.service.preview.PreviewCache;
import org.vosportal.service.store.NewNode;
import org.vosportal.service.store.StoredNode;

/**
 * The consistency check looks at {@code {data-dir}/previews/} too: a preview of a node that is
 * gone or is not a file, of bytes the file no longer holds, or half-written is a problem
 * (reported, like an orphan blob, and left in place); the previews of the files' current bytes
 * are not. On H2 in memory and a local blob store, no server.
 */
class TreeCheckPreviewsTest {

    @TempDir
    Path data;

    private TreeCheck check() throws Exception {
        return CheckOnH2.in(data).check();
    }

    private static Path preview(Path data, long id, String name) throws Exception {
        Path f = Files.createDirectories(data.resolve("previews").resolve(Long.toString(id))).resolve(name);
        Files.write(f, new byte[] {(byte) 0x89, 'P', 'N', 'G'});
        return f;
    }

    @Test
    void previewsOfFilesGoneOfEarlierBytesAndHalfWrittenAreReportedAndLeftAlone() throws Exception {
        TreeCheck check = check();
        StoredNode home = check.store.create(check.store.root().id(), NewNode.container("alice", "alice"));
        byte[] bytes = "SIMPLE  =                    T".getBytes(StandardCharsets.US_ASCII);
        BlobPut pending = check.blobs.receive(new ByteArrayInputStream(bytes), 1 << 20);
        String md5 = HexFormat.of().formatHex(pending.md5());
        StoredNode image = check.store.createWithContent(home.id(), NewNode.data("img.fits", "alice"),
                pending.commit(), bytes.length, md5);
        StoredNode empty = check.store.create(home.id(), NewNode.data("empty.fits", "alice"));
        StoredNode folder = check.store.create(home.id(), NewNode.container("sub", "alice"));

        // consistent: the current previews of both files (with and without an MD5)
        preview(data, image.id(), md5 + "-256.png");
        preview(data, image.id(), md5 + "-1024.png");
        preview(data, empty.id(), PreviewCache.key(empty) + "-256.png");
        Files.createDirectories(data.resolve("previews/not-a-node")); // not the cache's: not looked at
        TreeCheck.Report ok = check.run();
        assertEquals(List.of(), ok.problems());
        assertEquals(3, ok.previews());
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        assertEquals(0, ServiceMain.report(ok, new PrintStream(out, true, StandardCharsets.UTF_8)));
        assertTrue(out.toString(StandardCharsets.UTF_8).contains("3 previews checked"), out.toString());

        // damage: a node gone, a folder, earlier bytes, an interrupted write
        Path gone = preview(data, 999_999, "0123456789abcdef0123456789abcdef-256.png");
        Path ofFolder = preview(data, folder.id(), "0123456789abcdef0123456789abcdef-256.png");
        Path earlier = preview(data, image.id(), "ffffffffffffffffffffffffffffffff-256.png");
        Path half = preview(data, image.id(), ".tmp-1f2e");
        TreeCheck.Report damaged = check.run();
        assertEquals(List.of(
                "half-written preview previews/" + image.id() + "/.tmp-1f2e left behind",
                "preview previews/" + image.id() + "/ffffffffffffffffffffffffffffffff-256.png is not of the current"
                        + " bytes of node " + image.id() + " 'img.fits' (" + md5 + ")",
                "preview previews/" + folder.id() + "/0123456789abcdef0123456789abcdef-256.png belongs to no file:"
                        + " node " + folder.id() + " 'sub' is not a file",
                "preview previews/999999/0123456789abcdef0123456789abcdef-256.png belongs to no file: node 999999"
                        + " is gone"), damaged.problems());
        assertEquals(7, damaged.previews());
        out.reset();
        assertEquals(1, ServiceMain.report(damaged, new PrintStream(out, true, StandardCharsets.UTF_8)));
        assertTrue(out.toString(StandardCharsets.UTF_8).contains("INCONSISTENT: half-written preview"), out.toString());
        for (Path p : List.of(gone, ofFolder, earlier, half)) {
            assertTrue(Files.exists(p), "the check reports, it does not remove: " + p);
        }

        // the service's sweep removes what it knows to remove; the preview of earlier bytes is reported still
        check.previews.sweep(ids -> check.store.byIds(ids).values().stream().filter(StoredNode::isData)
                .map(StoredNode::id).collect(java.util.stream.Collectors.toSet()));
        assertEquals(List.of("preview previews/" + image.id() + "/ffffffffffffffffffffffffffffffff-256.png is not of"
                + " the current bytes of node " + image.id() + " 'img.fits' (" + md5 + ")"), check.run().problems());
    }
}
