package org.vosportal.portal;

import io.quarkus.qute.TemplateExtension;
import java.util.Locale;

/** How templates write numbers: {@code {x.deg}}, {@code {x.signedDeg}} (sky positions, 4 decimals ≈ 0.4″). */
@TemplateExtension
public final class PortalFormats {

    private PortalFormats() {
    }

    /** Degrees as 210.8012. */
    static String deg(double d) {
        return String.format(Locale.ROOT, "%.4f", d);
    }

    /** Degrees with their sign, as declinations are written: +54.3500, -12.0000. */
    static String signedDeg(double d) {
        return String.format(Locale.ROOT, "%+.4f", d);
    }
}
