package org.vosportal.portal;

import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.List;
import org.vosportal.vospace.Node;
import org.vosportal.vospace.NodeType;
import org.vosportal.vospace.Property;
import org.vosportal.vospace.Props;
import org.vosportal.vospace.VosPath;
import org.vosportal.vospace.client.UpstreamException;
import org.vosportal.vospace.client.VosSession;

/**
 * Finds and opens the folders that keep a node's audience out. The service lets a caller open a
 * node only when every folder between its home and it grants read too (docs/SECURITY.md, "Who
 * can open a node"); the home itself is traversable and is never opened (that would show the
 * names of everything in it). Opening makes a folder public, or adds the group to its read groups,
 * and changes nothing else.
 */
@ApplicationScoped
public class PathOpener {

    /**
     * The audiences {@code node} grants read to that its reach leaves out, each with the folders
     * that keep it out. Reads the folders above only when there is such a gap.
     */
    public Uni<List<AccessGap>> gaps(VosSession vos, Node node, Reach reach) {
        if (!reach.known() || reach.anyone()) {
            return Uni.createFrom().item(List.of());
        }
        List<Audience> left = new ArrayList<>();
        if ("true".equals(node.value(Props.IS_PUBLIC))) {
            left.add(Audience.ANYONE);
        }
        for (String g : Row.grantedGroups(node)) {
            if (!reach.reaches(g)) {
                left.add(new Audience(g));
            }
        }
        if (left.isEmpty()) {
            return Uni.createFrom().item(List.of());
        }
        return foldersBelowHome(vos, node.path())
                // changed meanwhile: the page names no folder ("a folder above") and offers no fix
                .onFailure(UpstreamException.class).recoverWithItem(List.of())
                .map(above -> {
                    List<AccessGap> gaps = new ArrayList<>();
                    for (Audience a : left) {
                        gaps.add(new AccessGap(a, closed(above, a).stream().map(Node::path).toList()));
                    }
                    return gaps;
                });
    }

    /**
     * Opens the folders above the node at {@code path} that keep {@code audience} out; refused when
     * the node does not grant the audience read itself (then no folder is the one missing).
     * Returns how many folders were opened.
     */
    public Uni<Integer> open(VosSession vos, VosPath path, Audience audience, String groupAuthority) {
        return vos.node(path, 0, null).flatMap(node -> {
            if (!audience.grantedBy(node)) {
                throw new PortalException(400, audience.isAnyone() ? Messages.get().openNotPublic()
                        : Messages.get().openNotShared(audience.group()));
            }
            return foldersBelowHome(vos, node.path());
        }).flatMap(folders -> {
            List<Node> closed = closed(folders, audience);
            return openEach(vos, closed, 0, audience, groupAuthority).map(done -> closed.size());
        });
    }

    /** Opens the folders from index {@code i} on, top down, one write after the other. */
    private static Uni<Void> openEach(VosSession vos, List<Node> folders, int i, Audience audience,
            String groupAuthority) {
        if (i == folders.size()) {
            return Uni.createFrom().voidItem();
        }
        Node folder = folders.get(i);
        return vos.setProperties(folder.path(), NodeType.CONTAINER, List.of(opening(folder, audience, groupAuthority)))
                .flatMap(set -> openEach(vos, folders, i + 1, audience, groupAuthority));
    }

    private static Property opening(Node folder, Audience audience, String groupAuthority) {
        if (audience.isAnyone()) {
            return Property.of(Props.IS_PUBLIC, "true");
        }
        String current = folder.value(Props.GROUP_READ);
        String added = audience.uriAt(groupAuthority);
        return Property.of(Props.GROUP_READ, current == null || current.isBlank() ? added : current.trim() + " " + added);
    }

    /**
     * The folders strictly between the home and the node at {@code path}, top down, as the caller
     * sees them: read one after another, so a refusal reported is the topmost folder's.
     */
    private static Uni<List<Node>> foldersBelowHome(VosSession vos, VosPath path) {
        return readFrom(vos, path, 2, new ArrayList<>());
    }

    private static Uni<List<Node>> readFrom(VosSession vos, VosPath path, int depth, List<Node> out) {
        if (depth >= path.depth()) {
            return Uni.createFrom().item(out);
        }
        return vos.node(path.prefix(depth), 0, null).flatMap(folder -> {
            out.add(folder);
            return readFrom(vos, path, depth + 1, out);
        });
    }

    private static List<Node> closed(List<Node> folders, Audience audience) {
        return folders.stream().filter(f -> !audience.grantedBy(f)).toList();
    }
}
