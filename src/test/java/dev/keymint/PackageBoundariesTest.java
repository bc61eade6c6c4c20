package dev.keymint;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;
import org.springframework.modulith.core.ApplicationModules;

/**
 * The package boundaries of docs/architecture.md ("Packages"), checked on the compiled main
 * classes: each top-level package under {@code dev.keymint} is a module, no two of them depend on
 * each other in a cycle, the HTTP layer is used only by the packages that answer HTTP, and the
 * signing keys know nothing of the clients they sign for.
 */
class PackageBoundariesTest {

    private static final JavaClasses MAIN = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("dev.keymint");

    @Test
    void packagesFormNoCycle() {
        ApplicationModules.of(KeymintApplication.class).verify();
    }

    @Test
    void onlyAdminUsesAdmin() {
        noClasses().that().resideOutsideOfPackage("dev.keymint.admin..")
                .should().dependOnClassesThat().resideInAPackage("dev.keymint.admin..")
                .check(MAIN);
    }

    @Test
    void onlyTheHttpFrontDoorsUseTheWebLayer() {
        noClasses().that().resideOutsideOfPackages("dev.keymint.admin..", "dev.keymint.console..", "dev.keymint.token..",
                        "dev.keymint.ratelimit..", "dev.keymint.secretscanning..",
                        "dev.keymint.web..")
                .should().dependOnClassesThat().resideInAPackage("dev.keymint.web..")
                .check(MAIN);
    }

    @Test
    void signingKnowsNoClients() {
        noClasses().that().resideInAPackage("dev.keymint.signing..")
                .should().dependOnClassesThat().resideInAnyPackage("dev.keymint.apikey..", "dev.keymint.token..",
                        "dev.keymint.tenant..", "dev.keymint.role..", "dev.keymint.lockout..", "dev.keymint.caller..",
                        "dev.keymint.audit..", "dev.keymint.bootstrap..")
                .check(MAIN);
    }
}
