package io.socialwire.emulator.servicenow;

import java.time.Clock;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import io.socialwire.emulator.CreatedRecords;
import io.socialwire.emulator.EmulatorJournal;

/**
 * The emulator's records, in memory and on disk ({@link EmulatorJournal}). Values are strings, as the Table API
 * returns them; system fields and incident numbers are set the way an instance sets them.
 */
final class TableStore {

    /** A record as written, on disk; no fields: deleted. */
    record Row(String table, String sysId, Map<String, String> fields) {
    }

    private static final DateTimeFormatter SYS_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss")
            .withZone(ZoneOffset.UTC);
    private static final Map<String, String> NUMBER_PREFIX = Map.of("incident", "INC", "sn_hr_core_case", "HRC");
    /** ServiceNow's default priority lookup, indexed by impact and urgency (1..3). */
    private static final String[][] PRIORITY = {{"1", "2", "3"}, {"2", "3", "4"}, {"3", "4", "5"}};

    /** Journal fields are not stored on the record: each write adds a sys_journal_field row, as on an instance. */
    private static final List<String> JOURNAL_FIELDS = List.of("comments", "work_notes");
    private static final Set<String> TASK_TABLES = Set.of("incident", "sn_hr_core_case");
    static final String JOURNAL = "sys_journal_field";

    private final Map<String, Map<String, Map<String, String>>> tables = new HashMap<>();
    private final Map<String, Integer> numbers = new HashMap<>();
    private final Clock clock;
    private final CreatedRecords created;
    private final EmulatorJournal disk;

    TableStore(Clock clock, CreatedRecords created, EmulatorJournal disk) {
        this.clock = clock;
        this.created = created;
        this.disk = disk;
        disk.restore(Row.class, this::replay, () -> tables.entrySet().stream()
                .flatMap(t -> t.getValue().entrySet().stream().map(r -> new Row(t.getKey(), r.getKey(), r.getValue())))
                .toList());
    }

    private void replay(Row row) {
        Map<String, Map<String, String>> table = tables.computeIfAbsent(row.table(), t -> new LinkedHashMap<>());
        if (row.fields() == null) {
            table.remove(row.sysId());
            return;
        }
        table.put(row.sysId(), new LinkedHashMap<>(row.fields()));
        String prefix = NUMBER_PREFIX.get(row.table());
        String number = row.fields().get("number");
        if (prefix != null && number != null && number.startsWith(prefix)) {
            numbers.merge(row.table(), Integer.parseInt(number.substring(prefix.length())), Math::max);
        }
    }

    synchronized Map<String, String> insert(String table, Map<String, String> fields, String user) {
        Map<String, String> record = new LinkedHashMap<>(fields);
        Map<String, String> journal = takeJournal(table, record);
        String now = SYS_TIME.format(clock.instant());
        String sysId = UUID.randomUUID().toString().replace("-", "");
        record.put("sys_id", sysId);
        record.put("sys_class_name", table);
        record.put("sys_created_on", now);
        record.put("sys_created_by", user);
        record.put("sys_updated_on", now);
        record.put("sys_updated_by", user);
        record.put("sys_mod_count", "0");
        String prefix = NUMBER_PREFIX.get(table);
        if (prefix != null) {
            int next = numbers.merge(table, 10001, (old, one) -> old + 1);
            record.putIfAbsent("number", prefix + String.format("%07d", next));
            record.putIfAbsent("state", "1");
            record.putIfAbsent("active", "true");
            record.putIfAbsent("opened_at", now);
            record.putIfAbsent("impact", "3");
            record.putIfAbsent("urgency", "3");
            record.put("priority", priority(record));
        }
        tables.computeIfAbsent(table, t -> new LinkedHashMap<>()).put(sysId, record);
        disk.append(new Row(table, sysId, record));
        created.add("servicenow", table, sysId, record);
        journal(table, sysId, journal, user);
        return snapshot(record);
    }

    synchronized Optional<Map<String, String>> update(String table, String sysId, Map<String, String> fields,
                                                      String user) {
        Map<String, String> record = tables.getOrDefault(table, Map.of()).get(sysId);
        if (record == null) {
            return Optional.empty();
        }
        Map<String, String> changes = new LinkedHashMap<>(fields);
        Map<String, String> journal = takeJournal(table, changes);
        record.putAll(changes);
        journal(table, sysId, journal, user);
        record.put("sys_updated_on", SYS_TIME.format(clock.instant()));
        record.put("sys_updated_by", user);
        record.put("sys_mod_count", Integer.toString(Integer.parseInt(record.get("sys_mod_count")) + 1));
        if (record.containsKey("priority")) {
            record.put("priority", priority(record));
        }
        disk.append(new Row(table, sysId, record));
        return Optional.of(snapshot(record));
    }

    synchronized Optional<Map<String, String>> get(String table, String sysId) {
        return Optional.ofNullable(tables.getOrDefault(table, Map.of()).get(sysId)).map(TableStore::snapshot);
    }

    synchronized boolean delete(String table, String sysId) {
        boolean deleted = tables.getOrDefault(table, new HashMap<>()).remove(sysId) != null;
        if (deleted) {
            disk.append(new Row(table, sysId, null));
        }
        return deleted;
    }

    synchronized List<Map<String, String>> all(String table) {
        return new ArrayList<>(tables.getOrDefault(table, Map.of()).values().stream().map(TableStore::snapshot).toList());
    }

    private static Map<String, String> takeJournal(String table, Map<String, String> fields) {
        Map<String, String> journal = new LinkedHashMap<>();
        if (TASK_TABLES.contains(table)) {
            for (String field : JOURNAL_FIELDS) {
                String value = fields.remove(field);
                if (value != null && !value.isBlank()) {
                    journal.put(field, value);
                }
                fields.put(field, "");
            }
        }
        return journal;
    }

    private void journal(String table, String sysId, Map<String, String> entries, String user) {
        entries.forEach((element, value) -> {
            Map<String, String> row = new LinkedHashMap<>();
            row.put("name", table);
            row.put("element_id", sysId);
            row.put("element", element);
            row.put("value", value);
            insert(JOURNAL, row, user);
        });
    }

    /** A read-only copy that keeps the field order, as the Table API answers it. */
    private static Map<String, String> snapshot(Map<String, String> record) {
        return Collections.unmodifiableMap(new LinkedHashMap<>(record));
    }

    private static String priority(Map<String, String> record) {
        return PRIORITY[level(record.get("impact"))][level(record.get("urgency"))];
    }

    private static int level(String value) {
        try {
            return Math.max(1, Math.min(3, Integer.parseInt(value))) - 1;
        } catch (NumberFormatException e) {
            return 2;
        }
    }
}
