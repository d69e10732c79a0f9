package io.socialwire.emulator.servicenow;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A ServiceNow encoded query ({@code sysparm_query}): terms joined by {@code ^} (and) or {@code ^OR} (or), with
 * {@code =, !=, >, >=, <, <=, LIKE, NOTLIKE, STARTSWITH, ENDSWITH, ISEMPTY, ISNOTEMPTY, IN} and
 * {@code ORDERBY[DESC]field}. String comparisons ignore case, as they do on a ServiceNow instance. {@code >} and the
 * like compare numbers as numbers and anything else as strings, which orders ServiceNow's date-times
 * ({@code yyyy-MM-dd HH:mm:ss}, also written {@code javascript:gs.dateGenerate('2026-12-03','10:00:00')}); an empty
 * field matches none of them.
 */
final class EncodedQuery {

    private static final Pattern TERM = Pattern.compile(
            "([a-z0-9_.]+)(!=|>=|<=|=|>|<|NOTLIKE|LIKE|STARTSWITH|ENDSWITH|ISNOTEMPTY|ISEMPTY|NOT IN|IN)(.*)", Pattern.DOTALL);

    private static final Pattern DATE_GENERATE = Pattern.compile(
            "javascript:gs\\.dateGenerate\\('([0-9-]+)',\\s*'([0-9:]+)'\\)");

    private final Predicate<Map<String, String>> filter;
    private final Comparator<Map<String, String>> order;

    private EncodedQuery(Predicate<Map<String, String>> filter, Comparator<Map<String, String>> order) {
        this.filter = filter;
        this.order = order;
    }

    static EncodedQuery parse(String query) {
        Predicate<Map<String, String>> all = r -> true;
        Comparator<Map<String, String>> order = null;
        if (query == null || query.isBlank()) {
            return new EncodedQuery(all, null);
        }
        Predicate<Map<String, String>> current = null;
        for (String part : query.split("\\^")) {
            boolean or = part.startsWith("OR") && current != null && TERM.matcher(part.substring(2)).matches();
            String term = or ? part.substring(2) : part;
            if (term.startsWith("ORDERBYDESC")) {
                order = chain(order, byField(term.substring(11)).reversed());
                continue;
            }
            if (term.startsWith("ORDERBY")) {
                order = chain(order, byField(term.substring(7)));
                continue;
            }
            if (term.isEmpty() || term.equals("EQ")) {
                continue;
            }
            Predicate<Map<String, String>> predicate = term(term);
            if (or) {
                current = current.or(predicate);
            } else {
                all = current == null ? all : all.and(current);
                current = predicate;
            }
        }
        if (current != null) {
            all = all.and(current);
        }
        return new EncodedQuery(all, order);
    }

    List<Map<String, String>> apply(List<Map<String, String>> records) {
        List<Map<String, String>> result = new ArrayList<>(records.stream().filter(filter).toList());
        if (order != null) {
            result.sort(order);
        }
        return result;
    }

    private static Predicate<Map<String, String>> term(String term) {
        Matcher m = TERM.matcher(term);
        if (!m.matches()) {
            throw new IllegalArgumentException("Invalid query term: " + term);
        }
        String field = m.group(1);
        String operator = m.group(2);
        String value = dateGenerated(m.group(3)).toLowerCase(Locale.ROOT);
        return record -> {
            String actual = record.getOrDefault(field, "").toLowerCase(Locale.ROOT);
            return switch (operator) {
                case "=" -> actual.equals(value);
                case "!=" -> !actual.equals(value);
                case "LIKE" -> actual.contains(value);
                case "NOTLIKE" -> !actual.contains(value);
                case "STARTSWITH" -> actual.startsWith(value);
                case "ENDSWITH" -> actual.endsWith(value);
                case "ISEMPTY" -> actual.isEmpty();
                case "ISNOTEMPTY" -> !actual.isEmpty();
                case "IN" -> List.of(value.split(",")).contains(actual);
                case "NOT IN" -> !List.of(value.split(",")).contains(actual);
                case ">" -> !actual.isEmpty() && compare(actual, value) > 0;
                case ">=" -> !actual.isEmpty() && compare(actual, value) >= 0;
                case "<" -> !actual.isEmpty() && compare(actual, value) < 0;
                case "<=" -> !actual.isEmpty() && compare(actual, value) <= 0;
                default -> throw new IllegalStateException(operator);
            };
        };
    }

    private static String dateGenerated(String value) {
        Matcher generated = DATE_GENERATE.matcher(value);
        return generated.matches() ? generated.group(1) + " " + generated.group(2) : value;
    }

    private static int compare(String actual, String value) {
        try {
            return new BigDecimal(actual).compareTo(new BigDecimal(value));
        } catch (NumberFormatException notNumbers) {
            return actual.compareTo(value);
        }
    }

    private static Comparator<Map<String, String>> byField(String field) {
        return Comparator.comparing(r -> r.getOrDefault(field, ""));
    }

    private static Comparator<Map<String, String>> chain(Comparator<Map<String, String>> first,
                                                         Comparator<Map<String, String>> next) {
        return first == null ? next : first.thenComparing(next);
    }
}
