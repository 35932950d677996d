package io.cspguard.cli;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;
import picocli.CommandLine;

/** The version Maven stamped into core's {@code version.properties}. */
public final class ToolVersion implements CommandLine.IVersionProvider {
    public static String version() {
        try (InputStream in = ToolVersion.class.getResourceAsStream("/io/cspguard/version.properties")) {
            Properties p = new Properties();
            if (in != null) {
                p.load(in);
            }
            return p.getProperty("version", "unknown");
        } catch (IOException e) {
            return "unknown";
        }
    }

    @Override
    public String[] getVersion() {
        return new String[] {"CSP Guard " + version() + " (Java " + Runtime.version() + ")"};
    }
}
