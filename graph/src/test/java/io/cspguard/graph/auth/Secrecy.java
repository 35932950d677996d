package io.cspguard.graph.auth;

import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;

/** What an exception or a run would show anyone: for checking that no secret is among it. */
final class Secrecy {
    private Secrecy() {
    }

    /** The exception's message, and its printed stack trace with every cause and suppressed exception. */
    static String everything(Throwable t) {
        StringWriter w = new StringWriter();
        t.printStackTrace(new PrintWriter(w));
        return t.getMessage() + "\n" + w;
    }

    interface Action {
        void run() throws Exception;
    }

    /** Runs {@code action} with System.out and System.err copied, and returns what was written to both. */
    static String capture(Action action) throws Exception {
        ByteArrayOutputStream copy = new ByteArrayOutputStream();
        PrintStream out = System.out;
        PrintStream err = System.err;
        System.setOut(new PrintStream(tee(out, copy), true, StandardCharsets.UTF_8));
        System.setErr(new PrintStream(tee(err, copy), true, StandardCharsets.UTF_8));
        try {
            action.run();
        } finally {
            System.setOut(out);
            System.setErr(err);
        }
        return copy.toString(StandardCharsets.UTF_8);
    }

    private static OutputStream tee(OutputStream a, OutputStream b) {
        return new OutputStream() {
            @Override
            public void write(int c) throws java.io.IOException {
                a.write(c);
                b.write(c);
            }

            @Override
            public void write(byte[] bytes, int off, int len) throws java.io.IOException {
                a.write(bytes, off, len);
                b.write(bytes, off, len);
            }

            @Override
            public void flush() throws java.io.IOException {
                a.flush();
                b.flush();
            }
        };
    }
}
