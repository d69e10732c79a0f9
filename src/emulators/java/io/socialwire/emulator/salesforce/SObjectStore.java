package io.socialwire.emulator.salesforce;

import java.time.Clock;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import io.socialwire.emulator.CreatedRecords;
import io.socialwire.emulator.EmulatorJournal;

/**
 * The emulator's records, in memory and on disk ({@link EmulatorJournal}), validated against {@link SObjectSchema}
 * as an org validates them.
 */
final class SObjectStore {

    /** A record as written, on disk (its type is its id's prefix); no fields: deleted. */
    record Saved(String id, Map<String, Object> fields) {
    }

    private static final DateTimeFormatter SF_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSZ")
            .withZone(ZoneOffset.UTC);

    record Upserted(String id, boolean created) {
    }

    private final Map<String, Map<String, Object>> records = new LinkedHashMap<>();
    /** External ID value to record id, per type prefix and field, built at the first upsert by that field. */
    private final Map<String, Map<String, List<String>>> externalIds = new HashMap<>();
    /** Records by type prefix, so a query or an upsert reads only its type's. */
    private final Map<String, Map<String, Map<String, Object>>> byType = new HashMap<>();
    private final SObjectSchema schema;
    private final Clock clock;
    private final CreatedRecords created;
    private final EmulatorJournal disk;
    /** The writes of a composite call that must all happen or none, until it is known which (see atomically). */
    private List<Saved> pending;
    private long sequence;

    SObjectStore(SObjectSchema schema, Clock clock, CreatedRecords created, EmulatorJournal disk) {
        this.schema = schema;
        this.clock = clock;
        this.created = created;
        this.disk = disk;
        disk.restore(Saved.class, this::replay,
                () -> records.entrySet().stream().map(r -> new Saved(r.getKey(), r.getValue())).toList());
    }

    private void replay(Saved saved) {
        String prefix = saved.id().substring(0, 3);
        if (saved.fields() == null) {
            records.remove(saved.id());
            byType.getOrDefault(prefix, new LinkedHashMap<>()).remove(saved.id());
            return;
        }
        Map<String, Object> record = new LinkedHashMap<>(saved.fields());
        records.put(saved.id(), record);
        byType.computeIfAbsent(prefix, k -> new LinkedHashMap<>()).put(saved.id(), record);
        sequence = Math.max(sequence, Long.parseLong(saved.id().substring(3, 15)));
    }

    private void save(String id, Map<String, Object> record) {
        Saved saved = new Saved(id, record == null ? null : new LinkedHashMap<>(record));
        if (pending != null) {
            pending.add(saved);
        } else {
            disk.append(saved);
        }
    }

    SObjectSchema schema() {
        return schema;
    }

    synchronized String create(String typeName, Map<String, Object> fields) {
        return create(typeName, fields, null);
    }

    /** The same, created by the user {@code createdById} (its {@code CreatedById}; null: not recorded). */
    synchronized String create(String typeName, Map<String, Object> fields, String createdById) {
        SObjectSchema.Type type = schema.type(typeName);
        Map<String, Object> values = validate(type, fields, true);
        String id = type.keyPrefix() + String.format("%012d", ++sequence) + "AAA";
        String now = SF_TIME.format(clock.instant());
        Map<String, Object> record = new LinkedHashMap<>();
        record.put("Id", id);
        record.put("IsDeleted", false);
        record.put("CreatedDate", now);
        record.put("LastModifiedDate", now);
        record.put("SystemModstamp", now);
        if (createdById != null) {
            record.put("CreatedById", createdById);
            record.put("LastModifiedById", createdById);
        }
        record.putAll(values);
        derive(type, record);
        records.put(id, record);
        byType.computeIfAbsent(type.keyPrefix(), k -> new LinkedHashMap<>()).put(id, record);
        indexKeys(type, record, true);
        save(id, record);
        created.add("salesforce", type.name(), id, record);
        return id;
    }

    synchronized Upserted upsert(String typeName, String externalIdField, String value, Map<String, Object> fields) {
        return upsert(typeName, externalIdField, value, fields, null);
    }

    synchronized Upserted upsert(String typeName, String externalIdField, String value, Map<String, Object> fields,
                                 String createdById) {
        SObjectSchema.Type type = schema.type(typeName);
        String field = type.field(externalIdField).filter(f -> f.endsWith("__c") || f.equals("Id"))
                .orElseThrow(() -> new SalesforceError(404, "NOT_FOUND",
                        "Provided external ID field does not exist or is not accessible: " + externalIdField));
        List<String> matches = List.copyOf(externalIds(type, field).getOrDefault(value, List.of()));
        if (matches.size() > 1) {
            throw new SalesforceError(300, "MULTIPLE_CHOICES", "More than one record found for " + field);
        }
        if (matches.size() == 1) {
            update(typeName, matches.get(0), fields);
            return new Upserted(matches.get(0), false);
        }
        Map<String, Object> withKey = new LinkedHashMap<>(fields);
        withKey.put(field, value);
        return new Upserted(create(typeName, withKey, createdById), true);
    }

    synchronized void update(String typeName, String id, Map<String, Object> fields) {
        SObjectSchema.Type type = schema.type(typeName);
        Map<String, Object> record = find(type, id);
        indexKeys(type, record, false);
        record.putAll(validate(type, fields, false));
        indexKeys(type, record, true);
        record.put("LastModifiedDate", SF_TIME.format(clock.instant()));
        derive(type, record);
        save(id, record);
    }

