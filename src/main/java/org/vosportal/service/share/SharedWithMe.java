package org.vosportal.service.share;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.List;
import org.vosportal.service.auth.Authorizer;
import org.vosportal.service.auth.Authorizer.GroupGrant;
import org.vosportal.service.auth.Caller;
import org.vosportal.service.store.NodeStore;
import org.vosportal.service.store.StoredNode;
import org.vosportal.vospace.VosFault;
import org.vosportal.vospace.VosPath;

/**
 * "Shared with me": what others shared with the caller's groups, found by one query over the
 * node table (never by walking other people's trees). Of the nodes whose groupread or
 * groupwrite names a group of the caller, not in the caller's home nor owned by them, it keeps
 * those the caller can really open (every folder above lets them through: Authorizer.canReach)
 * and only the topmost: a shared folder is listed, not again every file inside it.
 */
@ApplicationScoped
public class SharedWithMe {

    /** Largest page; the default when the caller asks for none. */
    public static final int MAX_PAGE = 200;
    public static final int DEFAULT_PAGE = 100;
    /** Candidate rows read per page at most, so a page costs a bounded amount of work. */
    static final int SCAN_FACTOR = 5;

    @Inject
    NodeStore nodes;

    @Inject
    Authorizer authorizer;

    /** One node shared with the caller, with the group it came through. */
    public record Entry(VosPath path, StoredNode node, GroupGrant grant) {
    }

    /**
     * A page, newest nodes first: the entries, and the cursor to ask the next page with
     * ({@code after}: the page continues below it), or -1 when the query found nothing more. A page may hold fewer than {@code limit} entries and still
     * have a next one (the candidates it read were not the caller's to see).
     */
    public record Page(List<Entry> entries, long next) {
    }

    public Page page(Caller caller, long after, int limit) {
        if (caller.isAnonymous() || caller.preauthorized()) {
            throw VosFault.denied("log in to see what was shared with you");
        }
        int want = limit <= 0 ? DEFAULT_PAGE : Math.min(limit, MAX_PAGE);
        int scan = want * SCAN_FACTOR;
        List<Entry> out = new ArrayList<>();
        long cursor = after <= 0 ? Long.MAX_VALUE : after;
        while (out.size() < want && scan > 0) {
            int batch = Math.min(scan, want * 2);
            List<StoredNode> candidates = nodes.groupShared(caller.groups(), caller.user(), cursor, batch);
            scan -= batch;
            for (StoredNode n : candidates) {
                cursor = n.id();
                Entry e = entry(caller, n);
                if (e != null) {
                    out.add(e);
                    if (out.size() == want) {
                        return new Page(out, cursor);
                    }
                }
            }
            if (candidates.size() < batch) {
                return new Page(out, -1);
            }
        }
        return new Page(out, cursor);
    }

    /** The entry for a candidate, or null when the caller cannot open it or it is not the topmost share. */
    private Entry entry(Caller caller, StoredNode candidate) {
        GroupGrant grant = authorizer.groupGrant(caller, candidate);
        if (grant == null) {
            return null; // the text matched, but not with an accepted authority
        }
        List<StoredNode> chain = nodes.ancestry(candidate.id());
        if (chain.size() < 2 || caller.user().equals(chain.get(1).owner()) || !authorizer.canReach(caller, chain)) {
            return null; // gone meanwhile, in the caller's own home, or a folder above keeps them out
        }
        for (int i = 1; i < chain.size() - 1; i++) {
            StoredNode above = chain.get(i);
            if (!caller.user().equals(above.owner()) && authorizer.groupGrant(caller, above) != null) {
                return null; // a folder above is shared with the caller too: that one is listed
            }
        }
        return new Entry(ShareLinks.pathOf(chain), candidate, grant);
    }
}
