package io.socialwire.routing;

import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

import io.socialwire.model.SocialInteraction;
import io.socialwire.model.Sentiment;

/**
 * The {@code when} block of a rule. Every condition that is set must hold; unset ones are ignored. Keywords and
 * phrases match whole words, case-insensitively, in any script.
 */
public record Condition(
        Keywords keywords,
        String regex,
        List<String> channels,
        List<String> kinds,
        List<String> languages,
        Range sentiment) {

    public record Keywords(List<String> any, List<String> all) {
    }

    /** Inclusive bounds on the VADER compound score; an interaction whose sentiment is unknown never matches. */
    public record Range(Double min, Double max) {
    }

    Compiled compile(String ruleName) {
        Pattern pattern = null;
        if (regex != null) {
            try {
                pattern = Pattern.compile(regex, Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE);
            } catch (PatternSyntaxException e) {
                throw new RulesException("rule '" + ruleName + "': when.regex is not a valid regular expression: "
                        + e.getDescription());
            }
        }
        if (sentiment != null && sentiment.min() != null && sentiment.max() != null
                && sentiment.min() > sentiment.max()) {
            throw new RulesException("rule '" + ruleName + "': when.sentiment.min is greater than max");
        }
        List<Pattern> any = keywords == null || keywords.any() == null ? List.of()
                : keywords.any().stream().map(Condition::wordPattern).toList();
        List<Pattern> all = keywords == null || keywords.all() == null ? List.of()
                : keywords.all().stream().map(Condition::wordPattern).toList();
        return new Compiled(any, all, pattern, lower(channels), lower(kinds), lower(languages), sentiment);
    }

    private static Pattern wordPattern(String keyword) {
        return Pattern.compile("(?<![\\p{L}\\p{N}])" + Pattern.quote(keyword.toLowerCase(Locale.ROOT))
                + "(?![\\p{L}\\p{N}])");
    }

    private static List<String> lower(List<String> values) {
        return values == null ? List.of() : values.stream().map(v -> v.toLowerCase(Locale.ROOT)).toList();
    }

    record Compiled(List<Pattern> any, List<Pattern> all, Pattern regex, List<String> channels, List<String> kinds,
                    List<String> languages, Range sentiment) {

        boolean matches(SocialInteraction interaction, Sentiment score) {
            String text = interaction.text() == null ? "" : interaction.text();
            String lowered = text.toLowerCase(Locale.ROOT);
            return (any.isEmpty() || any.stream().anyMatch(p -> p.matcher(lowered).find()))
                    && all.stream().allMatch(p -> p.matcher(lowered).find())
                    && (regex == null || regex.matcher(text).find())
                    && in(channels, interaction.channel())
                    && in(kinds, interaction.kind())
                    && in(languages, interaction.language())
                    && inRange(score);
        }

        private static boolean in(List<String> allowed, String value) {
            return allowed.isEmpty() || (value != null && allowed.contains(value.toLowerCase(Locale.ROOT)));
        }

        private boolean inRange(Sentiment score) {
            if (sentiment == null) {
                return true;
            }
            if (score == null || !score.isKnown()) {
                return false;
            }
            return (sentiment.min() == null || score.score() >= sentiment.min())
                    && (sentiment.max() == null || score.score() <= sentiment.max());
        }
    }
}
