package org.vosportal.fits;

/**
 * Pixels {@code from} to {@code to} of one axis, 1-based and inclusive as in FITS; {@code from >
 * to} flips the axis. {@link #ALL} is {@code *}, the whole axis.
 */
public record PixelRange(long from, long to) {

    /** The whole axis ({@code *}); resolved against the axis length by {@link #on}. */
    public static final PixelRange ALL = new PixelRange(0, 0);

    public boolean isAll() {
        return from == 0 && to == 0;
    }

    public boolean flipped() {
        return from > to;
    }

    public long length() {
        return Math.abs(to - from) + 1;
    }

    public long low() {
        return Math.min(from, to);
    }

    /** This range on an axis of {@code n} pixels; a refusal when it falls outside. */
    public PixelRange on(long n, int axis) {
        if (isAll()) {
            return new PixelRange(1, n);
        }
        if (from < 1 || to < 1 || from > n || to > n) {
            throw new FitsRefusal("pixel range " + this + " is outside axis " + axis + ", which has pixels 1 to " + n);
        }
        return this;
    }

    @Override
    public String toString() {
        return isAll() ? "*" : from + ":" + to;
    }
}
