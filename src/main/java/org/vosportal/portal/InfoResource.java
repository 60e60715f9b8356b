package org.vosportal.portal;

import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import io.smallrye.mutiny.Uni;
import io.vertx.core.http.HttpServerRequest;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.core.Response;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import org.vosportal.vospace.Node;
import org.vosportal.vospace.NodeType;
import org.vosportal.vospace.Property;
import org.vosportal.vospace.Props;
import org.vosportal.vospace.UriCodec;
import org.vosportal.vospace.UwsJob;
import org.vosportal.vospace.VosPath;
import org.vosportal.vospace.VosUri;
import org.vosportal.vospace.client.UpstreamException;
import org.vosportal.vospace.client.VosSession;

/**
 * {@code /storage/{svc}/info/{path}}: everything about one node on one page (plain forms; the
 * listing opens it in place with htmx): properties, permissions (public, several read and
 * read-write groups, recursive, inherit), custom metadata, and share links.
 */
@RequestScoped
@Path("/storage/{svc}")
@CsrfChecked
public class InfoResource extends PortalController {

    static final DateTimeFormatter EXPIRY = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'")
            .withZone(ZoneOffset.UTC);

    @CheckedTemplate
    static class Templates {
        static native TemplateInstance info(InfoPage page);
    }

    @Inject
    VosClients clients;

    @Inject
    PortalConfig config;

    @Inject
    SelectionService selections;

    @Context
    HttpServerRequest request;

    @Inject
    PortalOrigin origin;

    @Inject
    PathOpener opener;

    @GET
    @Path("info{path: (/.*)?}")
    public Uni<Response> info(@PathParam("svc") String svc) {
        VosPath path = pathAfter(svc, "info");
        Flash.Message said = flash.take();
        boolean htmx = isHtmx();
        return session(svc).flatMap(vos -> vos.node(path, 0, null)
                .flatMap(n -> render(vos, svc, path, n, said == null ? null : said.text(), null, null)))
                .map(page -> {
                    Response.ResponseBuilder ok = Response.ok(page);
                    // just saved in the listing's dialog: the rows behind it show the new permissions at once
                    // (the listing refreshes itself on this event)
                    return (said != null && htmx ? ok.header("HX-Trigger", "refresh-listing") : ok).build();
                });
    }

    private Uni<TemplateInstance> render(VosSession vos, String svc, VosPath path, Node n, String flash,
            String shareLink, String shareExpires) {
        String viewer = user.name();
        Reach reach = Reach.of(n);
        // a service that keeps share links lists this file's (the ones the user may revoke)
        boolean listed = n.type() == NodeType.DATA && !vos.isAnonymous() && vos.client().offersShareLinks();
        Uni<List<ShareRow>> links = listed ? vos.shareLinks(path).map(l -> ShareRow.of(svc, l, viewer))
                : Uni.createFrom().item(List.<ShareRow>of());
        // the folders above, the file's share links and a link's target do not depend on each other:
        // asked at the same time
        return Uni.combine().all().unis(opener.gaps(vos, n, reach), links, withTarget(vos, svc, NodeFacts.of(n), n))
                .asTuple().map(t -> page(vos, svc, path, n, AccessView.of(path, n, reach, t.getItem1(), viewer),
                        listed, t.getItem2(), t.getItem3(), flash, shareLink, shareExpires));
    }

