package org.vosportal.portal;

import io.vertx.mutiny.core.http.HttpClientResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.vosportal.vospace.client.VosSession;

/**
 * The files of a portal-built archive, handed out in order with their bytes ready to read. A
 * thousand small files must not cost a thousand round trips in a row, so the download URLs are
 * asked for {@link #URLS_AHEAD} files ahead, and the next file's bytes are opened while a small
 * file is copied. A large file is not opened ahead: its connection would sit idle for as long as
 * the file before it takes, long enough for a server to give up on it. {@link #close} drops what
 * was opened and not read (a failed or cancelled archive), so no pooled connection stays taken.
 */
final class ArchiveFeed implements AutoCloseable {

    /** Download URLs asked for ahead of the file being copied. */
    static final int URLS_AHEAD = 4;

    /** Files up to this size are copied quickly enough to open the next one meanwhile. */
    static final long SMALL = 8L * 1024 * 1024;

    private final VosSession vos;
    private final List<SelectionService.FileEntry> files;
    private final UpstreamStreams streams;
    private final String service;
    private final List<CompletableFuture<String>> urls = new ArrayList<>();
    private CompletableFuture<HttpClientResponse> next;
    private int nextIndex = -1;
    private HttpClientResponse current;

    ArchiveFeed(VosSession vos, List<SelectionService.FileEntry> files, UpstreamStreams streams,
            String service) {
        this.vos = vos;
        this.files = files;
        this.streams = streams;
        this.service = service;
    }

    /**
     * File {@code i}'s bytes, paused until read; call in order, {@link #done} after each. Blocking:
     * the archive is written from a worker thread, by a blocking copy, one file after the other.
     */
    HttpClientResponse open(int i) {
        while (urls.size() < Math.min(files.size(), i + 1 + URLS_AHEAD)) {
            SelectionService.FileEntry f = files.get(urls.size());
            // asked now, answered on the client's event loop: no thread waits for the URLs ahead
            urls.add(vos.downloadUrl(f.path()).subscribeAsCompletionStage());
        }
        CompletableFuture<HttpClientResponse> opening = nextIndex == i ? next : opening(i);
        next = null;
        current = streams.await(opening);
        if (files.get(i).length() <= SMALL && i + 1 < files.size()) {
            next = opening(i + 1);
            nextIndex = i + 1;
        }
        return current;
    }

    /** The current file was read to its end. */
    void done() {
        current = null;
    }

    private CompletableFuture<HttpClientResponse> opening(int i) {
        return urls.get(i).thenCompose(url -> streams.open(url, null, service + " (" + files.get(i).relative() + ")"));
    }

    @Override
    public void close() {
        if (current != null) {
            UpstreamStreams.reset(current);
        }
        if (next != null) {
            UpstreamStreams.discard(next);
        }
    }
}
