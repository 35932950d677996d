package io.cspguard.audit;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Checks an exported file (JSON Lines or RFC 5424 syslog, told apart by its first line) as {@link AuditTrail#verify}
 * checks the store: an anchor may come first, the head checkpoint must come last, and every entry in between must
 * chain. Each problem names its line. A file that cannot be read at all throws {@link AuditException}.
 */
public final class AuditFileVerifier {
    private AuditFileVerifier() {
    }

    public static VerifyReport verify(Path file) {
        try (BufferedReader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            return verify(in);
        } catch (CharacterCodingException e) {
            ChainChecker checker = new ChainChecker();
            checker.problem("the file is not UTF-8 text: it was not written by cspguard audit export, or was damaged");
            return checker.finish(null);
        } catch (IOException e) {
            throw new AuditException("cannot read " + file + ": " + e.getMessage(), e);
        }
    }

    static VerifyReport verify(BufferedReader in) throws IOException {
        ChainChecker checker = new ChainChecker();
        AuditLineCodec codec = null;
        AuditHead head = null;
        int items = 0;
        int lineNo = 0;
        for (String line = in.readLine(); line != null; line = in.readLine()) {
            lineNo++;
            if (line.isBlank()) {
                continue;
            }
            String where = "line " + lineNo + ": ";
            if (codec == null) {
                codec = codecFor(line);
                if (codec == null) {
                    checker.problem(where + "neither a JSON Lines nor an RFC 5424 audit export");
                    return checker.finish(null);
                }
            }
            AuditLine parsed;
            try {
                parsed = codec.read(line);
            } catch (AuditFormatException e) {
                checker.problem(where + "cannot be read: " + e.getMessage());
                continue;
            }
            if (head != null) {
                checker.problem(where + "comes after the checkpoint line: it was added after the export");
                continue;
            }
            switch (parsed) {
                case AuditLine.Anchor(AuditAnchor a) -> {
                    if (items > 0) {
                        checker.problem(where + "an anchor must be the first line (lines were reordered)");
                    } else {
                        checker.anchor(a, where);
                    }
                }
                case AuditLine.Entry(AuditEntry e) -> checker.entry(e, where);
                case AuditLine.Checkpoint(AuditHead h, java.time.Instant exportedAt) -> head = h;
            }
            items++;
        }
        if (items == 0 && codec == null) {
            checker.problem("the file is empty: no entries and no checkpoint");
        } else if (head == null) {
            checker.problem("the file has no checkpoint line at its end: it was cut short");
        }
        return checker.finish(head);
    }

    private static AuditLineCodec codecFor(String firstLine) {
        if (firstLine.startsWith("{")) {
            return new JsonlCodec();
        }
        if (firstLine.startsWith("<")) {
            return new SyslogCodec("-");
        }
        return null;
    }
}
