package org.vosportal.vospace;

/** Namespaces and escaping shared by the XML writers. */
public final class Xml {

    public static final String VOS_NS = "http://www.ivoa.net/xml/VOSpace/v2.0";
    public static final String XSI_NS = "http://www.w3.org/2001/XMLSchema-instance";
    public static final String UWS_NS = "http://www.ivoa.net/xml/UWS/v1.0";
    public static final String XLINK_NS = "http://www.w3.org/1999/xlink";
    public static final String PROLOG = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n";

    private Xml() {
    }

    /** Escapes text for element content or a double-quoted attribute; drops characters XML 1.0 forbids. */
    public static String escape(String s) {
        if (s == null) {
            return "";
        }
        StringBuilder sb = null;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            String rep = switch (c) {
                case '&' -> "&amp;";
                case '<' -> "&lt;";
                case '>' -> "&gt;";
                case '"' -> "&quot;";
                case '\'' -> "&apos;";
                default -> (c < 0x20 && c != '\t' && c != '\n' && c != '\r') || c == 0xFFFE || c == 0xFFFF ? "" : null;
            };
            if (rep != null) {
                if (sb == null) {
                    sb = new StringBuilder(s.length() + 16);
                    sb.append(s, 0, i);
                }
                sb.append(rep);
            } else if (sb != null) {
                sb.append(c);
            }
        }
        return sb == null ? s : sb.toString();
    }
}
