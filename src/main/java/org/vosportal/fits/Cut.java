package org.vosportal.fits;

import java.util.List;

/**
 * One cutout of one HDU: which HDU ({@link HduChoice}) and the pixel ranges of its axes in FITS
 * order; fewer ranges than axes leaves the remaining axes whole, none copies the HDU's image.
 */
public record Cut(HduChoice hdu, List<PixelRange> ranges) {

    public Cut {
        ranges = List.copyOf(ranges);
    }

    /** How a cut names its HDU: by index ({@code [2]}), by name and version ({@code [SCI,2]}), or not at all. */
    public record HduChoice(Integer index, String name, Integer version) {

        public static final HduChoice DEFAULT = new HduChoice(null, null, null);

        public boolean isDefault() {
            return index == null && name == null;
        }

        @Override
        public String toString() {
            if (index != null) {
                return "[" + index + "]";
            }
            if (name != null) {
                return "[" + name + (version == null ? "" : "," + version) + "]";
            }
            return "";
        }
    }

    /** The SODA/CADC spelling, as in {@code SUB=[1][10:20,*]}. */
    @Override
    public String toString() {
        StringBuilder b = new StringBuilder(hdu.toString());
        if (!ranges.isEmpty()) {
            b.append('[');
            for (int i = 0; i < ranges.size(); i++) {
                b.append(i == 0 ? "" : ",").append(ranges.get(i));
            }
            b.append(']');
        }
        return b.toString();
    }
}
