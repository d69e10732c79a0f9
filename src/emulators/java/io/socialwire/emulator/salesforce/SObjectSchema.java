package io.socialwire.emulator.salesforce;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The sObjects the emulator knows, their fields (standard ones plus configured custom ones) and what each requires,
 * so a write with an unknown field or without a required one fails as it does on an org.
 */
final class SObjectSchema {

    record Type(String name, String keyPrefix, Map<String, String> fields, List<String> required) {

        /** The canonical spelling of a field, matched case-insensitively as Salesforce does. */
        Optional<String> field(String name) {
            return Optional.ofNullable(fields.get(name.toLowerCase(Locale.ROOT)));
        }
    }

    private static final List<String> SYSTEM = List.of("Id", "OwnerId", "IsDeleted", "CreatedDate", "CreatedById",
            "LastModifiedDate", "LastModifiedById", "SystemModstamp");

    private final Map<String, Type> types = new HashMap<>();

    SObjectSchema(Map<String, List<String>> customFields) {
        add("Lead", "00Q", List.of("LastName", "Company"), customFields, "FirstName", "LastName", "Name", "Company",
                "Title", "Email", "Phone", "MobilePhone", "Website", "LeadSource", "Status", "Rating", "Industry",
                "Description", "Street", "City", "State", "PostalCode", "Country", "IsConverted",
                "ConvertedContactId");
        add("Contact", "003", List.of("LastName"), customFields, "FirstName", "LastName", "Name", "AccountId",
                "Title", "Email", "Phone", "MobilePhone", "LeadSource", "Description", "MailingCity",
                "MailingCountry");
        add("Account", "001", List.of("Name"), customFields, "Name", "Website", "Phone", "Industry", "Type",
                "Description", "BillingCity", "BillingCountry");
        add("Case", "500", List.of(), customFields, "CaseNumber", "Subject", "Description", "Status", "Priority",
                "Origin", "Type", "Reason", "ContactId", "AccountId", "SuppliedName", "SuppliedEmail", "IsClosed");
        add("CaseComment", "00a", List.of("ParentId"), customFields, "ParentId", "CommentBody", "IsPublished");
        add("Task", "00T", List.of(), customFields, "Subject", "Description", "Status", "Priority", "WhoId",
                "WhatId", "ActivityDate", "TaskSubtype", "Type", "IsClosed");
    }

    private void add(String name, String prefix, List<String> required, Map<String, List<String>> custom,
                     String... standard) {
        Map<String, String> fields = new LinkedHashMap<>();
        for (String field : SYSTEM) {
            fields.put(field.toLowerCase(Locale.ROOT), field);
        }
        for (String field : standard) {
            fields.put(field.toLowerCase(Locale.ROOT), field);
        }
        for (String field : custom.getOrDefault(name, List.of())) {
            fields.put(field.toLowerCase(Locale.ROOT), field);
        }
        types.put(name.toLowerCase(Locale.ROOT), new Type(name, prefix, fields, required));
    }

    Type type(String name) {
        Type type = types.get(name.toLowerCase(Locale.ROOT));
        if (type == null) {
            throw new SalesforceError(404, "NOT_FOUND", "The requested resource does not exist");
        }
        return type;
    }

    Optional<Type> typeForId(String id) {
        return types.values().stream().filter(t -> id.startsWith(t.keyPrefix())).findFirst();
    }
}
