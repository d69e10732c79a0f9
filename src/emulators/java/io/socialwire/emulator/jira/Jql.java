package io.socialwire.emulator.jira;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.function.Predicate;
import java.util.regex.Pattern;

/**
 * The part of JQL the emulator understands: clauses on project, key, id, issuetype, status, priority and labels
 * ({@code = != in (..) not in (..) is empty is not empty}), text clauses on summary, description, comment and text
 * ({@code ~ !~}), date clauses on created and updated ({@code = != > >= < <=} with {@code "yyyy-MM-dd HH:mm"},
 * {@code "yyyy/MM/dd HH:mm"}, {@code "yyyy-MM-dd"} or {@code "yyyy/MM/dd"}, in the user's time zone: UTC here, to
 * the minute as on Jira), combined with AND, OR, NOT and parentheses, then {@code ORDER BY} created, updated, key, id,
 * priority, summary or status. Values outside the site (an unknown project, issue type or issue key) and fields or
 * operators it does not know are refused with Jira's messages, so a query that works here is valid JQL on a site.
 */
final class Jql {

    /** What a query can ask of the site, to check values as Jira does. */
    interface Site {
        boolean hasProject(String key);

        boolean hasIssueType(String name);

        boolean hasIssue(String idOrKey);
    }

    record Order(String field, boolean ascending) {
    }

    private enum Kind { LIST, TEXT, DATE }

    private static final Set<String> LIST_FIELDS = Set.of("project", "key", "issuekey", "id", "issuetype", "type",
            "status", "priority", "labels");
    private static final Set<String> TEXT_FIELDS = Set.of("summary", "description", "comment", "text");
    private static final Set<String> DATE_FIELDS = Set.of("created", "updated");
    private static final List<DateTimeFormatter> DATE_TIMES = List.of(
            DateTimeFormatter.ofPattern("uuuu-MM-dd HH:mm"), DateTimeFormatter.ofPattern("uuuu/MM/dd HH:mm"));
    private static final List<DateTimeFormatter> DATES = List.of(
            DateTimeFormatter.ofPattern("uuuu-MM-dd"), DateTimeFormatter.ofPattern("uuuu/MM/dd"));
    private static final Set<String> ORDER_FIELDS = Set.of("created", "updated", "key", "issuekey", "id",
            "priority", "summary", "status");
    /** Characters JQL reserves: outside quotes they are an error. */
    private static final String RESERVED = "+.;?|*/%^$#@[]";
    private static final Pattern WORD = Pattern.compile("[^\\p{L}\\p{N}*?]+");

    private final Predicate<JiraSite.Issue> where;
    private final List<Order> orderBy;

    private Jql(Predicate<JiraSite.Issue> where, List<Order> orderBy) {
        this.where = where;
        this.orderBy = orderBy;
    }

    /** True when the query restricts nothing, which the enhanced search refuses. */
    boolean unbounded() {
        return where == null;
    }

    List<Order> orderBy() {
        return orderBy;
    }

    boolean matches(JiraSite.Issue issue) {
        return where == null || where.test(issue);
    }

    /** Without ORDER BY, newest first. */
    Comparator<JiraSite.Issue> comparator() {
        Comparator<JiraSite.Issue> result = null;
        for (Order order : orderBy) {
            Comparator<JiraSite.Issue> one = switch (order.field()) {
                case "created" -> Comparator.comparing((JiraSite.Issue i) -> i.created);
                case "updated" -> Comparator.comparing((JiraSite.Issue i) -> i.updated);
                case "key", "issuekey" -> Comparator.comparing((JiraSite.Issue i) -> i.project)
                        .thenComparingInt(JiraSite.Issue::number);
                case "priority" -> Comparator.comparingInt((JiraSite.Issue i) -> -JiraSite.PRIORITIES.indexOf(i.priority));
                case "summary" -> Comparator.comparing((JiraSite.Issue i) -> i.summary.toLowerCase(Locale.ROOT));
                case "status" -> Comparator.comparingInt((JiraSite.Issue i) -> JiraSite.STATUSES.indexOf(i.status));
                default -> Comparator.comparingLong((JiraSite.Issue i) -> i.id);
            };
            one = order.ascending() ? one : one.reversed();
            result = result == null ? one : result.thenComparing(one);
        }
        Comparator<JiraSite.Issue> newestFirst = Comparator.comparingLong((JiraSite.Issue i) -> i.id).reversed();
        return result == null ? newestFirst : result.thenComparing(newestFirst);
    }

