package io.socialwire.routing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ClassifierSourceTest {

    private static final String SALES = """
            department: sales
            examples:
              - text: "how much for 20 smart plugs, any bulk price?"
                language: en
                intent: pricing
              - text: "can I get a quote for 50 thermostats"
                language: en
                intent: quote
              - text: "Was kostet das Angebot für 30 Geräte?"
                language: de
                intent: pricing
            """;
    private static final String SUPPORT = """
            department: support
            examples:
              - text: "my thermostat stopped working, please help"
                language: en
                intent: defect
              - text: "the app crashes every time I log in"
                language: en
                intent: login
              - text: "Mein Paket ist nie angekommen"
                language: de
                intent: delivery
            """;

    @TempDir
    Path folder;

    @Test
    void learnsFromTheFilesAndSaysWhatItLearntFrom() throws IOException {
        write("sales.yaml", SALES);
        write("support.yaml", SUPPORT);

        ClassifierSource source = new ClassifierSource("file:" + folder + "/*.yaml");

        assertThat(source.status().examples()).containsEntry("sales", 3L).containsEntry("support", 3L);
        assertThat(source.status().refused()).isNull();
        assertThat(source.current().classify("what is the price of 40 plugs?").department()).isEqualTo("sales");
        assertThat(source.current().classify("my plug stopped working, help").department()).isEqualTo("support");
    }

    @Test
    void anEditIsLearntAndABadOneIsRefusedWithFileLineAndFieldWhileTheLastGoodClassifierStays() throws IOException {
        write("sales.yaml", SALES);
        write("support.yaml", SUPPORT);
        ClassifierSource source = new ClassifierSource("file:" + folder + "/*.yaml");
        DepartmentClassifier first = source.current();

        write("hr.yaml", """
                department: hr
                examples:
                  - text: "are you hiring engineers? where do I apply"
                    language: en
                    intent: job-application
                """);
        assertThat(source.retrainIfChanged()).isTrue();
        assertThat(source.current()).isNotSameAs(first);
        assertThat(source.status().examples()).containsEntry("hr", 1L);
        DepartmentClassifier good = source.current();

        write("hr.yaml", """
                department: hr
                examples:
                  - text: "are you hiring engineers? where do I apply"
                    language: english
                """);
        assertThat(source.retrainIfChanged()).isFalse();
        assertThat(source.current()).isSameAs(good);
        assertThat(source.status().refused()).isEqualTo("config/routing-examples/hr.yaml line 4 field "
                + "examples[0].language: language must be an ISO 639-1 code such as en, de or pt");
        assertThat(source.status().examples()).containsEntry("hr", 1L);
        assertThat(source.retrainIfChanged()).as("the same bad file is not tried again").isFalse();
    }

    @Test
    void examplesOfADepartmentWithoutARouteAreRefused() throws IOException {
        write("sales.yaml", SALES);
        write("support.yaml", SUPPORT);
        ClassifierSource source = new ClassifierSource("file:" + folder + "/*.yaml");

        assertThatThrownBy(() -> source.requireRoutes(() -> Set.of("support")))
                .hasMessageContaining("examples name department(s) without a route: [sales]");
    }

    @Test
    void aFileThatIsNotExamplesIsRefusedWhereItGoesWrong() {
        assertThatThrownBy(() -> LabelledExamples.parse("department: sales\nexample:\n  - text: hi\n", "sales.yaml"))
                .hasMessageStartingWith("sales.yaml line 2 field example: Unrecognized field \"example\"");
        assertThatThrownBy(() -> LabelledExamples.parse("department: Sales Team\nexamples:\n  - text: hi\n",
                "sales.yaml")).hasMessageStartingWith("sales.yaml line 1 field department: department must be a");
        assertThatThrownBy(() -> LabelledExamples.parse("department: sales\nexamples:\n  - text: hi\n  - text: \"\"\n",
                "sales.yaml")).hasMessage("sales.yaml line 4 field examples[1].text: the example has no text");
        assertThatThrownBy(() -> LabelledExamples.parse("department: sales\nexamples:\n  - text: hi\n"
                + "    intent: Big Deal\n", "sales.yaml"))
                .hasMessage("sales.yaml line 4 field examples[0].intent: intent must be a lower-case name such as"
                        + " complaint or pricing");
        assertThatThrownBy(() -> LabelledExamples.parse("department: sales\nexamples: [\n", "sales.yaml"))
                .hasMessageStartingWith("sales.yaml line ");
    }

    @Test
    void oneDepartmentAloneIsNothingToTellApart() throws IOException {
        write("sales.yaml", SALES);

        assertThatThrownBy(() -> new ClassifierSource("file:" + folder + "/*.yaml"))
                .hasMessageContaining("examples of at least two departments are needed");
    }

    private void write(String name, String content) throws IOException {
        Files.writeString(folder.resolve(name), content);
    }
}
