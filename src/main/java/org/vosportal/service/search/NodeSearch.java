package org.vosportal.service.search;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.vosportal.service.NodeResolver;
import org.vosportal.service.auth.Authorizer;
import org.vosportal.service.auth.Caller;
import org.vosportal.service.store.JdbcNodeStore;
import org.vosportal.service.store.NodeStore;
import org.vosportal.service.store.NodeOperations.Found;
import org.vosportal.service.store.SearchQuery;
import org.vosportal.service.store.SearchQuery.Op;
import org.vosportal.service.store.SearchQuery.PropCondition;
import org.vosportal.service.store.StoredNode;
import org.vosportal.vospace.Fault;
import org.vosportal.vospace.VosFault;
import org.vosportal.vospace.VosPath;

/**
 * Metadata search below a folder (GET /vault/search; docs/ARCHITECTURE.md): nodes by name (a
 * substring, or a glob with {@code *} and {@code ?}, case-insensitively) and by property values
 * (equal, or a numeric comparison), everywhere below the folder. The store answers from its
 * indexes (the subtree's range of the tree path index); here every candidate is kept only when
 * the caller could open it the way NodeResolver lets them (Authorizer.canReach: the node and every
 * folder between its home and it readable). A folder that keeps the caller out is skipped with
 * everything below it in one step (the next query starts after its subtree), and a page reads a
 * bounded number of candidates, so a search in a tree full of others' private files costs a
 * bounded amount of work per page (such a page may hold fewer hits and still have a next one).
 */
@ApplicationScoped
public class NodeSearch {

    public static final int MAX_PAGE = 200;
    public static final int DEFAULT_PAGE = 100;
    public static final int MAX_CONDITIONS = 4;
    /** Candidates read per page at most, as a multiple of the page size. */
    static final int SCAN_FACTOR = 10;

    @Inject
    NodeStore nodes;

    @Inject
    NodeResolver resolver;

    @Inject
    Authorizer authorizer;

    /** What to look for: a name (substring or glob; null for any) and property conditions. */
    public record Criteria(String name, List<PropCondition> props) {
        public Criteria {
            props = List.copyOf(props);
        }
    }

    /** One hit: its path now and the node. */
    public record Hit(VosPath path, StoredNode node) {
    }

    /** A page of hits and the cursor of the next one (null at the end). */
    public record Page(List<Hit> hits, String next) {
    }

    public Page search(Caller caller, VosPath under, Criteria criteria, String after, int limit) {
        if ((criteria.name() == null || criteria.name().isEmpty()) && criteria.props().isEmpty()) {
            throw VosFault.invalid("say what to look for: a name (name=) or a property (prop=, op=, value=)");
        }
        if (criteria.props().size() > MAX_CONDITIONS) {
            throw VosFault.invalid("at most " + MAX_CONDITIONS + " property conditions");
        }
        if (after != null && !after.matches("/[0-9/]{0,1998}[0-9/]")) {
            throw VosFault.invalid("after: not a cursor of this search (use the next value of the previous page)");
        }
        NodeResolver.Resolved start = resolver.resolve(caller, under);
        if (!start.node().isContainer()) {
            throw new VosFault(Fault.InvalidArgument, under + " is not a folder; search below a folder");
        }
        String prefix = nodes.treePathOf(start.node().id());
        if (prefix == null) {
            throw new VosFault(Fault.NodeNotFound, under.toString());
        }
        int want = limit <= 0 ? DEFAULT_PAGE : Math.min(limit, MAX_PAGE);
        String pattern = criteria.name() == null || criteria.name().isEmpty() ? null : likePattern(criteria.name());
        int budget = want * SCAN_FACTOR;
        String cursor = after;
        Map<Long, StoredNode> known = new HashMap<>();
        List<Hit> out = new ArrayList<>();
        while (budget > 0) {
            int batch = Math.min(budget, want + 1);
            List<Found> found = nodes.search(new SearchQuery(prefix, cursor, pattern, criteria.props(), batch));
            budget -= found.size();
            List<Long> missing = new ArrayList<>();
            for (Found f : found) {
                for (Long id : f.ids()) {
                    if (!known.containsKey(id)) {
                        missing.add(id);
                    }
                }
            }
            known.putAll(nodes.byIds(missing));
            String skipBelow = null;
            for (Found f : found) {
                if (skipBelow != null && f.treePath().startsWith(skipBelow)) {
                    continue;
                }
                if (out.size() == want) {
                    return new Page(out, cursor);
                }
                cursor = f.treePath();
                List<StoredNode> chain = chain(f, known);
                if (chain == null) {
                    continue; // moved or deleted meanwhile
                }
                if (authorizer.canReach(caller, chain)) {
                    out.add(new Hit(pathOf(chain), f.node()));
                    continue;
                }
                // the first node on the path that keeps the caller out hides everything below it
                int first = Math.max(2, start.chain().size());
                for (int i = first; i < chain.size(); i++) {
                    if (!authorizer.canRead(caller, chain.subList(0, i + 1))) {
                        skipBelow = prefixOf(f, i + 1);
                        cursor = JdbcNodeStore.subtreeEnd(skipBelow);
                        break;
                    }
                }
            }
            if (found.size() < batch) {
                return new Page(out, null);
            }
        }
        return new Page(out, cursor);
    }

