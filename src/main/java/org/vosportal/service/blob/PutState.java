package org.vosportal.service.blob;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The text {@link BlobPut#suspend} returns: {@code key=value} lines, the first {@code vosput=1}
 * (the format's version), the second {@code store=} the backend that wrote it. Values never
 * hold a line break; keys are known to the backend, so anything else is refused. Every refusal
 * is an IllegalArgumentException saying what is wrong.
 */
public final class PutState {

    private static final String VERSION = "1";
    /** S3's 10,000 parts of about 70 characters each fit well below. */
    private static final int MAX_CHARS = 1 << 20;
    private static final Pattern KEY = Pattern.compile("[a-z][a-z0-9.]*");
    private static final Pattern NUMBER = Pattern.compile("0|[1-9][0-9]{0,18}");

    private final String store;
    private final Map<String, String> fields;

    private PutState(String store, Map<String, String> fields) {
        this.store = store;
        this.fields = fields;
    }

    /** An empty state of backend {@code store}, to be filled with {@link #with}. */
    public static PutState of(String store) {
        return new PutState(store, new LinkedHashMap<>());
    }

    public PutState with(String key, Object value) {
        String v = String.valueOf(value);
        if (!KEY.matcher(key).matches() || v.indexOf('\n') >= 0 || v.indexOf('\r') >= 0) {
            throw new IllegalArgumentException("bad upload state field " + key);
        }
        fields.put(key, v);
        return this;
    }

    public String text() {
        StringBuilder b = new StringBuilder("vosput=").append(VERSION).append("\nstore=").append(store);
        fields.forEach((k, v) -> b.append('\n').append(k).append('=').append(v));
        return b.toString();
    }

    /** Reads {@code text} written by backend {@code store} with no keys but {@code keys}. */
    public static PutState parse(String text, String store, Set<String> keys) {
        if (text == null || text.isEmpty()) {
            throw new IllegalArgumentException("no upload state");
        }
        if (text.length() > MAX_CHARS) {
            throw new IllegalArgumentException("the upload state is too long");
        }
        String[] lines = text.split("\n", -1);
        if (lines.length < 2 || !lines[0].equals("vosput=" + VERSION)) {
            throw new IllegalArgumentException("not an upload state of version " + VERSION);
        }
        if (!lines[1].equals("store=" + store)) {
            throw new IllegalArgumentException("not an upload state of the " + store + " blob store");
        }
        Map<String, String> fields = new LinkedHashMap<>();
        for (int i = 2; i < lines.length; i++) {
            int eq = lines[i].indexOf('=');
            String key = eq < 0 ? lines[i] : lines[i].substring(0, eq);
            if (eq < 0 || !keys.contains(key)) {
                throw new IllegalArgumentException("the upload state has an unknown line " + (i + 1));
            }
            if (fields.put(key, lines[i].substring(eq + 1)) != null) {
                throw new IllegalArgumentException("the upload state has " + key + " twice");
            }
        }
        return new PutState(store, fields);
    }

    public boolean has(String key) {
        return fields.containsKey(key);
    }

    /** The value of {@code key}, which must be there and match {@code form}. */
    public String get(String key, Pattern form) {
        String v = fields.get(key);
        if (v == null) {
            throw new IllegalArgumentException("the upload state has no " + key);
        }
        if (!form.matcher(v).matches()) {
            throw new IllegalArgumentException("the upload state has a malformed " + key);
        }
        return v;
    }

    /** A count or length: a decimal number from 0 to at most {@code max}. */
    public long number(String key, long max) {
        long n;
        try {
            n = Long.parseLong(get(key, NUMBER));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("the upload state has a malformed " + key);
        }
        if (n > max) {
            throw new IllegalArgumentException("the upload state's " + key + " is out of range");
        }
        return n;
    }

    public Md5 md5(String key) {
        String v = fields.get(key);
        if (v == null) {
            throw new IllegalArgumentException("the upload state has no " + key);
        }
        try {
            return Md5.restore(v);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("the upload state has a malformed " + key, e);
        }
    }
}
