package org.vosportal.portal;

import io.quarkus.qute.TemplateGlobal;

/** Values every portal template can use. */
@TemplateGlobal
public class TemplateGlobals {

    /** Appended to asset URLs so browsers fetch the new CSS/JS after each start (deploy). */
    static final String assetVersion = Long.toString(System.currentTimeMillis(), 36);
}
