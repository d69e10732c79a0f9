package io.socialwire.sinks.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import io.socialwire.conversation.ThreadRecord;
import io.socialwire.model.Author;
import io.socialwire.model.Enrichment;
import io.socialwire.model.Sentiment;
import io.socialwire.model.SocialInteraction;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JsonTemplatesTest {

    private final ObjectMapper json = new ObjectMapper().registerModule(new JavaTimeModule());
    private final JsonTemplates templates = new JsonTemplates(json);

    @TempDir
    Path dir;

    @Test
    void fillsPlaceholdersKeepingTypesAndValidJsonWhateverThePostSays() throws Exception {
        Path template = dir.resolve("t.json");
        Files.writeString(template, """
                {"id": "${id}", "reach": "${author.followers}", "score": "${enrichment.sentiment.score}",
                 "line": "@${author.handle} said: ${text} (${missing.field})", "none": "${nothing}",
                 "list": ["${channel}", 1], "incident": "${record.url}"}
                """);
        SocialInteraction interaction = new SocialInteraction("x:1", "x", "post", "1", "x:1", null, null,
                Instant.EPOCH, "He said \"hi\" }{ ${id}", "en", new Author("9", "jo", null, null, 1200L, null),
                null, null, new Enrichment("pr", "crisis", new Sentiment(-0.5, "negative"), 1, "r"));

        JsonNode out = json.readTree(templates.render(template.toString(), interaction,
                new ThreadRecord("x:1", "servicenow", "incident", "abc", "https://sn/incident/abc", "x:1",
                        Instant.EPOCH)));

        assertThat(out.path("id").asText()).isEqualTo("x:1");
        assertThat(out.path("reach").isNumber()).isTrue();
        assertThat(out.path("reach").asLong()).isEqualTo(1200);
        assertThat(out.path("score").asDouble()).isEqualTo(-0.5);
        assertThat(out.path("line").asText()).isEqualTo("@jo said: He said \"hi\" }{ ${id} ()");
        assertThat(out.path("none").isNull()).isTrue();
        assertThat(out.path("list").get(0).asText()).isEqualTo("x");
        assertThat(out.path("list").get(1).asInt()).isEqualTo(1);
        assertThat(out.path("incident").asText()).isEqualTo("https://sn/incident/abc");
    }

    @Test
    void aMissingTemplateIsAClearError() {
        assertThatThrownBy(() -> templates.render(dir.resolve("nope.json").toString(), null, null))
                .hasMessageContaining("no body template at");
    }
}
