package io.socialwire;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.socialwire.support.HubClient;
import io.socialwire.support.HubIntegrationTest;
import org.junit.jupiter.api.Test;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Follows docs/adding-an-http-target.md step by step: every block of it titled with a file goes where the page says
 * (in a scratch folder beside the project's own routes and rules), the hub starts with them, and a post that
 * threatens legal action ends in the legal team's system.
 */
@DirtiesContext
class LegalTargetIT extends HubIntegrationTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
    private static final Pattern BLOCK = Pattern.compile("```(?:yaml|json) title=\"([^\"]+)\"\\n(.*?)```",
            Pattern.DOTALL);
    private static final Path SCRATCH = Path.of("target", "it-legal", UUID.randomUUID().toString());
    private static final Map<String, String> STEPS = steps();

    @DynamicPropertySource
    static void followTheSteps(DynamicPropertyRegistry registry) throws IOException {
        write("routes/kamelets/legal-intake-sink.kamelet.yaml");
        write("routes/departments/legal.camel.yaml");
        write("config/templates/legal-matter.json");
        String rules = Files.readString(Path.of("config", "routing.yaml"));
        Files.writeString(SCRATCH.resolve("config/routing.yaml"),
                rules.replaceFirst("(?m)^rules:\\n",
                        "rules:\n" + Matcher.quoteReplacement(step("config/routing.yaml"))));
        flatten("", YAML.readTree(step("config/application.yaml"))).forEach((k, v) -> registry.add(k, () -> v));
        flatten("", YAML.readTree(step("src/emulators/resources/application-tryit.yaml")))
                .forEach((k, v) -> registry.add(k, () -> v));

        registry.add("camel.main.routes-include-pattern",
                () -> "file:routes/**/*.camel.yaml,file:" + SCRATCH + "/routes/**/*.camel.yaml");
        registry.add("camel.component.kamelet.location", () -> "file:routes/kamelets,file:" + SCRATCH
                + "/routes/kamelets");
        registry.add("socialwire.routing.rules", () -> "file:" + SCRATCH.resolve("config/routing.yaml"));
        // the template is in the scratch folder, not config/
        registry.add("camel.kamelet.legal-intake-sink.bodyTemplate",
                () -> SCRATCH.resolve("config/templates/legal-matter.json").toString());
    }

    @Test
    void theDocumentedExampleRoutesToLegalAndThePostLandsInTheIntakeSystem() throws IOException {
        HubClient hub = hub();
        JsonNode example = YAML.readTree(step("config/routing-tests.yaml")).get(0);
        String text = example.path("text").asText();

        JsonNode explained = JSON.readTree(hub.post("/api/routing/explain",
                JSON.createObjectNode().put("text", text).toString()).body());
        assertThat(explained.path("department").asText()).isEqualTo(example.path("expect").asText());
        assertThat(explained.path("rule").asText()).isEqualTo(example.path("rule").asText());
        assertThat(explained.path("target").asText()).isEqualTo("route department-legal");

        String post = JSON.createObjectNode().put("channel", "x").put("kind", "mention").put("externalId", "legal-1")
                .put("text", text).put("url", "https://x.com/annoyed/status/1")
                .set("author", JSON.createObjectNode().put("id", "9").put("handle", "annoyed").put("followers", 420))
                .toString();
        assertThat(hub.sendGeneric(post).statusCode()).isEqualTo(200);

        JsonNode delivery = await().atMost(Duration.ofSeconds(30)).until(() -> hub.received("legal").stream()
                .filter(d -> d.path("headers").path("idempotency-key").asText().equals("x:legal-1")).findFirst(),
                Optional::isPresent).orElseThrow();
        assertThat(delivery.path("headers").path("authorization").asText()).isEqualTo("Bearer local-legal-token");
        JsonNode matter = JSON.readTree(delivery.path("body").asText());
        assertThat(matter.path("type").asText()).isEqualTo("social-media");
        assertThat(matter.path("reference").asText()).isEqualTo("x:legal-1");
        assertThat(matter.path("summary").asText()).isEqualTo(text);
        assertThat(matter.path("source").path("url").asText()).isEqualTo("https://x.com/annoyed/status/1");
        assertThat(matter.path("source").path("author").asText()).isEqualTo("annoyed");
        assertThat(matter.path("reach").asInt()).isEqualTo(420);
        assertThat(matter.path("matchedRule").asText()).isEqualTo("legal-threats");
        await().atMost(Duration.ofSeconds(10)).until(() -> hub.whereDid("x:legal-1").body(),
                b -> b.contains("\"system\":\"legal-intake\""));
    }

    private static Map<String, String> steps() {
        try {
            Map<String, String> steps = new LinkedHashMap<>();
            Matcher block = BLOCK.matcher(Files.readString(Path.of("docs", "adding-an-http-target.md")));
            while (block.find()) {
                steps.put(block.group(1), block.group(2));
            }
            return steps;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String step(String file) {
        String content = STEPS.get(file);
        assertThat(content).as("docs/adding-an-http-target.md has a block titled " + file).isNotNull();
        return content;
    }

    private static void write(String file) throws IOException {
        Path target = SCRATCH.resolve(file);
        Files.createDirectories(target.getParent());
        Files.writeString(target, step(file));
    }

    private static Map<String, String> flatten(String prefix, JsonNode node) {
        Map<String, String> flat = new LinkedHashMap<>();
        if (node.isObject()) {
            for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> field = it.next();
                flat.putAll(flatten(prefix.isEmpty() ? field.getKey() : prefix + "." + field.getKey(),
                        field.getValue()));
            }
        } else {
            flat.put(prefix, node.asText());
        }
        return flat;
    }
}
