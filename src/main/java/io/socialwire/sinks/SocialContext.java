package io.socialwire.sinks;

import java.util.Locale;

import io.socialwire.model.Author;
import io.socialwire.model.Channels;
import io.socialwire.model.Enrichment;
import io.socialwire.model.Sentiment;
import io.socialwire.model.SocialInteraction;

/**
 * The social context written into every record, as a block a support agent or sales rep reads at a glance: who
 * said what, where, how they feel and why it landed here.
 */
public final class SocialContext {

    private static final String MARKER = "(socialwire:";

    /** What an erasure leaves of the person's text. */
    public static final String ERASED = "[erased at the author's request]";
    private static final int SUMMARY_LENGTH = 80;
    private static final int SUBJECT_LENGTH = 255;

    private SocialContext() {
    }

    public static String block(SocialInteraction in) {
        return block(in, (String) null);
    }

    /** The block, with whom the author is known as (a CRM's Contact or Lead, described), when there is one. */
    public static String block(SocialInteraction in, String knownAs) {
        Enrichment e = in.enrichment();
        StringBuilder b = new StringBuilder();
        b.append("Social interaction received by Socialwire\n");
        line(b, "Channel", Channels.displayName(in.channel()) + " (" + in.kind() + ")");
        line(b, "Author", author(in.author()));
        line(b, "Profile", in.author() == null ? null : in.author().profileUrl());
        if (knownAs != null) {
            line(b, "Known as", knownAs);
        }
        line(b, "Link", in.url());
        line(b, "Posted", in.createdAt() == null ? null : in.createdAt().toString());
        line(b, "Language", in.language());
        line(b, "Sentiment", e == null ? null : sentiment(e.sentiment()));
        if (e != null) {
            line(b, "Routing", "rule '" + e.matchedRule() + "' -> " + e.department() + ", priority " + e.priority());
        }
        line(b, "Interaction", in.id());
        line(b, "Conversation", in.conversationId());
        b.append("\nText:\n").append(in.text() == null ? "(the channel sent no text)" : in.text()).append('\n');
        return b.toString();
    }

    /**
     * A follow-up as a comment on the conversation's record. It ends with a marker naming the interaction, which
     * is how a redelivered follow-up is recognised in the record's comments.
     */
    public static String comment(SocialInteraction in) {
        Enrichment e = in.enrichment();
        StringBuilder b = new StringBuilder();
        b.append(Channels.displayName(in.channel())).append(' ').append(in.kind().replace('_', ' '))
                .append(" from ").append(author(in.author()) == null ? "an unknown author" : author(in.author()))
                .append(in.createdAt() == null ? "" : " at " + in.createdAt()).append(":\n")
                .append(in.text() == null ? "(the channel sent no text)" : in.text()).append("\n\n");
        line(b, "Link", in.url());
        line(b, "Sentiment", e == null ? null : sentiment(e.sentiment()));
        b.append(marker(in.id()));
        return b.toString();
    }

    /** A record's own text once erased: a note that it was, and the Interaction: line that says whose it is. */
    public static String erasedBlock(java.time.Instant at, String interactionId, String conversationId) {
        return ERASED + " " + at + "\nInteraction:  " + interactionId + "\nConversation: " + conversationId + "\n";
    }

    /** A comment once erased: the note and the marker naming its interaction. */
    public static String erasedComment(String interactionId) {
        return ERASED + " " + marker(interactionId);
    }

    /** Names the interaction inside a comment; unique, so a search for it finds only that interaction. */
    public static String marker(String interactionId) {
        return MARKER + interactionId + ")";
    }

    /** Whether a comment is the hub's own (it names an interaction), not a person's. */
    public static boolean carriesMarker(String text) {
        return text != null && text.contains(MARKER);
    }

    /** The interaction that created a record, read back from its block; null when the record is not ours. */
    public static String createdBy(String block) {
        if (block == null) {
            return null;
        }
        return block.lines().filter(l -> l.startsWith("Interaction:")).map(l -> l.substring(12).strip())
                .findFirst().orElse(null);
    }

    /** The summary as a Salesforce Subject, which holds at most 255 characters. */
    public static String subject(SocialInteraction in) {
        String summary = summary(in);
        return summary.length() > SUBJECT_LENGTH ? summary.substring(0, SUBJECT_LENGTH) : summary;
    }

    /** One line: what was said, by whom, on which channel. */
    public static String summary(SocialInteraction in) {
        String text = in.text() == null ? "(no text)" : in.text().replaceAll("\\s+", " ").strip();
        if (text.length() > SUMMARY_LENGTH) {
            text = text.substring(0, SUMMARY_LENGTH - 1) + "…";
        }
        return Channels.displayName(in.channel()) + " " + in.kind().replace('_', ' ') + " from "
                + handle(in.author()) + ": " + text;
    }

    public static String handle(Author author) {
        if (author == null || author.handle() == null) {
            return "an unknown author";
        }
        return author.handle().startsWith("@") || author.handle().contains(" ") ? author.handle()
                : "@" + author.handle();
    }

    private static String author(Author author) {
        if (author == null) {
            return null;
        }
        String handle = handle(author);
        return author.displayName() != null && !author.displayName().equals(author.handle())
                ? author.displayName() + " (" + handle + ")" : handle;
    }

    private static String sentiment(Sentiment sentiment) {
        if (sentiment == null || !sentiment.isKnown()) {
            return "unknown (no model for this language)";
        }
        return sentiment.label() + " (" + String.format(Locale.ROOT, "%+.2f", sentiment.score()) + ")";
    }

    private static void line(StringBuilder b, String label, String value) {
        b.append(String.format(Locale.ROOT, "%-13s %s%n", label + ":", value == null ? "-" : value));
    }
}
