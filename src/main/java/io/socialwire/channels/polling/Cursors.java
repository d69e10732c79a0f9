package io.socialwire.channels.polling;

import io.socialwire.kafka.CompactedTopicView;
import io.socialwire.kafka.KafkaBootstrap;
import io.socialwire.kafka.KafkaTopics;
import org.apache.camel.Exchange;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.stereotype.Component;

/**
 * Where each polling source stopped, in the compacted topic {@code socialwire.cursors}. A cursor moves only after
 * what was read up to it is on Kafka, so a restart neither re-reads nor skips.
 */
@Component("cursors")
public class Cursors implements DisposableBean {

    public static final String KEY = "cursorKey";
    public static final String NEXT = "cursorNext";

    private final CompactedTopicView<String> view;

    public Cursors(KafkaBootstrap bootstrap, KafkaTopics topics) {
        this.view = new CompactedTopicView<>(bootstrap, topics.names().cursors(), v -> v, v -> v);
        view.start();
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

    /** The route step after publishing: moves the cursor the poll proposed, if it proposed one. */
    public void advance(Exchange exchange) {
        String key = exchange.getProperty(KEY, String.class);
        String next = exchange.getProperty(NEXT, String.class);
        if (key != null && next != null) {
            view.put(key, next);
        }
    }

    @Override
    public void destroy() throws InterruptedException {
        view.close();
    }
}
