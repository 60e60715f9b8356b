package org.vosportal.portal;

import io.vertx.mutiny.core.http.HttpClientResponse;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.vosportal.vospace.client.VosSession;

/**
 * The files of a portal-built archive, handed out in order with their bytes ready to read. A
 * thousand small files must not cost a thousand round trips in a row, so the download URLs are
 * asked for {@link #URLS_AHEAD} files ahead, and the bytes of up to {@link #OPEN_AHEAD} next
 * small files are opened while one is copied (each open is two requests to the service: the
 * latency of a few overlaps the copy). A large file is not opened ahead: its connection would sit
 * idle for as long as the file before it takes, long enough for a server to give up on it.
 * {@link #close} drops what was opened and not read (a failed or cancelled archive), so no pooled
 * connection stays taken.
 */
final class ArchiveFeed implements AutoCloseable {

    /** Download URLs asked for ahead of the file being copied. */
    static final int URLS_AHEAD = 4;

    /** Files up to this size are copied quickly enough to open the next ones meanwhile. */
    static final long SMALL = 8L * 1024 * 1024;

    /** Small files whose bytes are opened ahead of the one being copied (paused until read). */
    static final int OPEN_AHEAD = 3;

    private final VosSession vos;
    private final List<SelectionService.FileEntry> files;
    private final UpstreamStreams streams;
    private final String service;
    private final List<CompletableFuture<String>> urls = new ArrayList<>();
    /** The files opened ahead, from {@link #firstAhead} on, in order. */
    private final ArrayDeque<CompletableFuture<HttpClientResponse>> ahead = new ArrayDeque<>();
    private int firstAhead = -1;
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
        while (urls.size() < Math.min(files.size(), i + 1 + Math.max(URLS_AHEAD, OPEN_AHEAD))) {
            SelectionService.FileEntry f = files.get(urls.size());
            // asked now, answered on the client's event loop: no thread waits for the URLs ahead
            urls.add(vos.downloadUrl(f.path()).subscribeAsCompletionStage());
        }
        CompletableFuture<HttpClientResponse> opening = firstAhead == i && !ahead.isEmpty() ? ahead.poll() : null;
        if (opening == null) {
            dropAhead(); // not asked in order: what was opened is of no use
            opening = opening(i);
        }
        firstAhead = i + 1;
        current = streams.await(opening);
        // while this small file is copied, the next small ones open (a large one waits its turn)
        for (int j = i + 1 + ahead.size(); j < files.size() && ahead.size() < OPEN_AHEAD
                && files.get(j - 1).length() <= SMALL; j++) {
            ahead.add(opening(j));
        }
        return current;
    }

    private void dropAhead() {
        ahead.forEach(UpstreamStreams::discard);
        ahead.clear();
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
        dropAhead();
    }
}
