package org.vosportal.fits;

import java.io.IOException;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.List;

/**
 * Answers a {@link FitsRequest} from a file's bytes: everything that can be refused is checked
 * in {@link #prepare} (not FITS, compressed, no such extension, range outside, no overlap), before
 * the first byte of the answer, so a refusal is a clear 400 and never a partial file.
 */
public final class FitsViews {

    private FitsViews() {
    }

    /** A checked answer, ready to stream. */
    public interface Prepared {

        String contentType();

        void write(OutputStream out) throws IOException;
    }

    public static Prepared prepare(CountingChannel in, FitsRequest req, String sourceName) throws IOException {
        FitsLayout layout = FitsLayout.read(in);
        if (req.meta()) {
            return new Prepared() {
                @Override
                public String contentType() {
                    return "text/plain; charset=US-ASCII";
                }

                @Override
                public void write(OutputStream out) throws IOException {
                    HeaderText.write(in, layout, out);
                }
            };
        }
        ImageCutout cutout = new ImageCutout(in, layout, sourceName);
        List<ImageCutout.Plan> plans;
        if (req.circle() != null) {
            Hdu image = cutout.choose(Cut.HduChoice.DEFAULT);
            List<PixelRange> box = req.circle().box(image);
            plans = cutout.plan(List.of(new Cut(new Cut.HduChoice(image.index(), null, null), box)));
        } else {
            plans = cutout.plan(new ArrayList<>(req.subs()));
        }
        return new Prepared() {
            @Override
            public String contentType() {
                return "application/fits";
            }

            @Override
            public void write(OutputStream out) throws IOException {
                cutout.write(plans, out);
            }
        };
    }
}
