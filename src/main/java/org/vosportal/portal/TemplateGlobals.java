package org.vosportal.portal;

import io.quarkus.qute.TemplateGlobal;

/** Values every portal template can use. */
@TemplateGlobal
public class TemplateGlobals {

    /** Appended to asset URLs so browsers fetch the new CSS/JS after each start (deploy). */
    static final String assetVersion = PortalAssets.VERSION;

    /** The JavaScript modules' import map (see {@link PortalAssets}), written unescaped into base.html. */
    static final String importMap = PortalAssets.IMPORT_MAP;

    /** The line that applies the chosen colour scheme before the first paint (see {@link PortalAssets}). */
    static final String themeScript = PortalAssets.THEME_SCRIPT;
}
