package org.vosportal.service.arc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.nio.channels.SeekableByteChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vosportal.vospace.VosPath;

/** The ARC tree on a real directory: paging, and the links and swaps that must not lead out of it. */
class ArcTreeTest {

    @TempDir
    Path tmp;

    Path root;
    Path outside;
    ArcTree tree;

    @BeforeEach
    void tree() throws Exception {
        root = Files.createDirectories(tmp.resolve("arc"));
        outside = Files.createDirectories(tmp.resolve("elsewhere"));
        Files.writeString(outside.resolve("secret.txt"), "not yours");
        Files.createDirectories(root.resolve("projects/survey/data"));
        Files.writeString(root.resolve("projects/survey/readme.txt"), "survey notes");
        tree = new ArcTree(root);
    }

    static String read(SeekableByteChannel ch) throws Exception {
        try (ch) {
            ByteBuffer b = ByteBuffer.allocate((int) ch.size());
            while (b.hasRemaining() && ch.read(b) > 0) {
                // whole file
            }
            return new String(b.array(), 0, b.position(), StandardCharsets.UTF_8);
        }
    }

    static List<String> names(ArcTree.Page p) {
        return p.entries().stream().map(ArcTree.Entry::name).collect(Collectors.toList());
    }

    @Test
    void filesWrittenOnDiskAreListedPageByPageInNameOrder() throws Exception {
        Path data = root.resolve("projects/survey/data");
        List<String> expected = new ArrayList<>();
        for (int i = 0; i < 2_500; i++) {
            String name = String.format("obs_%05d.fits", (i * 7919) % 2_500); // written out of order
            Files.write(data.resolve(name), new byte[i % 13]);
            expected.add(name);
        }
        expected.sort(null);
        List<String> seen = new ArrayList<>();
        try (ArcTree.Dir dir = tree.directory(VosPath.parse("/projects/survey/data"))) {
            String after = null;
            int pages = 0;
            while (true) {
                ArcTree.Page page = tree.list(dir, after, 1_000);
                pages++;
                seen.addAll(names(page));
                if (!page.more()) {
                    break;
                }
                after = page.entries().get(page.entries().size() - 1).name();
            }
            assertEquals(3, pages);
            ArcTree.Entry one = tree.entry(dir, "obs_00012.fits");
            assertEquals(ArcTree.Kind.FILE, one.kind());
            assertEquals(Files.size(data.resolve("obs_00012.fits")), one.size());
        }
        assertEquals(expected, seen, "every file once, in name order");
    }

    @Test
    void aLinkOnTheWayIsRefusedNotFollowed() throws Exception {
        Path survey = root.resolve("projects/survey");
        Files.createSymbolicLink(survey.resolve("escape"), outside);
        Files.createSymbolicLink(survey.resolve("secret.txt"), outside.resolve("secret.txt"));
        assertThrows(ArcRefusal.LinkRefused.class, () -> tree.directory(VosPath.parse("/projects/survey/escape")));
        try (ArcTree.Dir dir = tree.directory(VosPath.parse("/projects/survey"))) {
            ArcRefusal.LinkRefused refused = assertThrows(ArcRefusal.LinkRefused.class, () -> tree.read(dir, "secret.txt"));
            assertTrue(refused.getMessage().contains("symbolic link"), refused.getMessage());
            assertEquals(ArcTree.Kind.LINK, tree.entry(dir, "escape").kind(), "listed as what it is");
        }
    }

    @Test
    void aFolderSwappedForALinkAfterItWasOpenedIsNotFollowed() throws Exception {
        try (ArcTree.Dir dir = tree.directory(VosPath.parse("/projects/survey"))) {
            // someone on the shell moves the folder away and puts a link to elsewhere in its place
            Files.move(root.resolve("projects/survey"), root.resolve("projects/moved"));
            Files.createSymbolicLink(root.resolve("projects/survey"), outside);
            assertEquals("survey notes", read(tree.read(dir, "readme.txt")), "the handle still names the folder checked");
            assertFalse(names(tree.list(dir, null, 100)).contains("secret.txt"));
        }
        assertThrows(ArcRefusal.LinkRefused.class, () -> tree.directory(VosPath.parse("/projects/survey")),
                "a fresh walk meets the link and stops");
    }

    @Test
    void aFolderAwayAndAFileWhereAFolderIsNeededAreRefusedInWords() {
        ArcRefusal.NotFound missing = assertThrows(ArcRefusal.NotFound.class,
                () -> tree.directory(VosPath.parse("/projects/nope/deeper")));
        assertEquals("/projects/nope does not exist", missing.getMessage());
        ArcRefusal.NotADirectory file = assertThrows(ArcRefusal.NotADirectory.class,
                () -> tree.directory(VosPath.parse("/projects/survey/readme.txt/x")));
        assertTrue(file.getMessage().contains("is not a folder"), file.getMessage());
    }

    @Test
    void namesTheApiRefusesAreListedAsUnusableNotFatal() throws Exception {
        Files.writeString(root.resolve("projects/survey/bad\u0001name"), "made on the shell");
        try (ArcTree.Dir dir = tree.directory(VosPath.parse("/projects/survey"))) {
            ArcTree.Page page = tree.list(dir, null, 100);
            ArcTree.Entry bad = page.entries().stream().filter(e -> e.name().startsWith("bad")).findFirst().orElseThrow();
            assertFalse(bad.usable());
            assertTrue(page.entries().stream().filter(e -> e.name().equals("readme.txt")).allMatch(ArcTree.Entry::usable));
        }
    }
}
