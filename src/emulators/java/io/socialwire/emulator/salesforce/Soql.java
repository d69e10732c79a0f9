package io.socialwire.emulator.salesforce;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The SOQL subset the emulator answers: {@code SELECT f1, f2 FROM Type [WHERE a = 'x' [AND b != 'y' ...]]
 * [ORDER BY f [ASC|DESC]] [LIMIT n]}, with {@code =, !=, <, <=, >, >=, LIKE, IN ('x', 'y')} and string, number,
 * boolean, null and date-time ({@code 2026-12-03T10:00:00Z}) literals; a comparison of date-times compares instants.
 */
final class Soql {

    private static final Pattern QUERY = Pattern.compile(
            "(?is)^\\s*SELECT\\s+(.+?)\\s+FROM\\s+(\\w+)(?:\\s+WHERE\\s+(.+?))?"
                    + "(?:\\s+ORDER\\s+BY\\s+(\\w+)(?:\\s+(ASC|DESC))?)?(?:\\s+LIMIT\\s+(\\d+))?\\s*$");
    private static final Pattern CONDITION = Pattern.compile(
            "(?is)\\s*(\\w+)\\s*(!=|<=|>=|=|<|>|LIKE|IN)\\s*('(?:[^'\\\\]|\\\\.)*'|[\\w.+:-]+|\\(.*\\))\\s*");
    /** SOQL's date-time forms: {@code 2026-12-03T10:00:00Z}, {@code 2026-12-03T10:00:00.000+0000}. */
    private static final java.time.format.DateTimeFormatter DATE_TIME = new java.time.format.DateTimeFormatterBuilder()
            .appendPattern("yyyy-MM-dd'T'HH:mm:ss").optionalStart().appendFraction(java.time.temporal.ChronoField.NANO_OF_SECOND, 0, 9, true)
            .optionalEnd().appendPattern("[XXX][XX][X]").toFormatter();
    private static final Pattern LIST_ITEM = Pattern.compile("'(?:[^'\\\\]|\\\\.)*'");

    private record Condition(String field, String operator, Object value) {
    }

    private final SObjectSchema.Type type;
    private final List<String> fields;
    private final List<Condition> conditions;
    private final String orderBy;
    private final boolean descending;
    private final Integer limit;

    private Soql(SObjectSchema.Type type, List<String> fields, List<Condition> conditions, String orderBy,
                 boolean descending, Integer limit) {
        this.type = type;
        this.fields = fields;
        this.conditions = conditions;
        this.orderBy = orderBy;
        this.descending = descending;
        this.limit = limit;
    }

    static Soql parse(String soql, SObjectSchema schema) {
        Matcher m = QUERY.matcher(soql == null ? "" : soql);
        if (!m.matches()) {
            throw malformed("unexpected token in query: " + soql);
        }
        SObjectSchema.Type type;
        try {
            type = schema.type(m.group(2));
        } catch (SalesforceError e) {
            throw new SalesforceError(400, "INVALID_TYPE", "sObject type '" + m.group(2) + "' is not supported.");
        }
        List<String> fields = new ArrayList<>();
        for (String field : m.group(1).split(",")) {
            fields.add(field(type, field.trim()));
        }
        List<Condition> conditions = new ArrayList<>();
        if (m.group(3) != null) {
            for (String part : conjuncts(m.group(3))) {
                Matcher c = CONDITION.matcher(part);
                if (!c.matches()) {
                    throw malformed("unexpected token in WHERE: " + part.trim());
                }
                conditions.add(new Condition(field(type, c.group(1)), c.group(2).toUpperCase(Locale.ROOT),
                        literal(c.group(3))));
            }
        }
        String orderBy = m.group(4) == null ? null : field(type, m.group(4));
        return new Soql(type, fields, conditions, orderBy, "DESC".equalsIgnoreCase(m.group(5)),
                m.group(6) == null ? null : Integer.parseInt(m.group(6)));
    }

    /** The WHERE clause split at each AND outside quotes and parentheses (a scan: no regex backtracking). */
    private static List<String> conjuncts(String where) {
        List<String> parts = new ArrayList<>();
        boolean quoted = false;
        int depth = 0;
        int start = 0;
        for (int i = 0; i < where.length(); i++) {
            char c = where.charAt(i);
            if (quoted && c == '\\') {
                i++;
            } else if (c == '\'') {
                quoted = !quoted;
            } else if (!quoted && (c == '(' || c == ')')) {
                depth += c == '(' ? 1 : -1;
            } else if (!quoted && depth == 0 && Character.isWhitespace(c) && i + 4 < where.length()
                    && where.regionMatches(true, i + 1, "AND", 0, 3) && Character.isWhitespace(where.charAt(i + 4))) {
                parts.add(where.substring(start, i));
                start = i + 5;
                i += 4;
            }
        }
        parts.add(where.substring(start));
        return parts;
    }

