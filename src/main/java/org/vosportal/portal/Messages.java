package org.vosportal.portal;

import io.quarkus.qute.i18n.MessageBundles;

/** The catalogue ({@link PortalMessages}) for code that is not a CDI bean: static helpers, Vert.x routes. */
public final class Messages {

    private Messages() {
    }

    public static PortalMessages get() {
        return MessageBundles.get(PortalMessages.class);
    }
}
