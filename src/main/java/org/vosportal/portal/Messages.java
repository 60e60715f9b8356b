package org.vosportal.portal;

import io.quarkus.qute.i18n.MessageBundles;

/** The catalogue ({@link PortalMessages}, {@link PortalWords}) for code that is not a CDI bean: static helpers, Vert.x routes. */
public final class Messages {

    private Messages() {
    }

    public static PortalMessages get() {
        return MessageBundles.get(PortalMessages.class);
    }

    /** The pages' fixed words ({@link PortalWords}: labels, buttons, kinds of node). */
    public static PortalWords words() {
        return MessageBundles.get(PortalWords.class);
    }
}
