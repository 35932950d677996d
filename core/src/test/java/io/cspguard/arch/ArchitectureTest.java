package io.cspguard.arch;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** core stays free of network and storage code, and controls stay pure (architecture.md). */
class ArchitectureTest {
    private static JavaClasses core;

    @BeforeAll
    static void importCore() {
        // Not Predefined.DO_NOT_INCLUDE_TESTS: it expects target/, and the build folder can be moved (cspguard.buildDir).
        ImportOption mainOnly = location -> !location.contains("/test-classes/");
        core = new ClassFileImporter().withImportOption(mainOnly)
                .importPackages("io.cspguard");
    }

    @Test
    void coreDoesNotReachTheNetwork() {
        noClasses().should().dependOnClassesThat().resideInAnyPackage("java.net.http..", "javax.net..",
                        "com.microsoft.aad..", "io.javalin..", "org.eclipse.jetty..")
                .orShould().dependOnClassesThat().haveFullyQualifiedName("java.net.Socket")
                .orShould().dependOnClassesThat().haveFullyQualifiedName("java.net.URL")
                .orShould().dependOnClassesThat().haveFullyQualifiedName("java.net.HttpURLConnection")
                .check(core);
    }

    @Test
    void coreDoesNotTouchStorage() {
        noClasses().should().dependOnClassesThat().resideInAnyPackage("java.sql..", "javax.sql..", "org.jdbi..",
                "org.flywaydb..", "com.zaxxer..", "org.h2..", "org.postgresql..").check(core);
    }

    @Test
    void coreDoesNotDependOnTheApplication() {
        noClasses().should().dependOnClassesThat().resideInAnyPackage("io.cspguard.cli..", "io.cspguard.bench..",
                "io.cspguard.store..", "io.cspguard.web..").check(core);
    }

    @Test
    void controlsAndCoverageArePure() {
        noClasses().that().resideInAnyPackage("io.cspguard.controls..", "io.cspguard.coverage..")
                .should().dependOnClassesThat().resideInAnyPackage("java.io..", "java.nio.file..", "java.net..")
                .orShould().callMethod(System.class, "currentTimeMillis")
                .orShould().callMethod(System.class, "nanoTime")
                .orShould().callMethod(System.class, "getenv", String.class)
                .orShould().callMethod(java.time.Instant.class, "now")
                .orShould().callMethod(java.time.LocalDate.class, "now")
                .orShould().callMethod(java.time.Clock.class, "systemUTC")
                .because("controls read only the snapshot and the configuration; time comes from collectedAt")
                .check(core);
    }
}
