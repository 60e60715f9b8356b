package org.vosportal.service.jobs;

import java.util.ArrayList;
import java.util.List;
import org.vosportal.vospace.Property;

/**
 * What a stored job runs. The work is rebuilt from the job's {@code spec} by whichever instance
 * runs it ({@link TransferJobs#work}): the transfer document for transfers, the path for a
 * recursive delete, the path and the property changes for recursive properties.
 */
public enum JobKind {
    /** A push or pull negotiated (sync or async); spec: the transfer document. */
    NEGOTIATE,
    /** A move or copy; spec: the transfer document. */
    MOVE_COPY,
    /** A package, run when its URL is fetched; spec: the transfer document. */
    PACKAGE,
    /** A recursive delete; spec: the path. */
    DELETE,
    /** Recursive properties; spec: {@link #propertiesSpec}. */
    SET_PROPS;

    /** The path on the first line, then one property a line: flags (n nil, r read-only, -), uri, value. */
    public static String propertiesSpec(String path, List<Property> changes) {
        StringBuilder sb = new StringBuilder(escape(path)).append('\n');
        for (Property p : changes) {
            sb.append(p.nil() ? 'n' : p.readOnly() ? 'r' : '-').append('\t').append(escape(p.uri())).append('\t')
                    .append(p.value() == null ? "" : escape(p.value())).append('\n');
        }
        return sb.toString();
    }

    public static String specPath(String spec) {
        int nl = spec.indexOf('\n');
        return unescape(nl < 0 ? spec : spec.substring(0, nl));
    }

    public static List<Property> specProperties(String spec) {
        List<Property> out = new ArrayList<>();
        String[] lines = spec.split("\n", -1);
        for (int i = 1; i < lines.length; i++) {
            if (lines[i].isEmpty()) {
                continue;
            }
            String[] f = lines[i].split("\t", 3);
            char flag = f[0].charAt(0);
            String value = f.length > 2 ? unescape(f[2]) : "";
            out.add(new Property(unescape(f[1]), flag == 'n' ? null : value, flag == 'r', flag == 'n'));
        }
        return out;
    }

    static String escape(String s) {
        return s.replace("\\", "\\\\").replace("\n", "\\n").replace("\t", "\\t").replace("\r", "\\r");
    }

    static String unescape(String s) {
        StringBuilder sb = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '\\' && i + 1 < s.length()) {
                char n = s.charAt(++i);
                sb.append(switch (n) {
                    case 'n' -> '\n';
                    case 't' -> '\t';
                    case 'r' -> '\r';
                    default -> n;
                });
            } else {
                sb.append(c);
            }
        }
        return sb.toString();
    }
}