    private TemplateInstance page(VosSession vos, String svc, VosPath path, Node n, AccessView access,
            boolean listed, List<ShareRow> links, NodeFacts facts, String flash, String shareLink,
            String shareExpires) {
        List<InfoPage.PropRow> props = new ArrayList<>();
        List<InfoPage.PropRow> custom = new ArrayList<>();
        List<InfoPage.PropRow> advanced = new ArrayList<>();
        for (Property p : n.properties()) {
            String label = p.uri().contains("#") ? p.uri().substring(p.uri().indexOf('#') + 1) : p.uri();
            boolean structured = Props.STRUCTURED.contains(p.uri()) || Props.READ_ONLY.contains(p.uri())
                    || p.uri().startsWith(Props.CADC);
            InfoPage.PropRow row = new InfoPage.PropRow(p.uri(), label, p.value(), p.readOnly());
            advanced.add(row);
            if (structured) {
                props.add(row);
            } else {
                custom.add(row);
            }
        }
        boolean isPublic = "true".equals(n.value(Props.IS_PUBLIC));
        // offered only where it may work (a folder above can keep anyone out)
        boolean linkShown = access.publicLinkWorks() || access.publicLinkUnsure();
        String publicLink = !linkShown ? null : n.type() == NodeType.DATA ? absolute(PortalUrls.download(svc, path))
                : absolute(PortalUrls.list(svc, path));
        InfoPage page = new InfoPage(svc, path, path.isRoot() ? svc : path.name(),
                n.type() == NodeType.CONTAINER ? Messages.words().kindFolder()
                        : n.type() == NodeType.LINK ? Messages.words().kindLink() : Messages.words().kindFile(),
                PortalUrls.crumbs(svc, path), props, custom, isPublic, String.join(" ", Row.groupNames(
                        n.value(Props.GROUP_READ))), String.join(" ", Row.groupNames(n.value(Props.GROUP_WRITE))),
                "true".equals(n.value(Props.INHERIT_PERMISSIONS)), n.type() == NodeType.CONTAINER,
                n.type() == NodeType.DATA, "true".equals(n.value(Props.WRITABLE)), new ArrayList<>(user.groups()),
                publicLink, shareLink, shareExpires, flash, access, listed, links, facts, advanced,
                n.type() == NodeType.DATA && vos.client().offersPreviews());
        return Templates.info(page);
    }

    /**
     * A link's facts with where it points: a web address as it is; a path in this service with
     * whether it exists (asked as the caller: a target they may not see stays "not known").
     */
    private Uni<NodeFacts> withTarget(VosSession vos, String svc, NodeFacts facts, Node n) {
        if (n.target() == null) {
            return Uni.createFrom().item(facts);
        }
        String web = PortalUrls.webTarget(n.target());
        if (web != null) {
            return Uni.createFrom().item(facts.withTarget(null, web, null));
        }
        VosUri target;
        try {
            target = VosUri.parse(n.target());
        } catch (IllegalArgumentException e) {
            return Uni.createFrom().item(facts); // neither a web address nor a node: shown as stored
        }
        return vos.node(target.path(), 0, null)
                .map(t -> facts.withTarget(target.path().toString(), t.type() == NodeType.CONTAINER
                        ? PortalUrls.list(svc, target.path()) : PortalUrls.info(svc, target.path()), true))
                .onFailure(UpstreamException.class).recoverWithItem(e -> facts.withTarget(target.path().toString(),
                        null, ((UpstreamException) e).status() == 404 ? Boolean.FALSE : null));
    }

    /** Public links name the configured public URL, never whatever Host header this request had. */
    private String absolute(String path) {
        return origin.absolute(request, path);
    }

    @POST
    @Path("permissions{path: (/.*)?}")
    public Uni<Response> permissions(@PathParam("svc") String svc, MultivaluedMap<String, String> form) {
        VosPath path = pathAfter(svc, "permissions");
        return session(svc)
                .flatMap(vos -> vos.node(path, 0, null).flatMap(n -> savePermissions(vos, svc, path, n, form)))
                .map(done -> seeOther(PortalUrls.info(svc, path), done));
    }

    /** Saves the form's permissions on {@code n} (inside too when asked); answers what the page then says. */
    private Uni<String> savePermissions(VosSession vos, String svc, VosPath path, Node n,
            MultivaluedMap<String, String> form) {
        String authority = config.services().get(svc).groupAuthority();
        List<Property> props = new ArrayList<>();
        props.add(Property.of(Props.IS_PUBLIC, Boolean.toString(form.getFirst("public") != null)));
        props.add(groups(Props.GROUP_READ, form.getFirst("readGroups"), authority));
        props.add(groups(Props.GROUP_WRITE, form.getFirst("writeGroups"), authority));
        if (n.type() == NodeType.CONTAINER) {
            props.add(Property.of(Props.INHERIT_PERMISSIONS, Boolean.toString(form.getFirst("inherit") != null)));
        }
        if (n.type() == NodeType.CONTAINER && form.getFirst("recursive") != null) {
            return vos.recursiveSetProperties(path, n.type(), props).flatMap(job -> selections.awaitJob(vos, job))
                    .map(state -> {
                        if (state.phase() == UwsJob.Phase.ERROR || state.phase() == UwsJob.Phase.ABORTED) {
                            throw new PortalException(403, msg.someInsideUnchanged(SelectionService.explain(state)));
                        }
                        return state.phase().isFinal() ? msg.permissionsAppliedInside() : msg.permissionsStillRunning();
                    });
        }
        return vos.setProperties(path, n.type(), props).map(saved -> msg.permissionsSaved());
    }