    /** Parses a query; an invalid one is Jira's 400 with its message. */
    static Jql parse(String text, Site site) {
        return new Parser(Tokens.of(text == null ? "" : text), site).query();
    }

    private record Token(String text, boolean quoted) {
        boolean is(String keyword) {
            return !quoted && text.equalsIgnoreCase(keyword);
        }
    }

    private static final class Tokens {
        private final List<Token> tokens;
        private int next;

        private Tokens(List<Token> tokens) {
            this.tokens = tokens;
        }

        static Tokens of(String text) {
            List<Token> tokens = new ArrayList<>();
            int i = 0;
            while (i < text.length()) {
                char c = text.charAt(i);
                if (Character.isWhitespace(c)) {
                    i++;
                } else if (c == '"' || c == '\'') {
                    StringBuilder value = new StringBuilder();
                    int j = i + 1;
                    while (j < text.length() && text.charAt(j) != c) {
                        if (text.charAt(j) == '\\' && j + 1 < text.length()) {
                            j++;
                        }
                        value.append(text.charAt(j++));
                    }
                    if (j >= text.length()) {
                        throw invalid("The quoted string starting at character " + (i + 1) + " is not closed.");
                    }
                    tokens.add(new Token(value.toString(), true));
                    i = j + 1;
                } else if ("(),".indexOf(c) >= 0) {
                    tokens.add(new Token(String.valueOf(c), false));
                    i++;
                } else if ("=!~<>".indexOf(c) >= 0) {
                    int j = i + 1;
                    if (j < text.length() && (text.charAt(j) == '=' || text.charAt(j) == '~') && c != '=' && c != '~') {
                        j++;
                    }
                    tokens.add(new Token(text.substring(i, j), false));
                    i = j;
                } else {
                    int j = i;
                    while (j < text.length() && !Character.isWhitespace(text.charAt(j))
                            && "(),=!~<>\"'".indexOf(text.charAt(j)) < 0) {
                        if (RESERVED.indexOf(text.charAt(j)) >= 0) {
                            throw invalid("Error in the JQL Query: The character '" + text.charAt(j)
                                    + "' is a reserved JQL character. You must enclose it in a string or use the "
                                    + "escape '\\u" + String.format("%04x", (int) text.charAt(j))
                                    + "' instead. (line 1, character " + (j + 1) + ")");
                        }
                        j++;
                    }
                    tokens.add(new Token(text.substring(i, j), false));
                    i = j;
                }
            }
            return new Tokens(tokens);
        }

        Token peek() {
            return next < tokens.size() ? tokens.get(next) : null;
        }

        boolean peekIs(String keyword) {
            return peek() != null && peek().is(keyword);
        }

        Token take(String expected) {
            Token token = peek();
            if (token == null) {
                throw invalid("Error in the JQL Query: Expecting " + expected + " but reached the end of the query.");
            }
            next++;
            return token;
        }

        void expect(String keyword) {
            Token token = take("'" + keyword + "'");
            if (!token.is(keyword)) {
                throw invalid("Error in the JQL Query: Expecting '" + keyword + "' but got '" + token.text() + "'.");
            }
        }
    }

    private static final class Parser {
        private final Tokens tokens;
        private final Site site;

        Parser(Tokens tokens, Site site) {
            this.tokens = tokens;
            this.site = site;
        }

        Jql query() {
            Predicate<JiraSite.Issue> where = tokens.peek() == null || tokens.peekIs("order") ? null : or();
            List<Order> orderBy = new ArrayList<>();
            if (tokens.peekIs("order")) {
                tokens.expect("order");
                tokens.expect("by");
                do {
                    String field = tokens.take("a field name").text().toLowerCase(Locale.ROOT);
                    if (!ORDER_FIELDS.contains(field)) {
                        throw unknownField(field);
                    }
                    boolean ascending = true;
                    if (tokens.peekIs("asc") || tokens.peekIs("desc")) {
                        ascending = tokens.take("ASC or DESC").is("asc");
                    }
                    orderBy.add(new Order(field, ascending));
                } while (skip(","));
            }
            if (tokens.peek() != null) {
                throw invalid("Error in the JQL Query: Expecting either 'OR' or 'AND' but got '"
                        + tokens.peek().text() + "'.");
            }
            return new Jql(where, List.copyOf(orderBy));
        }

