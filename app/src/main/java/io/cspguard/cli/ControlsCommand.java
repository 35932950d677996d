package io.cspguard.cli;

import io.cspguard.controls.CatalogMarkdown;
import io.cspguard.controls.ControlRegistry;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;

/** {@code cspguard controls}: prints the control catalog as Markdown (the source of docs/controls.md). */
@Command(name = "controls", mixinStandardHelpOptions = true,
        description = "Print the control catalog (Markdown), generated from the controls' metadata.")
final class ControlsCommand implements Callable<Integer> {
    @Override
    public Integer call() {
        System.out.print(CatalogMarkdown.render(ControlRegistry.all()));
        System.out.flush();
        return ExitCodes.OK;
    }
}
