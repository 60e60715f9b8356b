package org.vosportal.portal;

/** An error to show the user in plain words, with the HTTP status of the page that shows it. */
public class PortalException extends RuntimeException {

    private final int status;

    public PortalException(int status, String message) {
        super(message);
        this.status = status;
    }

    public int status() {
        return status;
    }
}
