package org.vosportal.portal;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import nom.tam.fits.Header;
import nom.tam.fits.HeaderCard;
import org.vosportal.fits.Footprint;

/**
 * A FITS file's headers as the service's {@code META=true} view gives them (80-character cards,
 * each header ending with END and an empty line), grouped by HDU, each card with a kind the page
 * colours it by, and the keywords people look for first pulled out.
 */
public record FitsHeaderView(List<Hdu> hdus, List<Card> highlights) {

    /** Kinds of cards: the structure, the world coordinates, the observation, commentary, the rest. */
    static final Set<String> OBSERVATION = Set.of("OBJECT", "TELESCOP", "INSTRUME", "DATE-OBS", "MJD-OBS", "FILTER",
            "EXPTIME", "RA", "DEC", "OBSERVER", "AIRMASS", "EQUINOX", "RADESYS");
    private static final Set<String> STRUCTURE = Set.of("SIMPLE", "XTENSION", "BITPIX", "NAXIS", "EXTEND", "PCOUNT",
            "GCOUNT", "END", "EXTNAME", "EXTVER", "BSCALE", "BZERO", "BUNIT", "TFIELDS", "ZIMAGE");
    private static final List<String> HIGHLIGHTED = List.of("OBJECT", "TELESCOP", "INSTRUME", "DATE-OBS", "FILTER",
            "EXPTIME", "RA", "DEC");

    public record Card(String keyword, String text, String kind, String value) {
    }

    /** One header; {@code footprint} where it is an image with a celestial WCS (else null). */
    public record Hdu(int index, String extname, List<Card> cards, Footprint footprint) {
    }

    /** The images that say where they are on the sky. */
    public List<Hdu> placed() {
        return hdus.stream().filter(h -> h.footprint() != null).toList();
    }

    public static FitsHeaderView parse(String text) {
        List<Hdu> hdus = new ArrayList<>();
        List<Card> cards = new ArrayList<>();
        String extname = null;
        for (String line : text.split("\n", -1)) {
            if (line.isBlank()) {
                if (!cards.isEmpty()) {
                    hdus.add(new Hdu(hdus.size(), extname, cards, footprint(cards)));
                    cards = new ArrayList<>();
                    extname = null;
                }
                continue;
            }
            Card c = card(line);
            if (c.keyword().equals("EXTNAME")) {
                extname = c.value();
            }
            cards.add(c);
        }
        if (!cards.isEmpty()) {
            hdus.add(new Hdu(hdus.size(), extname, cards, footprint(cards)));
        }
        List<Card> highlights = new ArrayList<>();
        for (String k : HIGHLIGHTED) {
            hdus.stream().flatMap(h -> h.cards().stream()).filter(c -> c.keyword().equals(k)).findFirst()
                    .ifPresent(highlights::add);
        }
        return new FitsHeaderView(hdus, highlights);
    }

    /** The sky footprint of one header's image, or null (no image, no celestial WCS, unreadable cards). */
    static Footprint footprint(List<Card> cards) {
        Header h = new Header();
        try {
            for (Card c : cards) {
                if (!c.keyword().equals("END")) {
                    h.addLine(HeaderCard.create(c.text()));
                }
            }
        } catch (RuntimeException e) {
            return null; // a card nom-tam-fits cannot read: no footprint rather than no headers
        }
        return Footprint.of(h);
    }

    static Card card(String line) {
        String keyword = line.substring(0, Math.min(8, line.length())).strip().toUpperCase(Locale.ROOT);
        return new Card(keyword, line.stripTrailing(), kind(keyword), value(line));
    }

    static String kind(String k) {
        if (STRUCTURE.contains(k) || k.matches("NAXIS\\d+|T(TYPE|FORM|UNIT|DIM)\\d+|Z\\w+")) {
            return "structure";
        }
        if (k.matches("(CTYPE|CRVAL|CRPIX|CDELT|CUNIT|CROTA|CNAME)\\d+[A-Z]?|(CD|PC|PV|PS)\\d+_\\d+[A-Z]?|WCSAXES[A-Z]?|LONPOLE|LATPOLE|WCSNAME[A-Z]?")) {
            return "wcs";
        }
        if (OBSERVATION.contains(k)) {
            return "observation";
        }
        if (k.isEmpty() || k.equals("COMMENT") || k.equals("HISTORY")) {
            return "commentary";
        }
        return "other";
    }

    /** The value of a {@code KEY     = value / comment} card, quotes removed; null for commentary. */
    static String value(String line) {
        if (line.length() < 10 || !line.startsWith("= ", 8)) {
            return null;
        }
        String v = line.substring(10).strip();
        if (v.startsWith("'")) {
            StringBuilder b = new StringBuilder();
            for (int i = 1; i < v.length(); i++) {
                char ch = v.charAt(i);
                if (ch == '\'') {
                    if (i + 1 < v.length() && v.charAt(i + 1) == '\'') {
                        b.append('\'');
                        i++;
                        continue;
                    }
                    break;
                }
                b.append(ch);
            }
            return b.toString().stripTrailing();
        }
        int slash = v.indexOf('/');
        return (slash < 0 ? v : v.substring(0, slash)).strip();
    }
}