    /** Group names separated by spaces or commas become group URIs; an empty field clears them. */
    static Property groups(String uri, String field, String authority) {
        List<String> uris = new ArrayList<>();
        if (field != null) {
            for (String g : field.trim().split("[\\s,]+")) {
                if (g.isEmpty()) {
                    continue;
                }
                uris.add(new Audience(g).uriAt(authority)); // refuses a name that is not one
            }
        }
        return uris.isEmpty() ? Property.nil(uri) : Property.of(uri, String.join(" ", uris));
    }

    @POST
    @Path("properties{path: (/.*)?}")
    public Uni<Response> properties(@PathParam("svc") String svc, MultivaluedMap<String, String> form) {
        VosPath path = pathAfter(svc, "properties");
        return session(svc).flatMap(vos -> vos.node(path, 0, null).flatMap(n -> saveProperties(vos, path, n, form)))
                .map(saved -> seeOther(PortalUrls.info(svc, path), msg.metadataSaved()));
    }

    /** Sets, changes and removes the form's custom properties of {@code n} (nothing asked: no call). */
    private Uni<Void> saveProperties(VosSession vos, VosPath path, Node n, MultivaluedMap<String, String> form) {
        List<Property> props = new ArrayList<>();
        List<String> keys = form.getOrDefault("key", List.of());
        List<String> values = form.getOrDefault("value", List.of());
        List<String> removed = form.getOrDefault("remove", List.of());
        for (int i = 0; i < keys.size(); i++) {
            String k = keys.get(i);
            props.add(removed.contains(k) ? Property.nil(k) : Property.of(k, i < values.size() ? values.get(i) : ""));
        }
        String newKey = form.getFirst("newkey");
        if (newKey != null && !newKey.isBlank()) {
            if (newKey.strip().chars().anyMatch(Character::isWhitespace) || newKey.length() > 200) {
                throw new PortalException(400, msg.badPropertyName());
            }
            props.add(Property.of(newKey.strip(), form.getFirst("newvalue") == null ? "" : form.getFirst("newvalue")));
        }
        if (props.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        return vos.setProperties(path, n.type(), props).replaceWithVoid();
    }

    /** A time-limited link to a private file: works without logging in until it expires. */
    @POST
    @Path("share{path: (/.*)?}")
    public Uni<TemplateInstance> share(@PathParam("svc") String svc, MultivaluedMap<String, String> form) {
        VosPath path = pathAfter(svc, "share");
        Duration ttl = switch (form.getFirst("ttl") == null ? "" : form.getFirst("ttl")) {
            case "1h" -> Duration.ofHours(1);
            case "1d" -> Duration.ofDays(1);
            case "7d" -> Duration.ofDays(7);
            default -> throw new PortalException(400, msg.badShareExpiry());
        };
        return session(svc).flatMap(vos -> {
            if (vos.isAnonymous()) {
                throw new PortalException(401, msg.logInToShare());
            }
            return newLink(vos, path, ttl).flatMap(link -> vos.node(path, 0, null).flatMap(n -> render(vos, svc,
                    path, n, msg.shareLinkCreated(), link.url(), EXPIRY.format(link.expires()))));
        });
    }

    /** A link just made and when it stops working. */
    private record NewLink(String url, Instant expires) {
    }

    private static Uni<NewLink> newLink(VosSession vos, VosPath path, Duration ttl) {
        if (vos.client().offersShareLinks()) {
            // recorded by the service: listed on the Shares page, revocable
            return vos.createShareLink(path, ttl).map(made -> new NewLink(made.url(), made.expires()));
        }
        // any other VOSpace: a plain pre-authorised URL that lives as long as the service lets it
        return vos.negotiate(path, false, ttl).map(url -> new NewLink(url, Instant.now().plus(ttl)));
    }
}
