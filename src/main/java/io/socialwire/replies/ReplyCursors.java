package io.socialwire.replies;

import io.socialwire.channels.polling.Cursors;
import org.apache.camel.Exchange;
import org.springframework.stereotype.Component;

/**
 * Where each system of record's answers were read up to ({@link ReplyCursor}, in the {@code cursors} store under
 * {@code replies:<system>}): a poll reads from there and proposes the cursor past what it read, which moves only once
 * those answers are in the outbox ({@link #advance}, the route's last step).
 */
@Component("replyCursors")
public class ReplyCursors {

    private static final String SOURCE = "replyCursorSource";
    private static final String NEXT = "replyCursorNext";

    private final Cursors cursors;

    public ReplyCursors(Cursors cursors) {
        this.cursors = cursors;
    }

    /** The source's cursor; the first time, {@code start} (kept, so a later start does not skip what came between). */
    public ReplyCursor current(String source, ReplyCursor start) {
        String stored = cursors.get(source);
        if (stored == null) {
            cursors.move(source, start.toString());
            return start;
        }
        return ReplyCursor.parse(stored);
    }

    /**
     * Whether this instance reads the source's answers: the one that holds its cursor, so N instances still make one
     * read per poll interval.
     */
    public boolean isPolledHere(String source) {
        return cursors.isPolledHere(source);
    }

    public void propose(Exchange exchange, String source, ReplyCursor next) {
        exchange.setProperty(SOURCE, source);
        exchange.setProperty(NEXT, next.toString());
    }

    /** After the answers are in the outbox: the proposed cursor, if it moved. */
    public void advance(Exchange exchange) {
        String source = exchange.getProperty(SOURCE, String.class);
        String next = exchange.getProperty(NEXT, String.class);
        if (source != null && next != null && !next.equals(cursors.get(source))) {
            cursors.move(source, next);
        }
    }
}
