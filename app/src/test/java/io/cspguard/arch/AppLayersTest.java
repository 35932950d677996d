package io.cspguard.arch;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import org.junit.jupiter.api.Test;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

/**
 * The application's layers: the store, the audit trail, exceptions and stored reports know nothing of the web or the
 * command line; the web knows nothing of the command line or the scheduler; only the security layer registers raw
 * Javalin routes, so every page goes through {@code SecuredRoutes} (role and CSRF checks).
 */
class AppLayersTest {
    private static final JavaClasses APP = new ClassFileImporter()
            .withImportOption(location -> !location.contains("/test-classes/"))  // any build folder, not only target/
            .importPackages("io.cspguard.store", "io.cspguard.audit", "io.cspguard.exceptions", "io.cspguard.reports",
                    "io.cspguard.web", "io.cspguard.runs", "io.cspguard.schedule", "io.cspguard.cli");

    @Test
    void storageKnowsNothingOfTheWebOrTheCommandLine() {
        noClasses().that().resideInAnyPackage("io.cspguard.store..", "io.cspguard.audit..", "io.cspguard.exceptions..",
                        "io.cspguard.reports..")
                .should().dependOnClassesThat().resideInAnyPackage("io.cspguard.web..", "io.cspguard.cli..",
                        "io.cspguard.runs..", "io.cspguard.schedule..", "io.javalin..")
                .check(APP);
    }

    @Test
    void theWebKnowsNothingOfTheCommandLineOrTheScheduler() {
        noClasses().that().resideInAnyPackage("io.cspguard.web..")
                .should().dependOnClassesThat().resideInAnyPackage("io.cspguard.cli..", "io.cspguard.schedule..")
                .check(APP);
    }

    @Test
    void onlyTheSecurityLayerAndTheServerRegisterRawRoutes() {
        noClasses().that().resideInAnyPackage("io.cspguard.web.pages..", "io.cspguard.web.admin..")
                .should().callMethod(io.javalin.Javalin.class, "get", String.class, io.javalin.http.Handler.class)
                .orShould().callMethod(io.javalin.Javalin.class, "post", String.class, io.javalin.http.Handler.class)
                .check(APP);
    }
}
