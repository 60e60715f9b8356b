package org.vosportal.service.auth;

import java.util.List;

/**
 * Who can actually open a node, the permission rules applied along its whole path (see
 * {@link Authorizer#effectiveAccess}). The home's owner always can and is not listed.
 *
 * @param isPublic        anyone can, without logging in
 * @param groups          plain names of the groups whose members can, in the order the path names
 *                        them (the node's own first); only groups some node on the path grants
 * @param publicBlockedAt depth of the first folder above the node that refuses anonymous
 *                        callers (1 = the home's level), or -1 when none does
 */
public record EffectiveAccess(boolean isPublic, List<String> groups, int publicBlockedAt) {

    public EffectiveAccess {
        groups = List.copyOf(groups);
    }
}