        private boolean skip(String text) {
            if (tokens.peekIs(text)) {
                tokens.next++;
                return true;
            }
            return false;
        }

        private Predicate<JiraSite.Issue> or() {
            Predicate<JiraSite.Issue> result = and();
            while (skip("or")) {
                result = result.or(and());
            }
            return result;
        }

        private Predicate<JiraSite.Issue> and() {
            Predicate<JiraSite.Issue> result = not();
            while (skip("and")) {
                result = result.and(not());
            }
            return result;
        }

        private Predicate<JiraSite.Issue> not() {
            if (skip("not")) {
                return not().negate();
            }
            if (skip("(")) {
                Predicate<JiraSite.Issue> inner = or();
                tokens.expect(")");
                return inner;
            }
            return clause();
        }

        private Predicate<JiraSite.Issue> clause() {
            Token fieldToken = tokens.take("a field name");
            String field = fieldToken.text().toLowerCase(Locale.ROOT);
            Kind kind = LIST_FIELDS.contains(field) ? Kind.LIST : TEXT_FIELDS.contains(field) ? Kind.TEXT
                    : DATE_FIELDS.contains(field) ? Kind.DATE : null;
            if (kind == null) {
                throw unknownField(fieldToken.text());
            }
            String operator = tokens.take("an operator").text().toLowerCase(Locale.ROOT);
            if (operator.equals("not") || operator.equals("is")) {
                if (operator.equals("not")) {
                    tokens.expect("in");
                    operator = "not in";
                } else if (skip("not")) {
                    operator = "is not";
                }
            }
            boolean allowed = switch (kind) {
                case LIST -> Set.of("=", "!=", "in", "not in", "is", "is not").contains(operator);
                case TEXT -> Set.of("~", "!~", "is", "is not").contains(operator);
                case DATE -> Set.of("=", "!=", ">", ">=", "<", "<=").contains(operator);
            };
            if (!allowed) {
                throw invalid("The operator '" + operator + "' is not supported by the '" + fieldToken.text()
                        + "' field.");
            }
            if (kind == Kind.DATE) {
                return dateClause(field, fieldToken.text(), operator, tokens.take("a date").text());
            }
            if (operator.startsWith("is")) {
                Token value = tokens.take("EMPTY");
                if (!value.is("empty") && !value.is("null")) {
                    throw invalid("Error in the JQL Query: Expecting 'EMPTY' or 'NULL' but got '" + value.text() + "'.");
                }
                Predicate<JiraSite.Issue> empty = issue -> values(field, issue).stream().allMatch(String::isEmpty);
                return operator.equals("is") ? empty : empty.negate();
            }
            List<String> values = new ArrayList<>();
            if (operator.endsWith("in")) {
                tokens.expect("(");
                do {
                    values.add(tokens.take("a value").text());
                } while (skip(","));
                tokens.expect(")");
            } else {
                values.add(tokens.take("a value").text());
            }
            values.forEach(v -> check(field, v));
            Predicate<JiraSite.Issue> test = kind == Kind.TEXT
                    ? issue -> containsTerms(String.join("\n", values(field, issue)), values.get(0))
                    : issue -> values(field, issue).stream()
                            .anyMatch(have -> values.stream().anyMatch(want -> same(field, have, want)));
            return operator.startsWith("!") || operator.startsWith("not") ? test.negate() : test;
        }

        private static Predicate<JiraSite.Issue> dateClause(String field, String name, String operator,
                                                            String value) {
            Instant at = instant(value, name);
            return issue -> {
                int order = (field.equals("created") ? issue.created : issue.updated).compareTo(at);
                return switch (operator) {
                    case "=" -> order == 0;
                    case "!=" -> order != 0;
                    case ">" -> order > 0;
                    case ">=" -> order >= 0;
                    case "<" -> order < 0;
                    default -> order <= 0;
                };
            };
        }

