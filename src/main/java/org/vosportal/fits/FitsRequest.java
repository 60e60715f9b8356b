package org.vosportal.fits;

import java.util.ArrayList;
import java.util.List;

/**
 * What a byte request asks of a FITS file instead of its bytes, from the SODA-style query
 * parameters CANFAR's file service takes and the {@code vos} tools append to a pre-authorised
 * URL: {@code META=true} (the headers as text), {@code SUB} (pixel cutouts, repeatable: one per
 * extension) or {@code CIRCLE=ra dec radius}. Only one kind at a time.
 */
public record FitsRequest(boolean meta, List<Cut> subs, SkyCircle circle) {

    /** Parameters beyond this many SUBs are refused (each is an extension of the output). */
    static final int MAX_SUBS = 100;

    /** The request in these parameter values, or null when none of them is present. */
    public static FitsRequest of(String meta, List<String> subs, String circle) {
        boolean wantsMeta = meta != null;
        if (wantsMeta && !meta.strip().equalsIgnoreCase("true")) {
            throw new FitsRefusal("invalid META '" + meta + "': only META=true is supported");
        }
        boolean hasSubs = subs != null && !subs.isEmpty();
        if (!wantsMeta && !hasSubs && circle == null) {
            return null;
        }
        if ((wantsMeta ? 1 : 0) + (hasSubs ? 1 : 0) + (circle != null ? 1 : 0) > 1) {
            throw new FitsRefusal("ask for one of META, SUB or CIRCLE at a time");
        }
        if (hasSubs && subs.size() > MAX_SUBS) {
            throw new FitsRefusal("at most " + MAX_SUBS + " SUB parameters");
        }
        List<Cut> cuts = new ArrayList<>();
        if (hasSubs) {
            for (String s : subs) {
                cuts.add(SubParser.parse(s));
            }
        }
        return new FitsRequest(wantsMeta, cuts, circle == null ? null : SkyCircle.parse(circle));
    }

    public boolean isCutout() {
        return !meta;
    }
}
