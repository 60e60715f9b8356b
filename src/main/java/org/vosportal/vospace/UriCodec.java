package org.vosportal.vospace;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/** RFC 3986 percent-encoding and strict single decoding of path segments. */
public final class UriCodec {

    private UriCodec() {
    }

    private static boolean isUnreserved(int c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
                || c == '-' || c == '.' || c == '_' || c == '~';
    }

    /** Characters left literal in a path segment besides the unreserved ones (sub-delims, ':' and '@'). */
    private static boolean isSegmentSafe(int c) {
        return isUnreserved(c) || "!$&'()*+,;=:@".indexOf(c) >= 0;
    }

    /** Encodes one path segment: UTF-8, everything outside unreserved/sub-delims/':'/'@' as %XX. */
    public static String encodeSegment(String s) {
        return encode(s, true);
    }

    /** Encodes a query component value (stricter: also '&', '=', '+' and friends). */
    public static String encodeQueryValue(String s) {
        return encode(s, false);
    }

    private static String encode(String s, boolean segment) {
        byte[] bytes = s.getBytes(StandardCharsets.UTF_8);
        StringBuilder sb = new StringBuilder(bytes.length + 8);
        for (byte b : bytes) {
            int c = b & 0xff;
            if (segment ? isSegmentSafe(c) : isUnreserved(c)) {
                sb.append((char) c);
            } else {
                sb.append('%').append(Character.toUpperCase(Character.forDigit(c >> 4, 16)))
                        .append(Character.toUpperCase(Character.forDigit(c & 0xf, 16)));
            }
        }
        return sb.toString();
    }

    /**
     * Decodes %XX escapes exactly once (never '+'). Malformed escapes or invalid UTF-8 are rejected
     * so that no ambiguous name reaches the store.
     */
    public static String decode(String s) {
        if (s.indexOf('%') < 0) {
            return s;
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '%') {
                if (i + 2 >= s.length()) {
                    throw new InvalidNameException("malformed percent-encoding");
                }
                int hi = Character.digit(s.charAt(i + 1), 16);
                int lo = Character.digit(s.charAt(i + 2), 16);
                if (hi < 0 || lo < 0) {
                    throw new InvalidNameException("malformed percent-encoding");
                }
                out.write((hi << 4) | lo);
                i += 2;
            } else if (c < 0x80) {
                out.write(c);
            } else {
                byte[] b = String.valueOf(c).getBytes(StandardCharsets.UTF_8);
                if (Character.isHighSurrogate(c) && i + 1 < s.length()) {
                    b = s.substring(i, i + 2).getBytes(StandardCharsets.UTF_8);
                    i++;
                }
                out.writeBytes(b);
            }
        }
        byte[] bytes = out.toByteArray();
        var decoder = StandardCharsets.UTF_8.newDecoder();
        try {
            return decoder.decode(java.nio.ByteBuffer.wrap(bytes)).toString();
        } catch (java.nio.charset.CharacterCodingException e) {
            throw new InvalidNameException("percent-encoding is not valid UTF-8");
        }
    }

    /**
     * Parses a raw (still encoded) URL path into a {@link VosPath}: split on literal '/', decode
     * each segment once, then validate. An encoded '/' or '\' or '..' inside a segment is rejected
     * by name validation, never interpreted.
     */
    public static VosPath parseRawPath(String rawPath) {
        if (rawPath == null || rawPath.isEmpty()) {
            return VosPath.ROOT;
        }
        StringBuilder decoded = new StringBuilder();
        for (String seg : rawPath.split("/", -1)) {
            if (seg.isEmpty()) {
                continue;
            }
            String name = VosPath.checkName(decode(seg));
            decoded.append('/').append(name);
        }
        return VosPath.parse(decoded.toString());
    }
}
