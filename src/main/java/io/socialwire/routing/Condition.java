package io.socialwire.routing;

import java.time.DateTimeException;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeParseException;
import java.time.format.TextStyle;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

import io.socialwire.model.Author;
import io.socialwire.model.Sentiment;
import io.socialwire.model.SocialInteraction;

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
        Range sentiment,
        Reach followers,
        Boolean verified,
        TimeWindow time) {

    public record Keywords(List<String> any, List<String> all) {
    }

    /** Inclusive bounds on the VADER compound score; an interaction whose sentiment is unknown never matches. */
    public record Range(Double min, Double max) {
    }

    /** Inclusive bounds on the author's followers; an author whose reach is unknown never matches. */
    public record Reach(Long min, Long max) {
    }

    /**
     * When the post was written, on a wall clock: {@code days} (mon..sun), {@code from} and {@code to} (HH:mm, to
     * exclusive; a window may cross midnight), {@code zone} (an IANA zone, UTC when unset). {@code outside: true}
     * holds outside the window instead (after hours).
     */
    public record TimeWindow(List<String> days, String from, String to, String zone, Boolean outside) {
    }

    /** One condition of a compiled rule: a description of why it held, or empty when it did not. */
    interface Check {
        Optional<String> held(SocialInteraction interaction, Sentiment sentiment, Instant now);
    }

    Compiled compile(String ruleName) {
        List<Check> checks = new ArrayList<>();
        if (keywords != null && keywords.any() != null && !keywords.any().isEmpty()) {
            List<Word> any = keywords.any().stream().map(Word::of).toList();
            checks.add((i, s, now) -> {
                String text = lowered(i);
                return any.stream().filter(w -> w.in(text)).findFirst()
                        .map(w -> "keywords.any: \"" + w.word() + "\"");
            });
        }
        if (keywords != null && keywords.all() != null && !keywords.all().isEmpty()) {
            List<Word> all = keywords.all().stream().map(Word::of).toList();
            checks.add((i, s, now) -> {
                String text = lowered(i);
                return all.stream().allMatch(w -> w.in(text))
                        ? Optional.of("keywords.all: " + keywords.all()) : Optional.empty();
            });
        }
        if (regex != null) {
            Pattern pattern = compileRegex(ruleName);
            checks.add((i, s, now) -> {
                Matcher m = pattern.matcher(i.text() == null ? "" : i.text());
                return m.find() ? Optional.of("regex: \"" + m.group() + "\"") : Optional.empty();
            });
        }
        addListCheck(checks, "channels", channels, SocialInteraction::channel);
        addListCheck(checks, "kinds", kinds, SocialInteraction::kind);
        addListCheck(checks, "languages", languages, SocialInteraction::language);
        if (sentiment != null) {
            if (sentiment.min() != null && sentiment.max() != null && sentiment.min() > sentiment.max()) {
                throw RulesException.at("when.sentiment.min",
                        "rule '" + ruleName + "': when.sentiment.min is greater than max");
            }
            checks.add((i, s, now) -> s != null && s.isKnown() && within(s.score(), sentiment.min(), sentiment.max())
                    ? Optional.of(String.format(Locale.ROOT, "sentiment: %+.2f within %s", s.score(),
                            bounds(sentiment.min(), sentiment.max())))
                    : Optional.empty());
        }
        if (followers != null) {
            if (followers.min() != null && followers.max() != null && followers.min() > followers.max()) {
                throw RulesException.at("when.followers.min",
                        "rule '" + ruleName + "': when.followers.min is greater than max");
            }
            checks.add((i, s, now) -> {
                Long reach = i.author() == null ? null : i.author().followers();
                return reach != null && within(reach.doubleValue(), toDouble(followers.min()),
                        toDouble(followers.max()))
                        ? Optional.of("followers: " + reach + " within " + bounds(followers.min(), followers.max()))
                        : Optional.empty();
            });
        }
        if (verified != null) {
            checks.add((i, s, now) -> {
                Author author = i.author();
                boolean isVerified = author != null && Boolean.TRUE.equals(author.verified());
                return isVerified == verified ? Optional.of("verified: " + isVerified) : Optional.empty();
            });
        }
        if (time != null) {
            checks.add(compileTime(ruleName));
        }
        return new Compiled(List.copyOf(checks));
    }

    private Pattern compileRegex(String ruleName) {
        try {
            return Pattern.compile(regex, Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE);
        } catch (PatternSyntaxException e) {
            throw RulesException.at("when.regex", "rule '" + ruleName
                    + "': when.regex is not a valid regular expression: " + e.getDescription());
        }
    }

    private Check compileTime(String ruleName) {
        String field = "rule '" + ruleName + "': when.time.";
        ZoneId zone;
        try {
            zone = ZoneId.of(time.zone() == null ? "UTC" : time.zone());
        } catch (DateTimeException e) {
            throw RulesException.at("when.time.zone",
                    field + "zone '" + time.zone() + "' is not a time zone (e.g. Europe/Berlin)");
        }
        LocalTime from = time.from() == null ? LocalTime.MIN : timeOfDay(field, "from", time.from());
        LocalTime to = time.to() == null ? LocalTime.MAX : timeOfDay(field, "to", time.to());
        Set<DayOfWeek> days = EnumSet.noneOf(DayOfWeek.class);
        List<String> dayNames = time.days() == null ? List.of() : time.days();
        for (int i = 0; i < dayNames.size(); i++) {
            days.add(day(field, i, dayNames.get(i)));
        }
        boolean outside = Boolean.TRUE.equals(time.outside());
        String window = (days.isEmpty() ? "every day" : days.stream().map(d -> abbreviation(d)).toList().toString())
                + " " + from + "-" + to + " " + zone;
        return (i, s, now) -> {
            ZonedDateTime local = (i.createdAt() != null ? i.createdAt() : now).atZone(zone);
            LocalTime clock = local.toLocalTime();
            boolean inHours = from.isBefore(to) ? !clock.isBefore(from) && clock.isBefore(to)
                    : !clock.isBefore(from) || clock.isBefore(to);
            boolean inside = (days.isEmpty() || days.contains(local.getDayOfWeek())) && inHours;
            String when = abbreviation(local.getDayOfWeek()) + " " + clock.withNano(0).withSecond(0);
            return inside != outside
                    ? Optional.of("time: posted " + when + (inside ? " within " : " outside ") + window)
                    : Optional.empty();
        };
    }

    private static LocalTime timeOfDay(String field, String name, String value) {
        try {
            return LocalTime.parse(value);
        } catch (DateTimeParseException e) {
            throw RulesException.at("when.time." + name,
                    field + "from and to must be times of day, HH:mm: '" + e.getParsedString() + "'");
        }
    }

    private static DayOfWeek day(String field, int index, String day) {
        for (DayOfWeek candidate : DayOfWeek.values()) {
            if (abbreviation(candidate).equalsIgnoreCase(day) || candidate.name().equalsIgnoreCase(day)) {
                return candidate;
            }
        }
        throw RulesException.at("when.time.days[" + index + "]",
                field + "days: '" + day + "' is not a day (mon, tue, wed, thu, fri, sat, sun)");
    }

    private static String abbreviation(DayOfWeek day) {
        return day.getDisplayName(TextStyle.SHORT, Locale.ROOT).toLowerCase(Locale.ROOT);
    }

    private static void addListCheck(List<Check> checks, String name, List<String> allowed,
                                     java.util.function.Function<SocialInteraction, String> field) {
        if (allowed == null || allowed.isEmpty()) {
            return;
        }
        List<String> lower = allowed.stream().map(v -> v.toLowerCase(Locale.ROOT)).toList();
        checks.add((i, s, now) -> {
            String value = field.apply(i);
            return value != null && lower.contains(value.toLowerCase(Locale.ROOT))
                    ? Optional.of(name + ": " + value) : Optional.empty();
        });
    }

    /** A keyword, matched as a whole word; the regex runs only where the text contains it at all. */
    private record Word(String word, Pattern pattern) {

        static Word of(String keyword) {
            String word = keyword.toLowerCase(Locale.ROOT);
            return new Word(word, Pattern.compile("(?<![\\p{L}\\p{N}])" + Pattern.quote(word)
                    + "(?![\\p{L}\\p{N}])"));
        }

        boolean in(String loweredText) {
            return loweredText.contains(word) && pattern.matcher(loweredText).find();
        }
    }

    private static String lowered(SocialInteraction interaction) {
        return interaction.text() == null ? "" : interaction.text().toLowerCase(Locale.ROOT);
    }

    private static boolean within(double value, Double min, Double max) {
        return (min == null || value >= min) && (max == null || value <= max);
    }

    private static Double toDouble(Long value) {
        return value == null ? null : value.doubleValue();
    }

    private static String bounds(Object min, Object max) {
        return "[" + (min == null ? "" : "min " + min) + (min != null && max != null ? ", " : "")
                + (max == null ? "" : "max " + max) + "]";
    }

    /** A rule's conditions, ready to test. */
    record Compiled(List<Check> checks) {

        /** Why the conditions hold, one line each; empty when one does not (a rule without conditions holds). */
        Optional<List<String>> explain(SocialInteraction interaction, Sentiment sentiment, Instant now) {
            List<String> reasons = new ArrayList<>();
            for (Check check : checks) {
                Optional<String> held = check.held(interaction, sentiment, now);
                if (held.isEmpty()) {
                    return Optional.empty();
                }
                reasons.add(held.get());
            }
            return Optional.of(reasons);
        }
    }
}
