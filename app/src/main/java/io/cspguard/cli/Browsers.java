package io.cspguard.cli;

import java.awt.Desktop;
import java.net.URI;

/** Opens the dashboard in the user's browser when there is one; says nothing when there is none (a server, CI). */
final class Browsers {
    private Browsers() {
    }

    static void open(URI url) {
        try {
            if (!java.awt.GraphicsEnvironment.isHeadless() && Desktop.isDesktopSupported()
                    && Desktop.getDesktop().isSupported(Desktop.Action.BROWSE)) {
                Desktop.getDesktop().browse(url);
                return;
            }
            for (String opener : new String[]{"xdg-open", "open"}) {
                if (onPath(opener)) {
                    new ProcessBuilder(opener, url.toString()).redirectErrorStream(true)
                            .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
                    return;
                }
            }
        } catch (Exception e) {
            System.err.println("demo: could not open a browser (" + e.getMessage() + "); open " + url + " yourself");
        }
    }

    private static boolean onPath(String command) {
        String path = System.getenv("PATH");
        if (path == null) {
            return false;
        }
        for (String dir : path.split(java.io.File.pathSeparator)) {
            if (java.nio.file.Files.isExecutable(java.nio.file.Path.of(dir, command))) {
                return true;
            }
        }
        return false;
    }
}
