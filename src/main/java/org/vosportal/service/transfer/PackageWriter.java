package org.vosportal.service.transfer;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.vosportal.archive.Omissions;
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
 * the archive, containers recursively with relative paths. Items the caller may not read, links
 * and targets that do not exist are left out, as CADC's package service does, but not silently:
 * the archive then ends with a {@value Omissions#ENTRY} naming each and why. Every check is made
 * while the package is written, as the caller who fetches it: a grant revoked after the package
 * was asked for is honoured. ZIP entries are stored without compression (deflate level 0): survey
 * data rarely compresses, and speed matters more.
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
        void directory(String name, Instant modified) throws IOException;

        void file(String name, Instant modified, long size, InputStream content) throws IOException;

        @Override
        void close() throws IOException;
    }

    public void write(Caller caller, Request req, OutputStream response) throws IOException {
        OutputStream out = org.vosportal.archive.LevelZeroZipOutputStream.blocks(response);
        try (Sink sink = req.isZip() ? zip(out) : tar(out)) {
            Set<String> used = new HashSet<>();
            Omissions omitted = new Omissions();
            for (VosPath target : req.targets()) {
                // entry names are relative: the root's entries go under one folder, never "/alice/..."
                String name = target.isRoot() ? ROOT_ENTRY : target.name();
                Resolved r;
                try {
                    r = resolver.resolve(caller, target);
                } catch (VosFault e) {
                    omitted.add(name, reasonOf(e));
                    continue;
                }
                add(caller, sink, new ArrayList<>(r.chain()), unique(used, name), omitted);
            }
            if (!omitted.isEmpty()) {
                byte[] text = omitted.text();
                sink.file(Omissions.entryName(used), Instant.now(), text.length, new ByteArrayInputStream(text));
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

    /**
     * Why a target could not be resolved. The resolver refuses a path under an unreadable folder
     * as it refuses the folder, so this says no more than a request for the path would.
     */
    private static Omissions.Reason reasonOf(VosFault e) {
        return switch (e.fault()) {
            case NodeNotFound, ContainerNotFound, UnreadableLinkTarget -> Omissions.Reason.NOT_FOUND;
            case LinkFound -> Omissions.Reason.LINK_NOT_FOLLOWED;
            default -> Omissions.Reason.NO_READ_ACCESS;
        };
    }

    private void add(Caller caller, Sink sink, List<StoredNode> chain, String entryName, Omissions omitted) {
        StoredNode n = chain.get(chain.size() - 1);
        if (n.isLink()) {
            omitted.add(entryName, Omissions.Reason.LINK_NOT_FOLLOWED);
            return;
        }
        if (!authorizer.canRead(caller, chain)) {
            omitted.add(n.isContainer() ? entryName + "/" : entryName, Omissions.Reason.NO_READ_ACCESS);
            return;
        }
        try {
            if (n.isData()) {
                if (n.blobId() == null) {
                    sink.file(entryName, n.modified(), 0, InputStream.nullInputStream());
                } else {
                    try (InputStream in = blobs.open(n.blobId())) {
                        sink.file(entryName, n.modified(), n.length(), in);
                    }
                }
                return;
            }
            sink.directory(entryName + "/", n.modified());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        SubtreeWalker.forEachChild(store, n.id(), () -> false, child -> {
            List<StoredNode> childChain = new ArrayList<>(chain);
            childChain.add(child);
            add(caller, sink, childChain, entryName + "/" + child.name(), omitted);
        });
    }

    private static Sink zip(OutputStream out) {
        ZipOutputStream zos = new org.vosportal.archive.LevelZeroZipOutputStream(out);
        return new Sink() {
            @Override
            public void directory(String name, Instant modified) throws IOException {
                ZipEntry e = new ZipEntry(name);
                e.setLastModifiedTime(FileTime.from(modified));
                zos.putNextEntry(e);
                zos.closeEntry();
            }

            @Override
            public void file(String name, Instant modified, long size, InputStream content) throws IOException {
                ZipEntry e = new ZipEntry(name);
                e.setLastModifiedTime(FileTime.from(modified));
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
            public void directory(String name, Instant modified) throws IOException {
                TarArchiveEntry e = new TarArchiveEntry(name);
                e.setModTime(modified.toEpochMilli());
                tos.putArchiveEntry(e);
                tos.closeArchiveEntry();
            }

            @Override
            public void file(String name, Instant modified, long size, InputStream content) throws IOException {
                TarArchiveEntry e = new TarArchiveEntry(name);
                e.setSize(size);
                e.setModTime(modified.toEpochMilli());
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
