package io.varde.vantage;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;

/** Gzip for the probe wire: compressing a batch, and decompressing a body with a hard cap. */
final class Gzip {

    private Gzip() {
    }

    static byte[] compress(byte[] bytes) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(Math.max(64, bytes.length / 4));
        try (GZIPOutputStream gz = new GZIPOutputStream(out, 8192)) {
            gz.write(bytes);
        } catch (IOException e) {
            throw new UncheckedIOException("gzip into memory cannot fail", e);
        }
        return out.toByteArray();
    }

    /**
     * The bytes {@code gzipped} holds, never more than {@code cap} of them: decompression stops
     * as soon as it would pass the cap (a gzip bomb costs at most {@code cap} bytes and the time
     * to inflate them).
     *
     * @throws WireFormatException too large when there is more than {@code cap}; malformed when
     *                             it is not gzip or is cut short
     */
    static byte[] decompress(byte[] gzipped, int cap) throws WireFormatException {
        ByteArrayOutputStream out = new ByteArrayOutputStream(Math.min(cap, Math.max(1024, gzipped.length * 4)));
        byte[] chunk = new byte[16 * 1024];
        try (GZIPInputStream in = new GZIPInputStream(new ByteArrayInputStream(gzipped), 8192)) {
            int total = 0;
            for (int n = in.read(chunk); n >= 0; n = in.read(chunk)) {
                total += n;
                if (total > cap) {
                    throw WireFormatException.tooLarge("the body is over " + cap + " bytes uncompressed");
                }
                out.write(chunk, 0, n);
            }
        } catch (IOException e) {
            throw new WireFormatException("the body is not valid gzip: " + e.getMessage());
        }
        return out.toByteArray();
    }
}