    synchronized Map<String, Object> get(String typeName, String id) {
        return new LinkedHashMap<>(find(schema.type(typeName), id));
    }

    synchronized void delete(String typeName, String id) {
        SObjectSchema.Type type = schema.type(typeName);
        indexKeys(type, find(type, id), false);
        records.remove(id);
        ofType(type).remove(id);
        save(id, null);
    }

    synchronized List<Map<String, Object>> all(SObjectSchema.Type type) {
        List<Map<String, Object>> result = new ArrayList<>();
        ofType(type).values().forEach(r -> result.add(new LinkedHashMap<>(r)));
        return result;
    }

    /** The records of a type that match, copied (a query's scan, without copying the others). */
    synchronized List<Map<String, Object>> matching(SObjectSchema.Type type,
                                                    java.util.function.Predicate<Map<String, Object>> filter) {
        List<Map<String, Object>> result = new ArrayList<>();
        ofType(type).values().stream().filter(filter).forEach(r -> result.add(new LinkedHashMap<>(r)));
        return result;
    }

    private Map<String, List<String>> externalIds(SObjectSchema.Type type, String field) {
        return externalIds.computeIfAbsent(type.keyPrefix() + "/" + field, k -> {
            Map<String, List<String>> index = new HashMap<>();
            ofType(type).values().forEach(r -> index.computeIfAbsent(String.valueOf(r.get(field)),
                    v -> new ArrayList<>()).add(r.get("Id").toString()));
            return index;
        });
    }

    /** Adds the record to (or removes it from) the external id indexes of its type. */
    private void indexKeys(SObjectSchema.Type type, Map<String, Object> record, boolean add) {
        String prefix = type.keyPrefix() + "/";
        externalIds.forEach((key, index) -> {
            if (key.startsWith(prefix)) {
                String value = String.valueOf(record.get(key.substring(prefix.length())));
                String id = record.get("Id").toString();
                if (add) {
                    index.computeIfAbsent(value, v -> new ArrayList<>()).add(id);
                } else if (index.containsKey(value)) {
                    index.get(value).remove(id);
                }
            }
        });
    }

    private Map<String, Map<String, Object>> ofType(SObjectSchema.Type type) {
        return byType.getOrDefault(type.keyPrefix(), Map.of());
    }

    /** Runs a write so that either all of it or none of it happens (composite allOrNone), on disk too. */
    synchronized <T> T atomically(java.util.function.Supplier<T> work) {
        Map<String, Map<String, Object>> before = new LinkedHashMap<>();
        records.forEach((id, r) -> before.put(id, new LinkedHashMap<>(r)));
        long sequenceBefore = sequence;
        pending = new ArrayList<>();
        try {
            T result = work.get();
            List<Saved> done = pending;
            pending = null;
            done.forEach(disk::append);
            return result;
        } catch (RuntimeException e) {
            pending = null;
            records.clear();
            records.putAll(before);
            byType.clear();
            externalIds.clear();
            before.forEach((id, r) -> byType.computeIfAbsent(id.substring(0, 3), k -> new LinkedHashMap<>()).put(id, r));
            sequence = sequenceBefore;
            throw e;
        }
    }

    private Map<String, Object> find(SObjectSchema.Type type, String id) {
        Map<String, Object> record = records.get(id);
        if (record == null || !id.startsWith(type.keyPrefix())) {
            throw new SalesforceError(404, "NOT_FOUND", "The requested resource does not exist");
        }
        return record;
    }

    private static Map<String, Object> validate(SObjectSchema.Type type, Map<String, Object> fields,
                                                boolean insert) {
        Map<String, Object> values = new LinkedHashMap<>();
        for (Map.Entry<String, Object> entry : fields.entrySet()) {
            if (entry.getKey().equals("attributes")) {
                continue;
            }
            String field = type.field(entry.getKey()).orElseThrow(() -> new SalesforceError(400, "INVALID_FIELD",
                    "No such column '" + entry.getKey() + "' on sobject of type " + type.name(),
                    List.of(entry.getKey())));
            if (List.of("Id", "IsDeleted", "CreatedDate", "LastModifiedDate", "SystemModstamp", "Name")
                    .contains(field)) {
                throw new SalesforceError(400, "INVALID_FIELD_FOR_INSERT_UPDATE",
                        "Unable to create/update fields: " + field + ". Please check the security settings of this "
                                + "field and verify that it is read/write for your profile or permission set.",
                        List.of(field));
            }
            values.put(field, entry.getValue());
        }
        if (insert) {
            List<String> missing = type.required().stream()
                    .filter(f -> values.get(f) == null || values.get(f).toString().isBlank()).toList();
            if (!missing.isEmpty()) {
                throw new SalesforceError(400, "REQUIRED_FIELD_MISSING", "Required fields are missing: " + missing,
                        missing);
            }
        }
        return values;
    }

    private static void derive(SObjectSchema.Type type, Map<String, Object> record) {
        if (type.fields().containsKey("name") && record.containsKey("LastName")) {
            Object first = record.get("FirstName");
            record.put("Name", (first == null ? "" : first + " ") + record.get("LastName"));
        }
        if (type.name().equals("Lead")) {
            record.putIfAbsent("Status", "Open - Not Contacted");
            record.putIfAbsent("IsConverted", false);
        }
    }

    Optional<SObjectSchema.Type> typeOf(String id) {
        return schema.typeForId(id);
    }
}
