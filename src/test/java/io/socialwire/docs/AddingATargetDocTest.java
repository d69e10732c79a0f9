package io.socialwire.docs;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

/**
 * docs/adding-a-target.md shows the Jira target as it is built: every block titled with a file is found in that
 * file, line by line and in order (a block may leave out lines between, as an excerpt of config/application.yaml
 * does). JiraTargetIT then runs what the page describes.
 */
class AddingATargetDocTest {

    private static final Pattern BLOCK = Pattern.compile("```(?:yaml|json) title=\"([^\"]+)\"\\n(.*?)```",
            Pattern.DOTALL);

    @Test
    void everyFileThePageShowsIsTheFileAsBuilt() throws IOException {
        Matcher block = BLOCK.matcher(Files.readString(Path.of("docs", "adding-a-target.md")));
        List<String> shown = new ArrayList<>();
        while (block.find()) {
            String file = block.group(1);
            shown.add(file);
            List<String> lines = Files.readAllLines(Path.of(file));
            int at = 0;
            for (String line : block.group(2).split("\n")) {
                if (line.isBlank()) {
                    continue;
                }
                while (at < lines.size() && !lines.get(at).equals(line)) {
                    at++;
                }
                assertThat(at).as("docs/adding-a-target.md shows in " + file + " the line: " + line)
                        .isLessThan(lines.size());
                at++;
            }
        }
        assertThat(shown).contains("config/application.yaml", "routes/kamelets/jira-issue-sink.kamelet.yaml",
                "config/templates/jira-issue.json", "routes/departments/product.camel.yaml", "config/routing.yaml");
    }
}
