package io.socialwire.sinks;

import java.util.LinkedHashMap;
import java.util.Map;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.socialwire.model.Author;
import io.socialwire.model.Channels;
import io.socialwire.model.SocialInteraction;
import org.springframework.stereotype.Component;

/**
 * Interaction to a Salesforce Lead as a JSON string (camel-salesforce sends a Map as {@code toString()}, which is
 * not JSON). The external id field is in the upsert URL, never in the body, as Salesforce requires.
 */
@Component("leadMapper")
public class LeadMapper {

    /** Lead.Company is required; a social author rarely names theirs. */
    static final String UNKNOWN_COMPANY = "[not provided]";

    private final ObjectMapper json;

    public LeadMapper(ObjectMapper json) {
        this.json = json;
    }

    public String lead(SocialInteraction interaction) throws JsonProcessingException {
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
        return json.writeValueAsString(fields);
    }
}

