package org.vosportal.fits;

/**
 * A FITS request this file cannot answer (not FITS, compressed, a range outside the image, a
 * malformed SUB): the message is written for the person who asked and becomes a 400.
 */
public class FitsRefusal extends RuntimeException {

    public FitsRefusal(String message) {
        super(message);
    }

    public FitsRefusal(String message, Throwable cause) {
        super(message, cause);
    }
}