    SObjectSchema.Type type() {
        return type;
    }

    /** Whether a record meets the WHERE clause. */
    boolean matches(Map<String, Object> record) {
        return conditions.stream().allMatch(c -> holds(c, record.get(c.field())));
    }

    List<Map<String, Object>> run(List<Map<String, Object>> records) {
        var stream = records.stream().filter(r -> conditions.stream().allMatch(c -> holds(c, r.get(c.field()))));
        if (orderBy != null) {
            Comparator<Map<String, Object>> order = Comparator.comparing(r -> String.valueOf(r.get(orderBy)));
            stream = stream.sorted(descending ? order.reversed() : order);
        }
        if (limit != null) {
            stream = stream.limit(limit);
        }
        return stream.map(this::project).toList();
    }

    private Map<String, Object> project(Map<String, Object> record) {
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("attributes", Map.of("type", type.name(),
                "url", "/services/data/v56.0/sobjects/" + type.name() + "/" + record.get("Id")));
        for (String field : fields) {
            result.put(field, record.get(field));
        }
        return result;
    }

    private static boolean holds(Condition condition, Object actual) {
        return switch (condition.operator()) {
            case "=" -> same(actual, condition.value());
            case "!=" -> !same(actual, condition.value());
            case "IN" -> ((List<?>) condition.value()).stream().anyMatch(v -> same(actual, v));
            case "<" -> compare(actual, condition.value()) < 0;
            case "<=" -> compare(actual, condition.value()) <= 0;
            case ">" -> compare(actual, condition.value()) > 0;
            case ">=" -> compare(actual, condition.value()) >= 0;
            default -> actual != null && like(actual.toString(), condition.value().toString());
        };
    }

    private static boolean same(Object actual, Object expected) {
        if (actual == null || expected == null) {
            return actual == expected;
        }
        if (expected instanceof String s) {
            return actual.toString().equalsIgnoreCase(s);
        }
        return Objects.equals(actual.toString(), expected.toString());
    }

    /** Date-times as instants, numbers as numbers, else text; a missing value is below every value. */
    private static int compare(Object actual, Object expected) {
        if (actual == null || expected == null) {
            return actual == null ? -1 : 1;
        }
        java.time.Instant a = instant(actual.toString());
        java.time.Instant e = instant(expected.toString());
        if (a != null && e != null) {
            return a.compareTo(e);
        }
        try {
            return new java.math.BigDecimal(actual.toString()).compareTo(new java.math.BigDecimal(expected.toString()));
        } catch (NumberFormatException notNumbers) {
            return actual.toString().compareTo(expected.toString());
        }
    }

    private static java.time.Instant instant(String text) {
        try {
            return java.time.OffsetDateTime.parse(text, DATE_TIME).toInstant();
        } catch (java.time.format.DateTimeParseException e) {
            return null;
        }
    }

    private static boolean like(String actual, String pattern) {
        String regex = Pattern.quote(pattern.toLowerCase(Locale.ROOT)).replace("%", "\\E.*\\Q").replace("_", "\\E.\\Q");
        // % and _ match line breaks too: long text fields hold several lines
        return Pattern.compile(regex, Pattern.DOTALL).matcher(actual.toLowerCase(Locale.ROOT)).matches();
    }

    private static Object literal(String token) {
        if (token.startsWith("(")) {
            List<Object> values = new ArrayList<>();
            Matcher item = LIST_ITEM.matcher(token);
            while (item.find()) {
                values.add(literal(item.group()));
            }
            return values;
        }
        if (token.startsWith("'")) {
            return token.substring(1, token.length() - 1).replaceAll("\\\\(.)", "$1");
        }
        if (token.equalsIgnoreCase("null")) {
            return null;
        }
        if (token.equalsIgnoreCase("true") || token.equalsIgnoreCase("false")) {
            return Boolean.valueOf(token.toLowerCase(Locale.ROOT));
        }
        return token;
    }

    private static String field(SObjectSchema.Type type, String name) {
        return type.field(name).orElseThrow(() -> new SalesforceError(400, "INVALID_FIELD",
                "No such column '" + name + "' on entity '" + type.name() + "'. If you are attempting to use a custom "
                        + "field, be sure to append the '__c' after the custom field name."));
    }

    private static SalesforceError malformed(String message) {
        return new SalesforceError(400, "MALFORMED_QUERY", message);
    }
}
