package io.socialwire.targets.servicenow;

import java.util.LinkedHashMap;
import java.util.Map;

import io.socialwire.sinks.SocialContext;
import io.socialwire.identity.Person;
import io.socialwire.model.SocialInteraction;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * Interaction to ServiceNow record fields (incident, sn_hr_core_case). camel-servicenow sends a {@code Map} body as JSON (a String body is
 * refused by the component). ServiceNow derives priority from impact and urgency, so both are set.
 */
@Component("incidentMapper")
public class IncidentMapper {

    /** priority 1..5 to (impact, urgency) on ServiceNow's default priority lookup. */
    private static final String[][] IMPACT_URGENCY = {{"1", "1"}, {"1", "2"}, {"2", "2"}, {"2", "3"}, {"3", "3"}};

    private final String contactType;
    private final String followUpField;

    public IncidentMapper(@Value("${socialwire.servicenow.contact-type:social}") String contactType,
                          @Value("${socialwire.servicenow.follow-up-field:comments}") String followUpField) {
        if (!followUpField.equals("comments") && !followUpField.equals("work_notes")) {
            throw new IllegalArgumentException("socialwire.servicenow.follow-up-field must be comments or work_notes");
        }
        this.contactType = contactType;
        this.followUpField = followUpField;
    }

    /** A follow-up as a journal entry: customer-visible comments, or internal work notes. */
    public Map<String, Object> followUp(SocialInteraction interaction) {
        return Map.of(followUpField, SocialContext.comment(interaction));
    }

    /** Finds the journal entry of this follow-up on the incident, if it was written before. */
    public String journalQuery(String incidentSysId, String interactionId) {
        return "element_id=" + incidentSysId + "^element=" + followUpField + "^valueLIKE"
                + SocialContext.marker(interactionId);
    }

    /**
     * The conversation's record, in any ServiceNow task table. The category (incident's own field) says which kind
     * of incident: support's, or pr's; blank leaves it and the subcategory unset, as tables like sn_hr_core_case
     * have no such fields.
     */
    public Map<String, Object> record(SocialInteraction interaction, String category, Person person) {
        int priority = interaction.enrichment() == null ? 4 : interaction.enrichment().priority();
        String[] impactUrgency = IMPACT_URGENCY[Math.max(1, Math.min(5, priority)) - 1];
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("short_description", SocialContext.summary(interaction));
        fields.put("description", SocialContext.block(interaction, person == null ? null : person.describe()));
        // the record is the conversation's: found again by the conversation, whichever message comes
        fields.put("correlation_id", interaction.conversationId());
        fields.put("correlation_display", "Socialwire");
        fields.put("contact_type", contactType);
        fields.put("impact", impactUrgency[0]);
        fields.put("urgency", impactUrgency[1]);
        if (category != null && !category.isBlank()) {
            fields.put("category", category);
            if (interaction.enrichment() != null && interaction.enrichment().department() != null) {
                fields.put("subcategory", interaction.enrichment().department());
            }
        }
        return fields;
    }
}