        private void check(String field, String value) {
            boolean exists = switch (field) {
                case "project" -> site.hasProject(value);
                case "issuetype", "type" -> site.hasIssueType(value);
                case "key", "issuekey", "id" -> site.hasIssue(value);
                case "status" -> JiraSite.STATUSES.stream().anyMatch(s -> s.equalsIgnoreCase(value));
                case "priority" -> JiraSite.PRIORITIES.stream().anyMatch(p -> p.equalsIgnoreCase(value));
                default -> true;
            };
            if (!exists) {
                throw invalid(field.equals("key") || field.equals("issuekey") || field.equals("id")
                        ? "An issue with key '" + value + "' does not exist for field '" + field + "'."
                        : "The value '" + value + "' does not exist for the field '" + field + "'.");
            }
        }
    }

    private static List<String> values(String field, JiraSite.Issue issue) {
        return switch (field) {
            case "project" -> List.of(issue.project);
            case "key", "issuekey", "id" -> List.of(issue.key, Long.toString(issue.id));
            case "issuetype", "type" -> List.of(issue.issueType);
            case "status" -> List.of(issue.status);
            case "priority" -> List.of(issue.priority == null ? "" : issue.priority);
            case "labels" -> issue.labels.isEmpty() ? List.of("") : issue.labels;
            case "summary" -> List.of(issue.summary);
            case "description" -> List.of(issue.description == null ? "" : Adf.text(issue.description));
            case "comment" -> issue.comments.stream().map(c -> Adf.text(c.body())).toList();
            case "text" -> List.of(issue.text());
            default -> List.of();
        };
    }

    private static boolean same(String field, String have, String want) {
        return !have.isEmpty() && have.equalsIgnoreCase(want);
    }

    /**
     * Jira's text match, roughly: a value in quotes inside the JQL string ({@code "\"two words\""}) is a phrase;
     * otherwise every word must occur, {@code *} ending a word matches any ending.
     */
    static boolean containsTerms(String text, String query) {
        String haystack = text.toLowerCase(Locale.ROOT);
        String wanted = query.toLowerCase(Locale.ROOT).strip();
        if (wanted.length() > 1 && wanted.startsWith("\"") && wanted.endsWith("\"")) {
            return String.join(" ", words(haystack)).contains(String.join(" ",
                    words(wanted.substring(1, wanted.length() - 1))));
        }
        List<String> have = words(haystack);
        for (String word : words(wanted)) {
            boolean found = word.endsWith("*")
                    ? have.stream().anyMatch(h -> h.startsWith(word.substring(0, word.length() - 1)))
                    : have.contains(word);
            if (!found) {
                return false;
            }
        }
        return true;
    }

    private static List<String> words(String text) {
        return List.of(WORD.split(text)).stream().filter(w -> !w.isEmpty()).toList();
    }

    /** A date or date-time value, in the user's time zone (the emulated site's users are on UTC). */
    private static Instant instant(String value, String field) {
        for (DateTimeFormatter format : DATE_TIMES) {
            try {
                return LocalDateTime.parse(value.strip(), format).toInstant(ZoneOffset.UTC);
            } catch (DateTimeParseException e) {
                // the next format
            }
        }
        for (DateTimeFormatter format : DATES) {
            try {
                return LocalDate.parse(value.strip(), format).atStartOfDay().toInstant(ZoneOffset.UTC);
            } catch (DateTimeParseException e) {
                // the next format
            }
        }
        throw invalid("Date value '" + value + "' for field '" + field + "' is invalid. Valid formats include: "
                + "'yyyy/MM/dd HH:mm', 'yyyy-MM-dd HH:mm', 'yyyy/MM/dd', 'yyyy-MM-dd', or a period format e.g. "
                + "'-5d', '4w 2d'.");
    }

    private static JiraError unknownField(String field) {
        return invalid("Field '" + field + "' does not exist or you do not have permission to view it.");
    }

    private static JiraError invalid(String message) {
        return JiraError.message(400, message);
    }
}
