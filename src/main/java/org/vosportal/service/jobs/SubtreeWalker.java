package org.vosportal.service.jobs;

import java.util.List;
import java.util.function.Consumer;
import org.vosportal.service.store.ChildQuery;
import org.vosportal.service.store.NodeStore;
import org.vosportal.service.store.StoredNode;

/** Visits the children of a container page by page (keyset), tolerating deletions while walking. */
public final class SubtreeWalker {

    private static final int PAGE = 500;

    private SubtreeWalker() {
    }

    /** Calls {@code action} for each child in name order; {@code stop} is checked between children. */
    public static void forEachChild(NodeStore store, long parentId, java.util.function.BooleanSupplier stop,
            Consumer<StoredNode> action) {
        String start = null;
        while (true) {
            List<StoredNode> page = store.listChildren(parentId, ChildQuery.page(start, PAGE + 1));
            boolean any = false;
            for (StoredNode child : page) {
                if (start != null && child.name().equals(start)) {
                    continue; // keyset start is inclusive
                }
                if (stop.getAsBoolean()) {
                    return;
                }
                any = true;
                action.accept(child);
                start = child.name();
            }
            if (!any || page.size() < PAGE + 1) {
                return;
            }
        }
    }
}
