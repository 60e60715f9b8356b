package org.vosportal.fits;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import nom.tam.fits.BasicHDU;
import nom.tam.fits.Fits;
import nom.tam.fits.FitsException;

/** Runs a view on a file and reads its answer back with nom-tam-fits. */
final class FitsTestSupport {

    private FitsTestSupport() {
    }

    record Answer(byte[] bytes, long bytesRead, String contentType) {

        String text() {
            return new String(bytes, java.nio.charset.StandardCharsets.US_ASCII);
        }

        List<BasicHDU<?>> hdus() throws IOException, FitsException {
            try (Fits f = new Fits(new ByteArrayInputStream(bytes))) {
                List<BasicHDU<?>> out = new ArrayList<>();
                for (BasicHDU<?> h : f.read()) {
                    out.add(h);
                }
                return out;
            }
        }
    }

    static Answer run(Path file, FitsRequest req) throws IOException {
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
            CountingChannel in = new CountingChannel(ch);
            FitsViews.Prepared p = FitsViews.prepare(in, req, file.getFileName().toString());
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            p.write(out);
            return new Answer(out.toByteArray(), in.bytesRead(), p.contentType());
        }
    }

    static Answer sub(Path file, String... subs) throws IOException {
        return run(file, FitsRequest.of(null, List.of(subs), null));
    }

    static Answer circle(Path file, String circle) throws IOException {
        return run(file, FitsRequest.of(null, List.of(), circle));
    }

    static Answer meta(Path file) throws IOException {
        return run(file, FitsRequest.of("true", List.of(), null));
    }
}
