package io.cspguard.controls;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;

class ControlRegistryTest {
    /** The ids of the shared catalog (controls.md), in its order. */
    private static final List<String> CATALOG = List.of("CSP.MFA.1", "CSP.MFA.2", "CSP.MFA.3", "CSP.MFA.4",
            "CSP.MFA.5", "CSP.PRIV.1", "CSP.PRIV.2", "CSP.PRIV.3", "CSP.PRIV.4", "CSP.PRIV.5", "CSP.PRIV.6",
            "CSP.PRIV.7", "CSP.PRIV.8", "CSP.PRIV.9", "CSP.PRIV.10", "CSP.ISO.1", "CSP.ISO.2", "CSP.ISO.3",
            "CSP.DEV.1", "CSP.DEV.2", "CSP.MON.1", "CSP.MON.2", "CSP.MON.3", "CSP.MON.4", "CSP.MON.5", "CSP.APP.1");

    @Test
    void registryHoldsEveryCatalogControlInCatalogOrder() {
        assertThat(ControlRegistry.all()).extracting(c -> c.info().id()).containsExactlyElementsOf(CATALOG);
    }

    @Test
    void classNameAgreesWithId() {
        for (Control c : ControlRegistry.all()) {
            String[] parts = c.info().id().split("\\.");
            String area = parts[1].charAt(0) + parts[1].substring(1).toLowerCase(Locale.ROOT);
            String expectedPrefix = area + parts[2];
            String name = c.getClass().getSimpleName();
            assertThat(name).as(c.info().id()).startsWith(expectedPrefix);
            assertThat(Character.isUpperCase(name.charAt(expectedPrefix.length()))).as(name).isTrue();
            assertThat(c.getClass().getPackageName()).endsWith("controls." + parts[1].toLowerCase(Locale.ROOT));
        }
    }

    @Test
    void everyControlHasCompleteMetadata() {
        for (Control c : ControlRegistry.all()) {
            ControlInfo i = c.info();
            assertThat(List.of(i.title(), i.seed(), i.rationale(), i.remediation())).as(i.id())
                    .allSatisfy(s -> assertThat(s).isNotBlank());
            assertThat(i.files()).as(i.id()).isNotEmpty();
        }
    }

    @Test
    void controlsThatReadOwnRecordsSaySoInTheCatalog() {
        assertThat(ControlRegistry.info("CSP.PRIV.9").orElseThrow().ownRecords()).contains("plain assess");
        assertThat(ControlRegistry.info("CSP.MON.3").orElseThrow().ownRecords()).contains("plain assess");
    }

    @Test
    void docsControlsMdIsGeneratedFromTheMetadata() throws Exception {
        Path doc = Path.of("..", "docs", "controls.md");
        String expected = CatalogMarkdown.render(ControlRegistry.all());
        assertThat(Files.readString(doc, StandardCharsets.UTF_8))
                .as("docs/controls.md is stale: regenerate it with ./cspguard controls > docs/controls.md")
                .isEqualTo(expected);
    }
}
