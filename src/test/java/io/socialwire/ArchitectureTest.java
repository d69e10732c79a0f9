package io.socialwire;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/**
 * The shape the code keeps: packages along the flow without cycles, and a core that names no system of record, so a
 * target is added with YAML and configuration (docs/adding-a-target.md).
 */
@AnalyzeClasses(packages = "io.socialwire", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {

    /** The hub's core: intake, dispatch, lanes, conversations, failures, erasure, receipts, metrics, state. */
    private static final String[] CORE = {"io.socialwire.webhook..", "io.socialwire.channels..",
        "io.socialwire.dispatch..", "io.socialwire.delivery..", "io.socialwire.conversation..",
        "io.socialwire.erasure..", "io.socialwire.receipts..", "io.socialwire.deadletter..", "io.socialwire.pacing..",
        "io.socialwire.kafka..", "io.socialwire.state..", "io.socialwire.routing..", "io.socialwire.model..",
        "io.socialwire.targets"};

    @ArchTest
    static final ArchRule packagesAreFreeOfCycles = slices().matching("io.socialwire.(**)")
            .should().beFreeOfCycles();

    @ArchTest
    static final ArchRule coreNamesNoSystemOfRecord = noClasses().that().resideInAnyPackage(CORE)
            .should().dependOnClassesThat().resideInAnyPackage("io.socialwire.targets.(*)..",
                    "org.apache.camel.component.salesforce..", "org.apache.camel.component.servicenow..",
                    "org.apache.camel.component.zendesk..", "org.zendesk..")
            .because("a system of record is a plug-in: YAML, configuration and its own package");
}
