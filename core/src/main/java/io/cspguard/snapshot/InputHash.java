package io.cspguard.snapshot;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.Map;
import java.util.TreeMap;

/**
 * The SHA-256 of a snapshot: of the lines {@code <relative path>\t<sha256 of the file>\n}, sorted by path.
 * Any change to any file (or a file added or removed) changes it; the per-file hashes can be checked with
 * {@code sha256sum}.
 */
public final class InputHash {
    private final Map<String, String> files = new TreeMap<>();

    public synchronized void add(String prefix, Map<String, String> digests) {
        digests.forEach((path, sha) -> files.put(prefix + path, sha));
    }

    public synchronized String sha256() {
        MessageDigest md = FileDigests.sha256();
        files.forEach((path, sha) -> md.update((path + "\t" + sha + "\n").getBytes(StandardCharsets.UTF_8)));
        return HexFormat.of().formatHex(md.digest());
    }

    public synchronized int fileCount() {
        return files.size();
    }
}
