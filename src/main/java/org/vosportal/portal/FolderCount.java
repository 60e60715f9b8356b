package org.vosportal.portal;

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
    static long files(VosSession vos, VosPath folder) {
        Deque<VosPath> todo = new ArrayDeque<>(List.of(folder));
        long files = 0;
        int requests = 0;
        while (!todo.isEmpty()) {
            VosPath dir = todo.pop();
            String start = null;
            while (true) {
                if (++requests > MAX_REQUESTS) {
                    return -1;
                }
                List<Node> page;
                try {
                    Node n = vos.node(dir, PAGE + (start == null ? 0 : 1), start);
                    if (start == null && !SelectionService.isReadable(n)) {
                        return -1; // listed with no children: not known to be empty
                    }
                    page = n.children();
                } catch (UpstreamException e) {
                    return -1;
                }
                int fresh = 0;
                for (Node c : page) {
                    if (start != null && c.name().equals(start)) {
                        continue;
                    }
                    fresh++;
                    if (c.type() == NodeType.CONTAINER) {
                        todo.push(dir.child(c.name()));
                    } else if (++files > MAX_FILES) {
                        return -1;
                    }
                }
                if (page.size() < PAGE + (start == null ? 0 : 1) || fresh == 0) {
                    break;
                }
                start = page.get(page.size() - 1).name();
            }
        }
        return files;
    }
}
