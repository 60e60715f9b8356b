package org.vosportal.fits;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/**
 * The headers of every HDU as text, what {@code vcat --head} and {@code vcp --head} print: each
 * card image exactly as stored (80 characters) on its own line, each header ending with its END
 * card and followed by an empty line. Only header blocks are read.
 */
public final class HeaderText {

    private static final int CARD = 80;

    private HeaderText() {
    }

    public static void write(CountingChannel in, FitsLayout layout, OutputStream out) throws IOException {
        byte[] newline = {'\n'};
        for (Hdu hdu : layout.hdus()) {
            ByteBuffer block = ByteBuffer.allocate((int) Math.min(hdu.headerSize(), Integer.MAX_VALUE));
            in.readFully(hdu.headerStart(), block);
            byte[] b = block.array();
            for (int at = 0; at + CARD <= b.length; at += CARD) {
                out.write(b, at, CARD);
                out.write(newline);
                if (isEnd(b, at)) {
                    break;
                }
            }
            out.write(newline);
        }
    }

    private static boolean isEnd(byte[] b, int at) {
        return new String(b, at, 8, StandardCharsets.US_ASCII).equals("END     ");
    }
}
