package io.socialwire.targets.salesforce;

import java.util.LinkedHashMap;
import java.util.Map;

import io.socialwire.sinks.SocialContext;
import io.socialwire.identity.IdentityProperties;
import io.socialwire.identity.IdentityResolver;
import io.socialwire.model.Author;
import io.socialwire.model.Channels;
import io.socialwire.model.SocialInteraction;
import org.springframework.stereotype.Component;

/**
 * Interactions to Salesforce Leads and Tasks: their fields, for sObject Collections upserts (the batch adds the
 * External ID field and each record's type).
 */
@Component("leadMapper")
public class LeadMapper {

    /** Lead.Company is required; a social author rarely names theirs. */
    static final String UNKNOWN_COMPANY = "[not provided]";
    /** The Task's person (Lead or Contact). */
    public static final String WHO = "WhoId";

    private final IdentityProperties identity;

    public LeadMapper(IdentityProperties identity) {
        this.identity = identity;
    }

    /**
     * A Lead is a person, not a conversation: it is keyed by the author on the channel, so one unknown author
     * never becomes two Leads; only when the channel names no author is it keyed by the conversation.
     */
    public String personKey(SocialInteraction interaction) {
        Author author = interaction.author();
        return author == null || author.id() == null ? interaction.conversationId()
                : interaction.channel() + ":author:" + author.id();
    }

    /** The Lead's fields, without its External ID. */
    public Map<String, Object> leadFields(SocialInteraction interaction) {
        Author author = interaction.author();
        String name = author == null ? null
                : author.displayName() != null ? author.displayName() : author.handle();
        String firstName = null;
        String lastName = name == null || name.isBlank() ? SocialContext.handle(author) : name.strip();
        int space = lastName.lastIndexOf(' ');
        if (name != null && space > 0) {
            firstName = lastName.substring(0, space);
            lastName = lastName.substring(space + 1);
        }
        Map<String, Object> fields = new LinkedHashMap<>();
        if (firstName != null) {
            fields.put("FirstName", firstName);
        }
        fields.put("LastName", lastName);
        fields.put("Company", UNKNOWN_COMPANY);
        fields.put("LeadSource", Channels.displayName(interaction.channel()));
        fields.put("Description", SocialContext.block(interaction));
        String handleField = identity.handleFields().get(interaction.channel());
        String handle = IdentityResolver.handle(interaction);
        if (handleField != null && handle != null) {
            // so that the author's next conversation finds this Lead
            fields.put(handleField, handle);
        }
        return fields;
    }

    /**
     * A completed Task on the person (Lead or Contact), a follow-up in their conversation or their history: its
     * fields, without its External ID; {@link #WHO} null when the person's record is not written yet. */
    public Map<String, Object> taskFields(SocialInteraction interaction, String whoId) {
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("Subject", SocialContext.subject(interaction));
        fields.put("Description", SocialContext.comment(interaction));
        fields.put("Status", "Completed");
        fields.put("Priority", "Normal");
        fields.put(WHO, whoId);
        if (interaction.createdAt() != null) {
            fields.put("ActivityDate", interaction.createdAt().toString().substring(0, 10));
        }
        return fields;
    }
}
