package io.cspguard.snapshot;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * SHA-256 of every file of a tenant folder, computed while the loader reads them (no second pass over large logs),
 * plus the files the loader does not read. The collection's input hash is made from these
 * ({@link InputHash}).
 */
public final class FileDigests {
    private final Path root;
    private final Map<String, String> digests = new TreeMap<>();

    public FileDigests(Path root) {
        this.root = root;
    }

    /** Opens a file for reading; whatever the reader leaves unread is still hashed when the stream closes. */
    public InputStream open(Path file) throws IOException {
        MessageDigest md = sha256();
        InputStream raw = Files.newInputStream(file);
        String key = key(file);
        return new DigestInputStream(raw, md) {
            private boolean closed;

            @Override
            public void close() throws IOException {
                if (closed) {
                    return;
                }
                closed = true;
                try {
                    byte[] buf = new byte[64 * 1024];
                    while (read(buf) >= 0) {
                        // drain: the digest covers the whole file even when parsing stopped early
                    }
                    synchronized (digests) {
                        digests.put(key, HexFormat.of().formatHex(md.digest()));
                    }
                } finally {
                    super.close();
                }
            }
        };
    }

    /** The SHA-256 of a file already read and closed, or null. */
    public String digest(String key) {
        synchronized (digests) {
            return digests.get(key);
        }
    }

    /** Hashes every regular file under the root not read yet, and returns relative path → SHA-256 (sorted). */
    public Map<String, String> complete() {
        try (Stream<Path> files = Files.walk(root)) {
            for (Path f : (Iterable<Path>) files.filter(Files::isRegularFile).sorted()::iterator) {
                String key = key(f);
                boolean known;
                synchronized (digests) {
                    known = digests.containsKey(key);
                }
                if (!known) {
                    try (InputStream in = open(f)) {
                        in.transferTo(OutputStreamNull.INSTANCE);
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        synchronized (digests) {
            return new TreeMap<>(digests);
        }
    }

    private String key(Path file) {
        return root.relativize(file).toString().replace('\\', '/');
    }

    static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
        }
    }

    private static final class OutputStreamNull extends java.io.OutputStream {
        static final OutputStreamNull INSTANCE = new OutputStreamNull();

        @Override
        public void write(int b) {
        }

        @Override
        public void write(byte[] b, int off, int len) {
        }
    }
}
