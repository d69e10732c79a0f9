package io.socialwire.replies;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Where a system of record's answers were read up to. Its times are to the second, and several answers can share a
 * second, so the cursor is a second and the answers of that second already read: the next read asks from that second
 * again and skips those. Kept as text in the {@code cursors} store ({@code 2026-12-03T10:00:06Z|id1,id2}).
 */
public record ReplyCursor(Instant second, List<String> read) {

    public ReplyCursor {
        second = second.truncatedTo(ChronoUnit.SECONDS);
        read = List.copyOf(read);
    }

    public static ReplyCursor at(Instant at) {
        return new ReplyCursor(at, List.of());
    }

    public static ReplyCursor parse(String stored) {
        int bar = stored.indexOf('|');
        if (bar < 0) {
            return at(Instant.parse(stored));
        }
        String ids = stored.substring(bar + 1);
        return new ReplyCursor(Instant.parse(stored.substring(0, bar)),
                ids.isEmpty() ? List.of() : Arrays.asList(ids.split(",")));
    }

    /** Whether an answer written at {@code at} was not read yet. */
    public boolean isNew(String id, Instant at) {
        Instant its = at.truncatedTo(ChronoUnit.SECONDS);
        return its.isAfter(second) || its.equals(second) && !read.contains(id);
    }

    /** The cursor once this answer is read too (answers come oldest first). */
    public ReplyCursor past(String id, Instant at) {
        Instant its = at.truncatedTo(ChronoUnit.SECONDS);
        if (its.isAfter(second)) {
            return new ReplyCursor(its, List.of(id));
        }
        List<String> more = new ArrayList<>(read);
        more.add(id);
        return new ReplyCursor(second, more);
    }

    @Override
    public String toString() {
        return second + "|" + String.join(",", read);
    }
}
