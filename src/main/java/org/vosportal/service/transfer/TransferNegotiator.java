package org.vosportal.service.transfer;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.vosportal.service.ServiceConfig;
import org.vosportal.service.auth.Caller;
import org.vosportal.vospace.Fault;
import org.vosportal.vospace.Transfer;
import org.vosportal.vospace.VosFault;
import org.vosportal.vospace.VosPath;
import org.vosportal.vospace.VosUri;

/**
 * Negotiates a pushToVoSpace or pullFromVoSpace transfer: checks access and answers with one
 * pre-authorised endpoint per protocol the client offered and the service speaks.
 */
@ApplicationScoped
public class TransferNegotiator {

    public static final String PROTO = "ivo://ivoa.net/vospace/core#";
    static final Set<String> GET_PROTOCOLS = Set.of(PROTO + "httpget", PROTO + "httpsget");
    static final Set<String> PUT_PROTOCOLS = Set.of(PROTO + "httpput", PROTO + "httpsput");
    static final Set<String> DATA_VIEWS = Set.of("ivo://ivoa.net/vospace/core#defaultview",
            "ivo://ivoa.net/vospace/core#anyview", "ivo://ivoa.net/vospace/core#binaryview",
            "ivo://cadc.nrc.ca/vospace/view#data");
    public static final String PACKAGE_VIEW = "vos://cadc.nrc.ca~vospace/CADC/std/Pkg-1.0";

    @Inject
    ContentService content;

    @Inject
    PreauthUrls urls;

    @Inject
    ServiceConfig config;

    /** The node path a transfer's target names, checked to belong to this service. */
    public VosPath targetPath(String target) {
        VosUri uri = VosUri.parse(target);
        if (!uri.authority().equals(VosUri.canonicalAuthority(config.authority()))) {
            throw new VosFault(Fault.InvalidURI, "target names another service: " + target);
        }
        return uri.path();
    }

    public static boolean isPackage(Transfer t) {
        return t.view() != null && PACKAGE_VIEW.equals(t.view().uri());
    }

    /**
     * The lifetime the client asked for (share links), else the configured default; upload URLs
     * are cut to {@code preauth-put-ttl} by {@link PreauthUrls}.
     */
    java.time.Duration lifetime(Transfer request) {
        String v = request.params().get(Transfer.LIFETIME);
        if (v == null || v.isBlank()) {
            return config.preauthTtl();
        }
        try {
            return v.trim().startsWith("P") ? java.time.Duration.parse(v.trim())
                    : java.time.Duration.ofSeconds(Long.parseLong(v.trim()));
        } catch (RuntimeException e) {
            throw VosFault.invalid("lifetime must be an ISO-8601 duration or a number of seconds");
        }
    }

    public Transfer negotiate(Caller caller, Transfer request) {
        if (!request.isPush() && !request.isPull()) {
            throw VosFault.invalid("direction must be pushToVoSpace or pullFromVoSpace here");
        }
        if (request.targets().size() != 1) {
            throw VosFault.invalid("a data transfer has exactly one target");
        }
        if (request.view() != null && !DATA_VIEWS.contains(request.view().uri())) {
            throw new VosFault(Fault.ViewNotSupported, request.view().uri());
        }
        VosPath path = targetPath(request.target()).nfc(); // a new file gets its name in NFC
        // the URL is signed for the path with links resolved: it never follows a link itself
        String endpoint;
        if (request.isPush()) {
            ContentService.PushPlan plan = content.planPush(caller, path);
            endpoint = urls.upload(caller, plan.parent().path().child(path.name()), lifetime(request));
        } else {
            endpoint = urls.download(caller, content.planPull(caller, path), lifetime(request));
        }
        Set<String> supported = request.isPush() ? PUT_PROTOCOLS : GET_PROTOCOLS;
        Set<String> offered = new LinkedHashSet<>();
        for (Transfer.Protocol p : request.protocols()) {
            if (supported.contains(p.uri())) {
                offered.add(p.uri());
            }
        }
        if (request.protocols().isEmpty()) {
            offered.addAll(request.isPush() ? List.of(PROTO + "httpput") : List.of(PROTO + "httpget"));
        }
        if (offered.isEmpty()) {
            throw VosFault.invalid("none of the requested protocols is supported (use httpget/httpput)");
        }
        List<Transfer.Protocol> reply = new ArrayList<>();
        for (String proto : offered) {
            reply.add(new Transfer.Protocol(proto, endpoint, List.of()));
        }
        return new Transfer(request.targets(), request.direction(), request.view(), reply, null, "2.1");
    }
}
