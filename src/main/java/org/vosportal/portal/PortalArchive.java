package org.vosportal.portal;

import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.util.HashSet;
import java.util.Set;
import java.util.zip.ZipEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.vosportal.archive.Omissions;

/**
 * A ZIP or TAR the portal writes itself (for services without a package capability), one entry
 * at a time as its bytes arrive: nothing is held whole. What the selection held but the archive
 * does not is listed in a last entry, {@value Omissions#ENTRY}. A TAR header carries the entry's size
 * before its bytes, so the caller passes the length the service announced; commons-compress
 * refuses an entry whose bytes do not match it, cutting the download off rather than handing
 * out a corrupt archive. An archive is finished only once every entry made it: after a failure
 * the client gets a broken download, never a valid-looking archive missing files. ZIP entries
 * are stored (no compression), as the service's are.
 */
abstract class PortalArchive {

    static final String ZIP = "application/zip";
    static final String TAR = "application/x-tar";

    /** The format a selection form asks for: its {@code action} button, ZIP unless "tar". */
    static String formatOf(String action) {
        return "tar".equals(action) ? TAR : ZIP;
    }

    static String extension(String format) {
        return TAR.equals(format) ? ".tar" : ".zip";
    }

    /** The response stream, behind a buffer that {@link #finish} empties. */
    final OutputStream out;

    /** The first path segments of the entries so far (MISSING.txt must not take a user's name). */
    private final Set<String> topLevel = new HashSet<>();

    PortalArchive(OutputStream response) {
        out = org.vosportal.archive.LevelZeroZipOutputStream.blocks(response);
    }

    static PortalArchive open(String format, OutputStream response) {
        return TAR.equals(format) ? new Tar(response) : new Zip(response);
    }

    /** Starts an entry of {@code size} bytes; its bytes go to the stream returned (do not close it). */
    final OutputStream begin(String name, long size) throws IOException {
        topLevel.add(name.contains("/") ? name.substring(0, name.indexOf('/')) : name);
        return beginEntry(name, size);
    }

    abstract OutputStream beginEntry(String name, long size) throws IOException;

    /** After the last file: the list of what was left out, as the last entry (none when nothing was). */
    final void listOmissions(Omissions omitted) throws IOException {
        if (omitted.isEmpty()) {
            return;
        }
        byte[] text = omitted.text();
        begin(Omissions.entryName(topLevel), text.length).write(text);
        end();
    }

    /** Ends the entry begun last. */
    abstract void end() throws IOException;

    /** Writes the archive's end; the response stream itself is closed by the caller. */
    final void finish() throws IOException {
        writeTrailer();
        out.flush(); // the last block (the TAR writer does not flush through)
    }

    /** Writes the format's trailer. */
    abstract void writeTrailer() throws IOException;

    /** After a failure: no trailer (the archive must look cut, not complete), native memory freed. */
    void abandon() {
    }

    /** The entry's bytes, without letting a caller close the archive underneath. */
    private static OutputStream unclosable(OutputStream out) {
        return new FilterOutputStream(out) {
            @Override
            public void write(byte[] b, int off, int len) throws IOException {
                out.write(b, off, len);
            }

            @Override
            public void close() {
                // the archive stays open for the next entry
            }
        };
    }

    private static final class Zip extends PortalArchive {
        private final org.vosportal.archive.LevelZeroZipOutputStream zip;

        Zip(OutputStream response) {
            super(response);
            zip = new org.vosportal.archive.LevelZeroZipOutputStream(out);
        }

        @Override
        OutputStream beginEntry(String name, long size) throws IOException {
            zip.putNextEntry(new ZipEntry(name));
            return unclosable(zip);
        }

        @Override
        void end() throws IOException {
            zip.closeEntry();
        }

        @Override
        void writeTrailer() throws IOException {
            zip.finish();
        }

        @Override
        void abandon() {
            zip.abandon();
        }
    }

    private static final class Tar extends PortalArchive {
        private final TarArchiveOutputStream tar;

        Tar(OutputStream response) {
            super(response);
            tar = new TarArchiveOutputStream(out);
            tar.setLongFileMode(TarArchiveOutputStream.LONGFILE_POSIX); // names over 100 bytes
            tar.setBigNumberMode(TarArchiveOutputStream.BIGNUMBER_POSIX); // files over 8 GiB
            tar.setAddPaxHeadersForNonAsciiNames(true);
        }

        @Override
        OutputStream beginEntry(String name, long size) throws IOException {
            TarArchiveEntry e = new TarArchiveEntry(name);
            e.setSize(size);
            tar.putArchiveEntry(e);
            return unclosable(tar);
        }

        @Override
        void end() throws IOException {
            tar.closeArchiveEntry();
        }

        @Override
        void writeTrailer() throws IOException {
            tar.finish();
        }
    }
}
