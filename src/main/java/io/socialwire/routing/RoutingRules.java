package io.socialwire.routing;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Pattern;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.socialwire.model.Sentiment;
import io.socialwire.model.SocialInteraction;

/**
 * Ordered routing rules from {@code config/routing.yaml}: the first rule whose conditions all hold names the
 * department and priority; when none does, the default applies.
 */
public final class RoutingRules {

    /** A department is a name its route is found by: direct:department-<name>. */
    private static final Pattern DEPARTMENT = Pattern.compile("[a-z][a-z0-9-]*");

    /** VADER's compound score at or below which a post counts as strongly negative. */
    static final double STRONGLY_NEGATIVE = -0.5;

    /** Below this probability the classifier's choice is not taken, unless the file says otherwise. */
    static final double DEFAULT_MIN_CONFIDENCE = 0.5;

    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory())
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    private final List<CompiledRule> rules;
    private final RoutingDecision fallback;
    /** Each department, and where the file first names it: "line 12 field rules[3].department". */
    private final Map<String, String> departments;
    private final ClassifierSettings classifier;

    private RoutingRules(List<CompiledRule> rules, RoutingDecision fallback, Map<String, String> departments,
                         ClassifierSettings classifier) {
        this.rules = rules;
        this.fallback = fallback;
        this.departments = departments;
        this.classifier = classifier;
    }

    record RulesFile(List<Rule> rules, @JsonProperty("default") Rule defaultRule, Classifier classifier) {
    }

    /** How far the classifier is trusted, and the priority of what it routes (the rules file's classifier part). */
    record Classifier(@JsonProperty("min-confidence") Double minConfidence, Map<String, Department> departments) {
    }

    /**
     * {@code intents}: a priority for some of the department's intents (support's complaints before questions);
     * {@code negativePriority}: the priority of a post the sentiment model reads as strongly negative (an angry
     * customer), whatever its intent.
     */
    record Department(Integer priority, @JsonProperty("min-confidence") Double minConfidence,
                      Map<String, Integer> intents, @JsonProperty("negative-priority") Integer negativePriority) {
    }

    /**
     * The classifier's settings: below a department's {@code min-confidence} (the file's, unless the department has
     * its own) its choice is not taken; {@code priority} is the priority of what it routes there (its intent's when
     * the department gives one, the default's when it gives none).
     */
    public record ClassifierSettings(double minConfidence, Map<String, Department> departments, int fallbackPriority) {

        double minConfidence(String department) {
            Department own = departments.get(department);
            return own != null && own.minConfidence() != null ? own.minConfidence() : minConfidence;
        }

        int priority(String department, String intent, Sentiment sentiment) {
            Department own = departments.get(department);
            if (own == null) {
                return fallbackPriority;
            }
            int priority = own.priority() != null ? own.priority() : fallbackPriority;
            if (own.intents() != null && own.intents().containsKey(intent)) {
                priority = own.intents().get(intent);
            }
            boolean angry = sentiment != null && sentiment.score() != null && sentiment.score() <= STRONGLY_NEGATIVE;
            return angry && own.negativePriority() != null ? Math.min(priority, own.negativePriority()) : priority;
        }
    }

    record Rule(String name, String description, String department, Integer priority, String intent,
                Condition when) {
    }

    private record CompiledRule(Rule rule, Condition.Compiled condition) {
    }

    public static RoutingRules load(InputStream yaml, String source) {
        String text = "";
        RulesFile file;
        try {
            text = new String(yaml.readAllBytes(), StandardCharsets.UTF_8);
            file = YAML.readValue(text, RulesFile.class);
        } catch (JsonMappingException e) {
            throw new RulesException(source + " line " + line(e, text) + " field " + path(e) + ": "
                    + e.getOriginalMessage().replaceAll(" \\(class [^)]*\\)", ""), e);
        } catch (JsonProcessingException e) {
            throw new RulesException(source + " line " + line(e, text) + ": " + e.getOriginalMessage(), e);
        } catch (IOException e) {
            throw new RulesException(source + ": " + e.getMessage(), e);
        }
        if (file == null || file.rules() == null) {
            throw new RulesException(source + ": 'rules' is missing");
        }
        if (file.defaultRule() == null) {
            throw new RulesException(source + ": 'default' is missing");
        }
        YamlLines lines = YamlLines.of(text);
        Refusal refuse = (field, message) -> new RulesException(source + " " + lines.where(field) + ": " + message);
        List<CompiledRule> compiled = new ArrayList<>();
        Set<String> names = new HashSet<>();
        Map<String, String> departments = new TreeMap<>();
        for (int i = 0; i < file.rules().size(); i++) {
            Rule rule = file.rules().get(i);
            String path = "rules[" + i + "]";
            if (rule == null) {
                throw refuse.at(path, "the rule is empty");
            }
            String name = rule.name();
            if (name == null || name.isBlank()) {
                throw refuse.at(path + ".name", "the rule has no name");
            }
            if (!names.add(name)) {
                throw refuse.at(path + ".name", "rule name '" + name + "' is used twice");
            }
            validate(refuse, path, "rule '" + name + "'", rule);
            if (rule.when() == null) {
                throw refuse.at(path + ".when", "rule '" + name + "': 'when' is missing");
            }
            try {
                compiled.add(new CompiledRule(rule, rule.when().compile(name)));
            } catch (RulesException e) {
                throw refuse.at(e.field() == null ? path : path + "." + e.field(), e.getMessage());
            }
            departments.putIfAbsent(rule.department(), lines.where(path + ".department"));
        }
        Rule d = file.defaultRule();
        validate(refuse, "default", "default", d);
        departments.putIfAbsent(d.department(), lines.where("default.department"));
        return new RoutingRules(List.copyOf(compiled), new RoutingDecision(d.department(), d.priority(), d.intent(),
                d.name() != null ? d.name() : "default"), Collections.unmodifiableMap(departments),
                classifier(file.classifier(), d.priority(), refuse));
    }

    private static ClassifierSettings classifier(Classifier given, int fallbackPriority, Refusal refuse) {
        if (given == null) {
            return new ClassifierSettings(DEFAULT_MIN_CONFIDENCE, Map.of(), fallbackPriority);
        }
        double min = given.minConfidence() == null ? DEFAULT_MIN_CONFIDENCE : given.minConfidence();
        checkConfidence(refuse, "classifier.min-confidence", min);
        Map<String, Department> each = given.departments() == null ? Map.of() : Map.copyOf(given.departments());
        each.forEach((department, setting) -> {
            String path = "classifier.departments." + department;
            if (setting == null) {
                throw refuse.at(path, "department '" + department + "' has no settings");
            }
            if (setting.priority() != null && (setting.priority() < 1 || setting.priority() > 5)) {
                throw refuse.at(path + ".priority", "priority must be 1 (highest) to 5");
            }
            if (setting.minConfidence() != null) {
                checkConfidence(refuse, path + ".min-confidence", setting.minConfidence());
            }
            if (setting.negativePriority() != null
                    && (setting.negativePriority() < 1 || setting.negativePriority() > 5)) {
                throw refuse.at(path + ".negative-priority", "priority must be 1 (highest) to 5");
            }
            if (setting.intents() != null) {
                setting.intents().forEach((intent, priority) -> {
                    if (priority == null || priority < 1 || priority > 5) {
                        throw refuse.at(path + ".intents." + intent, "priority must be 1 (highest) to 5");
                    }
                });
            }
        });
        return new ClassifierSettings(min, each, fallbackPriority);
    }

    private static void checkConfidence(Refusal refuse, String path, double confidence) {
        if (confidence < 0 || confidence > 1) {
            throw refuse.at(path, "min-confidence must be a probability from 0 to 1");
        }
    }

    /** A refusal of the field at a path, located in the file. */
    private interface Refusal {
        RulesException at(String field, String message);
    }

    /**
     * Jackson reports an unknown field of a record where the record ends; the field's own line is the last line at
     * or before that which names it.
     */
    static int line(JsonProcessingException e, String text) {
        int reported = e.getLocation() == null ? 0 : e.getLocation().getLineNr();
        if (e instanceof UnrecognizedPropertyException unknown) {
            String[] lines = text.split("\n", -1);
            Pattern key = Pattern.compile("^[\\s-]*" + Pattern.quote(unknown.getPropertyName()) + "\\s*:");
            for (int i = Math.min(reported, lines.length) - 1; i >= 0; i--) {
                if (key.matcher(lines[i]).find()) {
                    return i + 1;
                }
            }
        }
        return reported;
    }

    /** The field's path as a person writes it: rules[0].when.keywords. */
    static String path(JsonMappingException e) {
        StringBuilder path = new StringBuilder();
        for (JsonMappingException.Reference ref : e.getPath()) {
            if (ref.getFieldName() != null) {
                path.append(path.isEmpty() ? "" : ".").append(ref.getFieldName());
            } else if (ref.getIndex() >= 0) {
                path.append('[').append(ref.getIndex()).append(']');
            }
        }
        return path.toString();
    }

    private static void validate(Refusal refuse, String path, String rule, Rule fields) {
        if (fields.department() == null || !DEPARTMENT.matcher(fields.department()).matches()) {
            throw refuse.at(path + ".department", rule + ": department must be a lower-case name such as"
                    + " support, sales, hr, marketing or pr");
        }
        if (fields.priority() == null || fields.priority() < 1 || fields.priority() > 5) {
            throw refuse.at(path + ".priority", rule + ": priority must be 1 (highest) to 5");
        }
    }

    public RoutingDecision decide(SocialInteraction interaction, Sentiment sentiment) {
        return explain(interaction, sentiment, Instant.now()).decision();
    }

    /**
     * The decision and why: the first rule whose conditions all hold, with those conditions; or the default.
     * {@code now} stands in for the post's time when it has none.
     */
    public Explanation explain(SocialInteraction interaction, Sentiment sentiment, Instant now) {
        return held(interaction, sentiment, now).orElse(new Explanation(fallback, List.of()));
    }

    /** The first rule whose conditions all hold, with those conditions; empty when none does. */
    public Optional<Explanation> held(SocialInteraction interaction, Sentiment sentiment, Instant now) {
        for (CompiledRule candidate : rules) {
            Optional<List<String>> held = candidate.condition().explain(interaction, sentiment, now);
            if (held.isPresent()) {
                Rule rule = candidate.rule();
                return Optional.of(new Explanation(new RoutingDecision(rule.department(), rule.priority(),
                        rule.intent(), rule.name()), held.get()));
            }
        }
        return Optional.empty();
    }

    /** Where an interaction goes when no rule holds and the classifier is not sure enough (or absent). */
    public RoutingDecision fallback() {
        return fallback;
    }

    public ClassifierSettings classifier() {
        return classifier;
    }

    /** A decision and the conditions of its rule that held. */
    public record Explanation(RoutingDecision decision, List<String> conditions) {
    }

    /** Every department a rule or the default names. */
    public Set<String> departments() {
        return departments.keySet();
    }

    /** Where the file first names a department: "line 12 field rules[3].department". */
    public String whereNamed(String department) {
        return departments.get(department);
    }

    public List<String> ruleNames() {
        return rules.stream().map(r -> r.rule().name()).toList();
    }

    public int size() {
        return rules.size();
    }
}
