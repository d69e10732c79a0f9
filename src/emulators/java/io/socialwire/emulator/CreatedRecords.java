package io.socialwire.emulator;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.stereotype.Component;

/**
 * When each record (incident, journal entry, Lead, Task, ...) was created in an emulator, to the millisecond, with
 * the first {@code ref:<token>} its fields held at creation: a benchmark puts one in each interaction's text and
 * reads back how long the interaction took to become a record.
 */
@Component
@ConditionalOnProperty(name = "socialwire.emulators.enabled", havingValue = "true", matchIfMissing = true)
public class CreatedRecords {

    static final Pattern REF = Pattern.compile("\\bref:([A-Za-z0-9._-]+)");

    /** One created record: sequence number, creation time in epoch milliseconds, and its ref (or null). */
    public record Created(long seq, long at, String system, String type, String id, String ref) {
    }

    /** Records after a sequence number, and the sequence number to ask after next. */
    public record Page(long next, List<Created> records) {
    }

    private final Clock clock;
    /** Guarded by itself. */
    private final List<Created> log = new ArrayList<>();

    public CreatedRecords(Clock clock) {
        this.clock = clock;
    }

    /** Called by a store as it creates a record, with the record's fields. */
    public void add(String system, String type, String id, Map<String, ?> fields) {
        String ref = ref(fields);
        synchronized (log) {
            log.add(new Created(log.size() + 1, clock.millis(), system, type, id, ref));
        }
    }

    /** Up to {@code limit} records created after {@code seq}; with a prefix, only those whose ref starts with it. */
    public Page after(long seq, String refPrefix, int limit) {
        List<Created> result = new ArrayList<>();
        long next = seq;
        synchronized (log) {
            for (int i = (int) Math.max(0, Math.min(seq, log.size())); i < log.size() && result.size() < limit; i++) {
                Created created = log.get(i);
                next = created.seq();
                if (refPrefix == null || created.ref() != null && created.ref().startsWith(refPrefix)) {
                    result.add(created);
                }
            }
        }
        return new Page(next, result);
    }

    static String ref(Map<String, ?> fields) {
        for (Object value : fields.values()) {
            if (value instanceof String text && text.contains("ref:")) {
                Matcher m = REF.matcher(text);
                if (m.find()) {
                    return m.group(1);
                }
            }
        }
        return null;
    }
}
