package org.vosportal.vospace;

/**
 * One node property as it travels in XML. {@code nil} marks a deletion request (input only);
 * {@code readOnly} is emitted for server-computed properties.
 */
public record Property(String uri, String value, boolean readOnly, boolean nil) {

    public static Property of(String uri, String value) {
        return new Property(uri, value, false, false);
    }

    public static Property readOnly(String uri, String value) {
        return new Property(uri, value, true, false);
    }

    public static Property nil(String uri) {
        return new Property(uri, null, false, true);
    }
}
