package org.vosportal.service.transfer;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.vosportal.service.NodeResolver;
import org.vosportal.service.NodeResolver.Resolved;
import org.vosportal.service.auth.Authorizer;
import org.vosportal.service.auth.Caller;
import org.vosportal.service.blob.BlobStore;
import org.vosportal.service.jobs.SubtreeWalker;
import org.vosportal.service.store.NodeStore;
import org.vosportal.service.store.StoredNode;
import org.vosportal.vospace.VosFault;
import org.vosportal.vospace.VosPath;

/**
 * Streams a ZIP or TAR of several targets as it is built: each file is copied from its blob into
 * the archive, containers recursively with relative paths. Items the caller may not read, and
 * links, are left out silently (as CADC's package service does). Every check is made while the
 * package is written, as the caller who fetches it: a grant revoked after the package was asked
 * for is honoured. ZIP entries are stored without
 * compression (deflate level 0): survey data rarely compresses, and speed matters more.
 */
@ApplicationScoped
public class PackageWriter {

    public static final String ZIP = "application/zip";
    public static final String TAR = "application/x-tar";
    /** Folder the entries of a package of the root are put in. */
    static final String ROOT_ENTRY = "vault";

    @Inject
    NodeStore store;

    @Inject
    BlobStore blobs;

    @Inject
    NodeResolver resolver;

    @Inject
    Authorizer authorizer;

    /** What a package job will contain. */
    public record Request(List<VosPath> targets, String format) {
        public boolean isZip() {
            return ZIP.equals(format);
        }

        /** File name for Content-Disposition: the single target's name, or a generic one. */
        public String fileName(String jobId) {
            String base = targets.size() == 1 && !targets.get(0).isRoot() ? targets.get(0).name()
                    : "vault-download-" + jobId;
            return base + (isZip() ? ".zip" : ".tar");
        }
    }

    /** Receives archive entries; one implementation per format. */
    private interface Sink extends AutoCloseable {
        void directory(String name, StoredNode n) throws IOException;

        void file(String name, StoredNode n, InputStream content) throws IOException;

        @Override
        void close() throws IOException;
    }

    public void write(Caller caller, Request req, OutputStream response) throws IOException {
        OutputStream out = org.vosportal.archive.LevelZeroZipOutputStream.blocks(response);
        try (Sink sink = req.isZip() ? zip(out) : tar(out)) {
            Set<String> used = new HashSet<>();
            for (VosPath target : req.targets()) {
                Resolved r;
                try {
                    r = resolver.resolve(caller, target);
                } catch (VosFault e) {
                    continue; // missing or unreadable targets are skipped
                }
                // entry names are relative: the root's entries go under one folder, never "/alice/..."
                String name = r.path().isRoot() ? ROOT_ENTRY : r.path().name();
                add(caller, sink, new ArrayList<>(r.chain()), unique(used, name));
            }
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
        out.flush(); // the archive's last block (the TAR writer does not flush through)
    }

    private static String unique(Set<String> used, String name) {
        String candidate = name;
        for (int i = 2; !used.add(candidate); i++) {
            candidate = name + " (" + i + ")";
        }
        return candidate;
    }

    private void add(Caller caller, Sink sink, List<StoredNode> chain, String entryName) {
        StoredNode n = chain.get(chain.size() - 1);
        if (n.isLink() || !authorizer.canRead(caller, chain)) {
            return;
        }
        try {
            if (n.isData()) {
                if (n.blobId() == null) {
                    sink.file(entryName, n, InputStream.nullInputStream());
                } else {
                    try (InputStream in = blobs.open(n.blobId())) {
                        sink.file(entryName, n, in);
                    }
                }
                return;
            }
            sink.directory(entryName + "/", n);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        SubtreeWalker.forEachChild(store, n.id(), () -> false, child -> {
            List<StoredNode> childChain = new ArrayList<>(chain);
            childChain.add(child);
            add(caller, sink, childChain, entryName + "/" + child.name());
        });
    }

    private static Sink zip(OutputStream out) {
        ZipOutputStream zos = new org.vosportal.archive.LevelZeroZipOutputStream(out);
        return new Sink() {
            @Override
            public void directory(String name, StoredNode n) throws IOException {
                ZipEntry e = new ZipEntry(name);
                e.setLastModifiedTime(FileTime.from(n.modified()));
                zos.putNextEntry(e);
                zos.closeEntry();
            }

            @Override
            public void file(String name, StoredNode n, InputStream content) throws IOException {
                ZipEntry e = new ZipEntry(name);
                e.setLastModifiedTime(FileTime.from(n.modified()));
                zos.putNextEntry(e);
                content.transferTo(zos);
                zos.closeEntry();
            }

            @Override
            public void close() throws IOException {
                zos.finish();
                zos.flush();
            }
        };
    }

    private static Sink tar(OutputStream out) {
        TarArchiveOutputStream tos = new TarArchiveOutputStream(out);
        tos.setLongFileMode(TarArchiveOutputStream.LONGFILE_POSIX);
        tos.setBigNumberMode(TarArchiveOutputStream.BIGNUMBER_POSIX);
        tos.setAddPaxHeadersForNonAsciiNames(true);
        return new Sink() {
            @Override
            public void directory(String name, StoredNode n) throws IOException {
                TarArchiveEntry e = new TarArchiveEntry(name);
                e.setModTime(n.modified().toEpochMilli());
                tos.putArchiveEntry(e);
                tos.closeArchiveEntry();
            }

            @Override
            public void file(String name, StoredNode n, InputStream content) throws IOException {
                TarArchiveEntry e = new TarArchiveEntry(name);
                e.setSize(n.blobId() == null ? 0 : n.length());
                e.setModTime(n.modified().toEpochMilli());
                tos.putArchiveEntry(e);
                content.transferTo(tos);
                tos.closeArchiveEntry();
            }

            @Override
            public void close() throws IOException {
                tos.finish();
                tos.flush();
            }
        };
    }
}