    /** The chain of stored nodes from the root down to the hit, or null if one is gone. */
    private static List<StoredNode> chain(Found f, Map<Long, StoredNode> known) {
        List<Long> ids = f.ids();
        List<StoredNode> chain = new ArrayList<>(ids.size());
        for (int i = 0; i < ids.size(); i++) {
            StoredNode n = i == ids.size() - 1 ? f.node() : known.get(ids.get(i));
            if (n == null || (i > 0 && !java.util.Objects.equals(n.parentId(), chain.get(i - 1).id()))) {
                return null;
            }
            chain.add(n);
        }
        return chain;
    }

    /** The tree path of the hit's first {@code levels} nodes. */
    private static String prefixOf(Found f, int levels) {
        StringBuilder b = new StringBuilder("/");
        List<Long> ids = f.ids();
        for (int i = 0; i < levels; i++) {
            b.append(ids.get(i)).append('/');
        }
        return b.toString();
    }

    private static VosPath pathOf(List<StoredNode> chain) {
        VosPath p = VosPath.ROOT;
        for (StoredNode n : chain.subList(1, chain.size())) {
            p = p.child(n.name());
        }
        return p;
    }

    /**
     * The LIKE pattern over lower-cased names: a glob ({@code *} any run, {@code ?} one character)
     * matches the whole name; anything else is a substring.
     */
    static String likePattern(String name) {
        if (name.length() > 255) {
            throw VosFault.invalid("name: at most 255 characters");
        }
        String lower = VosPath.nfc(name.trim()).toLowerCase(Locale.ROOT);
        boolean glob = lower.indexOf('*') >= 0 || lower.indexOf('?') >= 0;
        StringBuilder b = new StringBuilder(glob ? "" : "%");
        for (char ch : lower.toCharArray()) {
            switch (ch) {
                case '!', '%', '_' -> b.append('!').append(ch);
                case '*' -> b.append(glob ? "%" : "*");
                case '?' -> b.append(glob ? "_" : "?");
                default -> b.append(ch);
            }
        }
        return glob ? b.toString() : b.append('%').toString();
    }

    /**
     * One property condition from the request's words: {@code op} eq (default), lt, le, gt, ge,
     * or any (has the property); comparisons need a number, eq with a number compares numerically.
     */
    public static PropCondition condition(String uri, String op, String value) {
        if (uri == null || uri.isBlank() || !uri.contains(":")) {
            throw VosFault.invalid("prop: a property URI such as ivo://vosportal.org/fits#OBJECT");
        }
        String o = op == null || op.isBlank() ? (value == null ? "any" : "eq") : op.trim().toLowerCase(Locale.ROOT);
        Op parsed = switch (o) {
            case "eq", "=" -> Op.EQ;
            case "lt", "<" -> Op.LT;
            case "le", "<=" -> Op.LE;
            case "gt", ">" -> Op.GT;
            case "ge", ">=" -> Op.GE;
            case "any" -> Op.ANY;
            default -> throw VosFault.invalid("op: one of eq, lt, le, gt, ge, any (not '" + o + "')");
        };
        if (parsed == Op.ANY) {
            return new PropCondition(uri.trim(), Op.ANY, null, null);
        }
        if (value == null) {
            throw VosFault.invalid("value: required with op=" + o);
        }
        Double number = JdbcNodeStore.numberOf(value.trim());
        if (parsed != Op.EQ && number == null) {
            throw VosFault.invalid("value: op=" + o + " compares numbers, and '" + value + "' is not one");
        }
        return new PropCondition(uri.trim(), parsed, number == null ? value : null, number);
    }
}
