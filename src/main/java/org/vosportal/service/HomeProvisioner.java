package org.vosportal.service;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.jboss.logging.Logger;
import org.vosportal.service.auth.Caller;
import org.vosportal.service.store.NewNode;
import org.vosportal.service.store.NodeStore;
import org.vosportal.service.store.StoreRefusal;
import org.vosportal.vospace.Fault;
import org.vosportal.vospace.InvalidNameException;
import org.vosportal.vospace.VosFault;
import org.vosportal.vospace.VosPath;

/** Creates each user's home container {@code /{username}} (with the configured quota) on first use. */
@ApplicationScoped
public class HomeProvisioner {

    private static final Logger LOG = Logger.getLogger(HomeProvisioner.class);

    @Inject
    NodeStore store;

    @Inject
    ServiceConfig config;

    private final Set<String> known = ConcurrentHashMap.newKeySet();

    public void ensureHome(Caller caller) {
        if (caller.isAnonymous() || known.contains(caller.user())) {
            return;
        }
        try {
            VosPath.checkName(caller.user());
        } catch (InvalidNameException e) {
            throw new VosFault(Fault.PermissionDenied, "user name cannot name a home container");
        }
        long rootId = store.root().id();
        var existing = store.findChild(rootId, caller.user());
        if (existing.isEmpty()) {
            try {
                long quota = config.homeQuotas().getOrDefault(caller.user(), config.homeQuota()).asLongValue();
                store.create(rootId, NewNode.container(caller.user(), caller.user()).withQuota(quota));
                LOG.infof("created home container /%s", caller.user());
            } catch (StoreRefusal.AlreadyExists e) {
                // a concurrent first request won the race
            }
        } else if (!caller.user().equals(existing.get().owner())) {
            // someone else's node sits where this user's home belongs: never hand it over
            throw new VosFault(Fault.PermissionDenied, "home /" + caller.user() + " belongs to another user");
        }
        known.add(caller.user());
    }
}
