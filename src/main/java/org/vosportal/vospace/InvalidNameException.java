package org.vosportal.vospace;

/** A node name or path that cannot be accepted; the message says why, in plain words. */
public class InvalidNameException extends IllegalArgumentException {
    public InvalidNameException(String message) {
        super(message);
    }
}
