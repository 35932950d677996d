package io.cspguard.sim.graph;

import java.nio.ByteBuffer;
import java.util.Base64;

/**
 * Graph's {@code $skiptoken}: opaque to clients, stable (the same page always links to the same next page), bound to
 * the request it continues. It holds an offset into the (filtered) collection and a hash of the request's shape; a
 * {@code broken} token is the continuation of a page cut short by a TRUNCATE fault, and fails for ever with
 * {@code Directory_ExpiredPageToken}.
 */
record SkipToken(int offset, int shapeHash, boolean broken) {
    private static final byte VERSION = 1;

    String encode() {
        ByteBuffer b = ByteBuffer.allocate(10);
        b.put(VERSION).put((byte) (broken ? 1 : 0)).putInt(offset).putInt(shapeHash);
        return "X" + Base64.getUrlEncoder().withoutPadding().encodeToString(b.array());
    }

    /** @return null when the text is not a token this simulator issued */
    static SkipToken decode(String text) {
        if (text == null || text.length() < 2 || text.charAt(0) != 'X') {
            return null;
        }
        try {
            byte[] raw = Base64.getUrlDecoder().decode(text.substring(1));
            if (raw.length != 10 || raw[0] != VERSION) {
                return null;
            }
            ByteBuffer b = ByteBuffer.wrap(raw, 1, 9);
            boolean broken = b.get() == 1;
            int offset = b.getInt();
            int hash = b.getInt();
            return offset < 0 ? null : new SkipToken(offset, hash, broken);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }
}
