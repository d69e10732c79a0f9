package io.socialwire.routing;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import org.springframework.core.io.Resource;

/**
 * The labelled posts the classifier learns from: one YAML file per department in a folder
 * (config/routing-examples/), each {@code department: <name>} and {@code examples:} with {@code text},
 * {@code language} and {@code intent}. A file that cannot be used is refused with its file, line and field, as a
 * rules file is.
 */
final class LabelledExamples {

    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory())
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
    private static final Pattern NAME = Pattern.compile("[a-z][a-z0-9-]*");
    private static final Pattern LANGUAGE = Pattern.compile("[a-z]{2}");

    record ExamplesFile(String department, List<Entry> examples) {
    }

    record Entry(String text, String language, String intent) {
    }

    private LabelledExamples() {
    }

    /** Every example of the files ({@code *.yaml} in config/routing-examples/), in file-name order. */
    static List<DepartmentClassifier.Example> load(String location, List<Resource> files) {
        if (files.isEmpty()) {
            throw new RulesException(location + ": no examples (*.yaml) to learn from");
        }
        List<DepartmentClassifier.Example> examples = new ArrayList<>();
        for (Resource file : files) {
            try (InputStream in = file.getInputStream()) {
                examples.addAll(parse(new String(in.readAllBytes(), StandardCharsets.UTF_8), name(file)));
            } catch (IOException e) {
                throw new RulesException(name(file) + ": " + e.getMessage(), e);
            }
        }
        long departments = examples.stream().map(DepartmentClassifier.Example::department).distinct().count();
        if (departments < 2) {
            throw new RulesException(location + ": examples of at least two departments are needed to tell them"
                    + " apart");
        }
        return List.copyOf(examples);
    }

    /** config/routing-examples/sales.yaml, wherever the folder is. */
    static String name(Resource file) {
        return "config/routing-examples/" + file.getFilename();
    }

    /** The examples of one file; {@code source} names it in refusals and in each example's place. */
    static List<DepartmentClassifier.Example> parse(String yaml, String source) {
        ExamplesFile file;
        try {
            file = YAML.readValue(yaml, ExamplesFile.class);
        } catch (JsonMappingException e) {
            throw new RulesException(source + " line " + RoutingRules.line(e, yaml) + " field " + RoutingRules.path(e) + ": "
                    + e.getOriginalMessage().replaceAll(" \\(class [^)]*\\)", ""), e);
        } catch (JsonProcessingException e) {
            throw new RulesException(source + " line " + RoutingRules.line(e, yaml) + ": " + e.getOriginalMessage(), e);
        }
        YamlLines lines = YamlLines.of(yaml);
        if (file == null || file.department() == null || !NAME.matcher(file.department()).matches()) {
            throw new RulesException(source + " " + lines.where("department")
                    + ": department must be a lower-case name such as support, sales, hr, marketing or pr");
        }
        if (file.examples() == null || file.examples().isEmpty()) {
            throw new RulesException(source + " " + lines.where("examples") + ": 'examples' is missing or empty");
        }
        List<DepartmentClassifier.Example> examples = new ArrayList<>();
        for (int i = 0; i < file.examples().size(); i++) {
            Entry entry = file.examples().get(i);
            String path = "examples[" + i + "]";
            if (entry == null || entry.text() == null || entry.text().isBlank()) {
                throw new RulesException(source + " " + lines.where(path + ".text") + ": the example has no text");
            }
            if (entry.language() != null && !LANGUAGE.matcher(entry.language()).matches()) {
                throw new RulesException(source + " " + lines.where(path + ".language")
                        + ": language must be an ISO 639-1 code such as en, de or pt");
            }
            if (entry.intent() != null && !NAME.matcher(entry.intent()).matches()) {
                throw new RulesException(source + " " + lines.where(path + ".intent")
                        + ": intent must be a lower-case name such as complaint or pricing");
            }
            examples.add(new DepartmentClassifier.Example(entry.text(), file.department(),
                    entry.intent() == null ? "unclassified" : entry.intent(), entry.language(),
                    source + " " + lines.where(path).replaceFirst(" field .*", "")));
        }
        return examples;
    }
}
