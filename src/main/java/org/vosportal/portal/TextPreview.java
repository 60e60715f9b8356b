package org.vosportal.portal;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * The first lines of a text file (from its first {@code PreviewController.TEXT_BYTES} bytes), and
 * of a CSV or TSV file its first rows split into cells (quoted cells as RFC 4180 has them). The
 * template writes every line and cell through Qute, escaped. Bytes that are not UTF-8 (or hold
 * NUL) are "not text", never shown as mojibake.
 */
public record TextPreview(List<String> lines, List<List<String>> table, boolean truncated, boolean text) {

    static final int MAX_LINES = 100;
    static final int MAX_COLUMNS = 50;
    static final int MAX_LINE_CHARS = 500;

    public boolean isTable() {
        return table != null;
    }

    /** The table's first row, as a header. */
    public List<String> head() {
        return table == null || table.isEmpty() ? List.of() : table.get(0);
    }

    public List<List<String>> body() {
        return table == null || table.size() < 2 ? List.of() : table.subList(1, table.size());
    }

    public int lineCount() {
        return table != null ? table.size() : lines.size();
    }

    /** {@code delimiter}: ',' or '\t' for a table, 0 for plain lines; {@code more}: the file goes on. */
    public static TextPreview of(byte[] bytes, boolean more, char delimiter) {
        String s = decode(bytes, more);
        if (s == null) {
            return new TextPreview(List.of(), null, more, false);
        }
        if (more) {
            int nl = s.lastIndexOf('\n');
            s = nl < 0 ? s : s.substring(0, nl + 1); // not the cut last line
        }
        List<String> lines = new ArrayList<>();
        boolean truncated = more;
        for (String l : s.split("\r?\n", -1)) {
            if (lines.size() == MAX_LINES) {
                truncated = true;
                break;
            }
            lines.add(l.length() > MAX_LINE_CHARS ? l.substring(0, MAX_LINE_CHARS) + "…" : l);
        }
        while (!lines.isEmpty() && lines.get(lines.size() - 1).isEmpty()) {
            lines.remove(lines.size() - 1);
        }
        if (delimiter == 0) {
            return new TextPreview(lines, null, truncated, true);
        }
        List<List<String>> table = new ArrayList<>();
        for (List<String> row : cells(s, delimiter)) {
            if (table.size() == MAX_LINES) {
                truncated = true;
                break;
            }
            table.add(row.size() > MAX_COLUMNS ? row.subList(0, MAX_COLUMNS) : row);
        }
        return new TextPreview(lines, table, truncated, true);
    }

    /** UTF-8 text or null; a character cut at the end of a partial read is dropped, not refused. */
    static String decode(byte[] bytes, boolean more) {
        for (byte b : bytes) {
            if (b == 0) {
                return null;
            }
        }
        CharsetDecoder d = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        int len = bytes.length;
        for (int cut = 0; cut < 4 && len - cut >= 0; cut++) {
            try {
                CharBuffer c = d.reset().decode(ByteBuffer.wrap(bytes, 0, len - cut));
                return c.toString();
            } catch (CharacterCodingException e) {
                if (!more) {
                    return null;
                }
            }
        }
        return null;
    }

    /** Rows of cells: quotes around a cell, doubled quotes inside, delimiters and newlines in quotes kept. */
    static List<List<String>> cells(String s, char delimiter) {
        List<List<String>> rows = new ArrayList<>();
        List<String> row = new ArrayList<>();
        StringBuilder cell = new StringBuilder();
        boolean quoted = false;
        boolean any = false;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (quoted) {
                if (c == '"') {
                    if (i + 1 < s.length() && s.charAt(i + 1) == '"') {
                        cell.append('"');
                        i++;
                    } else {
                        quoted = false;
                    }
                } else {
                    cell.append(c);
                }
            } else if (c == '"' && cell.length() == 0) {
                quoted = true;
                any = true;
            } else if (c == delimiter) {
                row.add(cell.toString());
                cell.setLength(0);
                any = true;
            } else if (c == '\n' || c == '\r') {
                if (c == '\r' && i + 1 < s.length() && s.charAt(i + 1) == '\n') {
                    i++;
                }
                if (any || cell.length() > 0) {
                    row.add(cell.toString());
                    rows.add(row);
                }
                row = new ArrayList<>();
                cell.setLength(0);
                any = false;
            } else {
                cell.append(c);
                any = true;
            }
        }
        if (any || cell.length() > 0) {
            row.add(cell.toString());
            rows.add(row);
        }
        return rows;
    }
}
