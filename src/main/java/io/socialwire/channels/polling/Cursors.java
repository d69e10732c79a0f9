package io.socialwire.channels.polling;

import io.socialwire.state.HubState;
import io.socialwire.state.KeyedState;
import io.socialwire.state.StateTopology;
import org.apache.camel.Exchange;
import org.springframework.stereotype.Component;

/**
 * Where each polling source stopped, the state store {@code cursors} (compacted topic {@code socialwire.cursors}). A cursor moves only after
 * what was read up to it is on Kafka, so a restart neither re-reads nor skips.
 */
@Component("cursors")
public class Cursors {

    public static final String KEY = "cursorKey";
    public static final String NEXT = "cursorNext";

    private final KeyedState<String> view;

    public Cursors(HubState state) {
        this.view = state.store(StateTopology.CURSORS);
    }

    public String get(String source) {
        return view.get(source);
    }

    /**
     * Whether an item at {@code position} (an id or a time that only grows) is past the source's cursor. Either way
     * the exchange names the source; a new item also proposes its position as the next cursor, for
     * {@link #advance} once the item is on Kafka. An item at or before the cursor was read already.
     */
    public boolean isNew(Exchange exchange, String source, long position) {
        String cursor = get(source);
        boolean fresh = cursor == null || position > Long.parseLong(cursor);
        exchange.setProperty(KEY, source);
        exchange.setProperty(NEXT, fresh ? Long.toString(position) : null);
        return fresh;
    }

    /** Whether this instance polls the source: the one that holds its cursor (one instance of all does). */
    public boolean isPolledHere(String source) {
        return view.isHeldHere(source);
    }

    /** Moves a source's cursor to a position of its own making (not an id or time that only grows). */
    public void move(String source, String position) {
        view.put(source, position);
    }

    /** The route step after publishing: moves the cursor the poll proposed, if it proposed one. */
    public void advance(Exchange exchange) {
        String key = exchange.getProperty(KEY, String.class);
        String next = exchange.getProperty(NEXT, String.class);
        if (key != null && next != null) {
            view.put(key, next);
        }
    }
}
