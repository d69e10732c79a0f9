package io.socialwire.emulator.zendesk;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The part of Zendesk's search syntax the emulator understands, for tickets: {@code type:ticket},
 * {@code external_id:}, {@code tags:} (or {@code tag:}), {@code status:} (also {@code status<solved} and
 * {@code >}), {@code priority:}, {@code ticket_type:}, {@code requester:} (email, id or name), {@code subject:},
 * {@code description:}, a leading {@code -} to negate, and free words matched in subject, description and comments.
 * Terms are ANDed; values may be quoted. Other {@code key:value} terms are free text, as Zendesk treats them.
 */
final class ZendeskSearch {

    private static final Pattern TERM = Pattern.compile("(-?)(?:(\\w+)([:<>]=?))?(\"[^\"]*\"|\\S+)");
    private static final Pattern WORD = Pattern.compile("[^\\p{L}\\p{N}@._*-]+");

    private final Predicate<ZendeskDesk.Ticket> test;

    private ZendeskSearch(Predicate<ZendeskDesk.Ticket> test) {
        this.test = test;
    }

    /** Parses a query; {@code users} resolves a requester id to its email and name. */
    static ZendeskSearch parse(String query, Function<Long, ZendeskDesk.User> users) {
        Predicate<ZendeskDesk.Ticket> test = t -> true;
        Matcher m = TERM.matcher(query == null ? "" : query);
        while (m.find()) {
            boolean negate = !m.group(1).isEmpty();
            String key = m.group(2) == null ? null : m.group(2).toLowerCase(Locale.ROOT);
            String operator = m.group(3);
            String value = unquote(m.group(4)).toLowerCase(Locale.ROOT);
            Predicate<ZendeskDesk.Ticket> term;
            if (key == null) {
                term = t -> containsWords(text(t), value);
            } else {
                term = switch (key) {
                    case "type" -> t -> value.equals("ticket");
                    case "external_id" -> t -> value.equalsIgnoreCase(String.valueOf(t.externalId));
                    case "tags", "tag" -> t -> t.tags.contains(value);
                    case "status" -> compare(operator, value, ZendeskDesk.STATUSES, t -> t.status);
                    case "priority" -> compare(operator, value, ZendeskDesk.PRIORITIES, t -> t.priority);
                    case "ticket_type" -> t -> value.equals(t.type);
                    case "requester" -> t -> {
                        ZendeskDesk.User user = users.apply(t.requesterId);
                        return user != null && (value.equals(Long.toString(user.id))
                                || value.equalsIgnoreCase(String.valueOf(user.email))
                                || value.equalsIgnoreCase(user.name));
                    };
                    case "subject" -> t -> containsWords(String.valueOf(t.subject), value);
                    case "description" -> t -> containsWords(t.description(), value);
                    default -> t -> containsWords(text(t), key + " " + value);
                };
            }
            test = test.and(negate ? term.negate() : term);
        }
        return new ZendeskSearch(test);
    }

    boolean matches(ZendeskDesk.Ticket ticket) {
        return test.test(ticket);
    }

    private static Predicate<ZendeskDesk.Ticket> compare(String operator, String value, List<String> order,
                                                         Function<ZendeskDesk.Ticket, String> field) {
        int wanted = order.indexOf(value);
        return t -> {
            int have = order.indexOf(field.apply(t));
            return switch (operator) {
                case "<" -> have >= 0 && have < wanted;
                case "<=" -> have >= 0 && have <= wanted;
                case ">" -> have > wanted;
                case ">=" -> have >= wanted && wanted >= 0;
                default -> have >= 0 && have == wanted;
            };
        };
    }

    private static String text(ZendeskDesk.Ticket ticket) {
        List<String> parts = new ArrayList<>();
        parts.add(String.valueOf(ticket.subject));
        ticket.comments.forEach(c -> parts.add(c.body()));
        return String.join("\n", parts);
    }

    private static boolean containsWords(String text, String query) {
        List<String> have = List.of(WORD.split(text.toLowerCase(Locale.ROOT)));
        for (String word : WORD.split(query)) {
            if (!word.isEmpty() && !(word.endsWith("*")
                    ? have.stream().anyMatch(h -> h.startsWith(word.substring(0, word.length() - 1)))
                    : have.contains(word))) {
                return false;
            }
        }
        return true;
    }

    private static String unquote(String value) {
        return value.length() > 1 && value.startsWith("\"") && value.endsWith("\"")
                ? value.substring(1, value.length() - 1) : value;
    }
}
