package io.socialwire.boot;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.env.EnvironmentPostProcessor;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.EnumerablePropertySource;

/**
 * Stops start-up, naming each one, when a setting the hub has no default for is empty: where Kafka and the targets
 * are. {@code socialwire.required-settings} lists them (environment variable: the property it fills); without this
 * check the production hub would start and fail at its first write, or not at all for a target it rarely writes to.
 * An entry whose property is empty is not checked.
 */
class RequiredSettings implements EnvironmentPostProcessor {

    static final String PREFIX = "socialwire.required-settings.";
    private static final Pattern PLACEHOLDER = Pattern.compile("Could not resolve placeholder '([^']+)'");

    @Override
    public void postProcessEnvironment(ConfigurableEnvironment env, SpringApplication application) {
        Map<String, String> required = new LinkedHashMap<>();
        env.getPropertySources().stream()
                .filter(EnumerablePropertySource.class::isInstance)
                .flatMap(source -> Arrays.stream(((EnumerablePropertySource<?>) source).getPropertyNames()))
                .filter(name -> name.startsWith(PREFIX))
                .forEach(name -> required.putIfAbsent(name.substring(PREFIX.length()), env.getProperty(name)));
        List<String> missing = new ArrayList<>();
        required.forEach((setting, property) -> {
            if (property == null || property.isBlank()) {
                return;
            }
            try {
                String value = env.getProperty(property);
                if (value == null || value.isBlank()) {
                    missing.add(setting + " is not set (" + property + ")");
                }
            } catch (IllegalArgumentException unresolvable) {
                Matcher placeholder = PLACEHOLDER.matcher(String.valueOf(unresolvable.getMessage()));
                String needed = placeholder.find() ? placeholder.group(1) : setting;
                missing.add(setting + " is not set (" + property + (needed.equals(setting) ? ")"
                        : "; its default needs " + needed + ", which is not set either)"));
            }
        });
        if (!missing.isEmpty()) {
            throw new MissingSettingsException(missing);
        }
    }

    static final class MissingSettingsException extends IllegalStateException {

        private final List<String> missing;

        MissingSettingsException(List<String> missing) {
            super("Settings without a default are not set: " + String.join("; ", missing));
            this.missing = List.copyOf(missing);
        }

        List<String> missing() {
            return missing;
        }
    }
}
