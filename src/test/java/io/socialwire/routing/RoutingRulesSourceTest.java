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
        assertThat(source.status().refused()).contains("no route for department [legal]");
        assertThatThrownBy(() -> source.requireRoutes(() -> Set.of("support")))
                .isInstanceOf(RulesException.class).hasMessageContaining("no route for department [hr]");
    }

    private static String route(RoutingRulesSource source, String text) {
        return source.current().decide(new SocialInteraction("x:1", "x", "post", "1", "x:1", null, null,
                Instant.EPOCH, text, "en", null, null, null, null), Sentiment.unknown()).matchedRule();
    }
}
