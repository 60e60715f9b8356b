package org.vosportal.portal;

import io.smallrye.mutiny.Uni;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import org.vosportal.vospace.Node;
import org.vosportal.vospace.NodeType;
import org.vosportal.vospace.VosPath;
import org.vosportal.vospace.client.UpstreamException;
import org.vosportal.vospace.client.VosSession;

/**
 * How many files a folder holds, for the delete confirmation: counted through the listings (any
 * service), but only while it is cheap. A folder too big for {@link #MAX_REQUESTS} listings or
 * {@link #MAX_FILES} files, or with parts the caller cannot list, is "the folder and everything in it".
 */
final class FolderCount {

    static final int MAX_REQUESTS = 20;
    static final int MAX_FILES = 10_000;
    static final int PAGE = 1000;

    private FolderCount() {
    }

    /** The number of files (data nodes and links) below {@code folder}, or -1 when it is not cheap to know. */
    static Uni<Long> files(VosSession vos, VosPath folder) {
        return next(vos, new Count(folder));
    }

    /** The next listing: the current folder's next page, else the next folder's first. */
    private static Uni<Long> next(VosSession vos, Count count) {
        if (count.start == null) {
            if (count.todo.isEmpty()) {
                return Uni.createFrom().item(count.files);
            }
            count.dir = count.todo.pop();
        }
        if (++count.requests > MAX_REQUESTS) {
            return Uni.createFrom().item(-1L);
        }
        String start = count.start;
        return vos.node(count.dir, PAGE + (start == null ? 0 : 1), start)
                // listed with no children: not known to be empty
                .map(n -> start == null && !SelectionService.isReadable(n) ? null : n.children())
                .onFailure(UpstreamException.class).recoverWithNull()
                .flatMap(page -> page == null || !count.take(page, start) ? Uni.createFrom().item(-1L)
                        : next(vos, count));
    }

    /** Where a count is: the folders still to list, the one being listed and its next page's start row. */
    private static final class Count {
        final Deque<VosPath> todo;
        VosPath dir;
        String start;
        long files;
        int requests;

        Count(VosPath folder) {
            todo = new ArrayDeque<>(List.of(folder));
        }

        /**
         * Counts a page of {@link #dir} read from {@code from}; false when there are too many
         * files. Leaves {@link #start} at the next page's start row, null when the folder is done.
         */
        boolean take(List<Node> page, String from) {
            int fresh = 0;
            for (Node c : page) {
                if (from != null && c.name().equals(from)) {
                    continue;
                }
                fresh++;
                if (c.type() == NodeType.CONTAINER) {
                    todo.push(dir.child(c.name()));
                } else if (++files > MAX_FILES) {
                    return false;
                }
            }
            start = page.size() < PAGE + (from == null ? 0 : 1) || fresh == 0 ? null : page.get(page.size() - 1).name();
            return true;
        }
    }
}
