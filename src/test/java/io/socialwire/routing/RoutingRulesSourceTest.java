package io.socialwire.routing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Set;

import io.socialwire.model.Sentiment;
import io.socialwire.model.SocialInteraction;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.core.io.FileSystemResource;

class RoutingRulesSourceTest {

    private static final String RULES = """
            rules:
              - name: jobs
                department: hr
                priority: 3
                when:
                  keywords: { any: [hiring] }
            default:
              department: support
              priority: 4
            """;

    @TempDir
    Path dir;

    @Test
    void aGoodEditReplacesTheRulesAndABadOneIsRefusedKeepingTheLastGood() throws IOException {
        Path file = dir.resolve("routing.yaml");
        Files.writeString(file, RULES);
        RoutingRulesSource source = new RoutingRulesSource(new FileSystemResource(file));
        assertThat(source.reloadIfChanged()).as("nothing changed").isFalse();

        Files.writeString(file, RULES.replace("[hiring]", "[hiring, careers]"));
        assertThat(source.reloadIfChanged()).isTrue();
        assertThat(route(source, "careers page")).isEqualTo("jobs");
        assertThat(source.status().refused()).isNull();

        Files.writeString(file, RULES.replace("priority: 3", "priority: three"));
        assertThat(source.reloadIfChanged()).isFalse();
        assertThat(source.status().refused()).contains("routing.yaml] line 4 field rules[0].priority");
        assertThat(route(source, "careers page")).as("the last good rules stay").isEqualTo("jobs");
        assertThat(source.text()).as("the active rules as written, not the refused edit")
                .isEqualTo(RULES.replace("[hiring]", "[hiring, careers]"));
        assertThat(source.reloadIfChanged()).as("the same bad file is not retried").isFalse();
    }

    @Test
    void rulesMayNameOnlyDepartmentsThatHaveARoute() throws IOException {
        Path file = dir.resolve("routing.yaml");
        Files.writeString(file, RULES);
        RoutingRulesSource source = new RoutingRulesSource(new FileSystemResource(file));
        source.requireRoutes(() -> Set.of("hr", "support"));

        Files.writeString(file, RULES.replace("department: hr", "department: legal"));
        assertThat(source.reloadIfChanged()).isFalse();
        assertThat(source.status().refused())
                .contains("routing.yaml] line 3 field rules[0].department: no route for department 'legal'");
        assertThatThrownBy(() -> source.requireRoutes(() -> Set.of("support")))
                .isInstanceOf(RulesException.class)
                .hasMessageContaining("line 3 field rules[0].department: no route for department 'hr'");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "bad priority      | priority: 3                    | priority: 9                       "
            + "| line 4 field rules[0].priority: rule 'jobs': priority must be 1 (highest) to 5",
        "no priority       | priority: 3                    | ''                                "
            + "| line 2 field rules[0].priority: rule 'jobs': priority must be",
        "bad regex         | 'keywords: { any: [hiring] }'  | 'regex: \"(hiring\"'             "
            + "| line 6 field rules[0].when.regex: rule 'jobs': when.regex is not a valid regular expression",
        "bad department    | department: hr                 | department: Human Resources       "
            + "| line 3 field rules[0].department: rule 'jobs': department must be a lower-case name",
        "bad day           | 'keywords: { any: [hiring] }'  | 'time: { days: [mon, someday] }'  "
            + "| line 6 field rules[0].when.time.days[1]: rule 'jobs': when.time.days: 'someday' is not a day",
        "bad default       | priority: 4                    | priority: 0                       "
            + "| line 9 field default.priority: default: priority must be 1 (highest) to 5",
    })
    void aRuleThatParsesButCannotBeUsedIsRefusedWithItsLineAndField(String name, String from, String to,
                                                                     String refusal) throws IOException {
        Path file = dir.resolve("routing.yaml");
        Files.writeString(file, RULES);
        RoutingRulesSource source = new RoutingRulesSource(new FileSystemResource(file));

        Files.writeString(file, RULES.replace(from, to));
        assertThat(source.reloadIfChanged()).isFalse();
        assertThat(source.status().refused()).contains("routing.yaml] " + refusal);
    }

    private static String route(RoutingRulesSource source, String text) {
        return source.current().decide(new SocialInteraction("x:1", "x", "post", "1", "x:1", null, null,
                Instant.EPOCH, text, "en", null, null, null, null), Sentiment.unknown()).matchedRule();
    }
}
