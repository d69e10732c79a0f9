package io.socialwire.identity;

/**
 * A Salesforce Contact or Lead the author of an interaction was matched to.
 *
 * @param createdBy for a Lead the hub created, the interaction that created it (the {@code Interaction:} line of its
 *                  Description); null otherwise
 */
public record Person(String type, String id, String name, String createdBy) {

    public static final String CONTACT = "Contact";
    public static final String LEAD = "Lead";

    public boolean isContact() {
        return CONTACT.equals(type);
    }

    public String describe() {
        return (name == null ? "" : name + " ") + "(Salesforce " + type + " " + id + ")";
    }
}
