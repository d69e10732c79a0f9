package io.socialwire.delivery;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import io.socialwire.enrichment.Enricher;
import io.socialwire.kafka.KafkaTopics;
import io.socialwire.model.SocialInteraction;
import io.socialwire.routing.DepartmentRoutes;
import io.socialwire.state.HubState;
import io.socialwire.state.KeyedState;
import io.socialwire.state.StateTopology;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.apache.camel.support.DefaultMessage;
import org.apache.camel.component.kafka.KafkaConstants;
import org.apache.camel.spring.boot.CamelContextConfiguration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * One delivery lane per department: a topic ({@code socialwire.deliveries.<department>}) and its own consumer
 * routes, one per partition (template {@code deliver}, route ids {@code deliver-<department>-<n>}), so a target that
 * is down or rate-limited holds up its own lane and no other. A conversation keeps the lane its first interaction was given (kept in the
 * state store {@code lanes}, in the compacted topic {@code socialwire.lanes}), so its follow-ups never overtake the interaction that creates its
 * record, whatever department they are about.
 */
@Component("deliveryLanes")
public class DeliveryLanes implements CamelContextConfiguration {

    private static final Logger LOG = LoggerFactory.getLogger(DeliveryLanes.class);
    static final String TEMPLATE = "deliver";
    public static final String LANE_HEADER = "lane";
    public static final String TOPIC_HEADER = "laneTopic";
    private static final String HAND_OVERS = "handOvers";
    private static final String SPLIT_INDEX = "socialwireBatchIndex";

    private final KafkaTopics topics;
    private final KeyedState<String> lanes;
    private final int consumersPerLane;
    private final Object[] conversationLocks = java.util.stream.Stream.generate(Object::new).limit(64).toArray();
    private final Map<String, String> open = new ConcurrentHashMap<>();
    private volatile CamelContext camel;

    public DeliveryLanes(HubState state, KafkaTopics topics,
                         @Value("${socialwire.delivery.lane-consumers:1}") int consumersPerLane) {
        this.topics = topics;
        this.consumersPerLane = consumersPerLane;
        this.lanes = state.store(StateTopology.LANES);
    }

    /**
     * Dispatch: the lane of this interaction's conversation (its department's, for a new conversation), remembered
     * before the interaction is handed over. Sets the {@code lane} and {@code laneTopic} headers; none for the
     * deletion of a post no lane has seen.
     */
    public void assign(Exchange exchange) {
        SocialInteraction interaction = exchange.getMessage().getBody(SocialInteraction.class);
        if (SocialInteraction.DELETE.equals(interaction.kind())) {
            // the deleted post started a conversation: redact it in that lane, after what is queued there
            String lane = lanes.get(interaction.inReplyToId());
            exchange.getMessage().setHeader(LANE_HEADER, lane);
            exchange.getMessage().setHeader(TOPIC_HEADER, lane == null ? null : open(lane));
            return;
        }
        Long storedAt = exchange.getMessage().getHeader(KafkaConstants.TIMESTAMP, Long.class);
        if (storedAt != null) {
            exchange.getMessage().setHeader(DeliveryMetrics.RECEIVED_AT_HEADER, storedAt.toString());
        }
        String lane;
        // dispatch enriches in parallel: two interactions of one conversation must not both give it a lane, but
        // other conversations need not wait for a store read (a lock per conversation, striped, not one for all)
        synchronized (conversationLocks[Math.floorMod(interaction.conversationId().hashCode(), conversationLocks.length)]) {
            lane = lanes.get(interaction.conversationId());
            if (lane == null) {
                lane = interaction.enrichment().department();
                lanes.put(interaction.conversationId(), lane);
            }
        }
        exchange.getMessage().setHeader(LANE_HEADER, lane);
        exchange.getMessage().setHeader(TOPIC_HEADER, open(lane));
    }

    /** Dispatch, before its batch is split: where the records handed to lanes are gathered. */
    public void startHandOvers(Exchange exchange) {
        exchange.setProperty(HAND_OVERS, java.util.Collections.synchronizedList(new ArrayList<Message>()));
    }

    /** Dispatch, for each record: the enriched interaction (the body) joins its lane's records, to be sent together. */
    public void handOver(Exchange exchange) {
        DefaultMessage record = new DefaultMessage(exchange.getContext());
        record.setBody(exchange.getMessage().getBody(String.class));
        exchange.getMessage().getHeaders().forEach((name, value) -> {
            if (!name.startsWith("kafka.") && !name.startsWith("Camel")) {
                record.setHeader(name, value);
            }
        });
        record.setHeader(KafkaConstants.KEY, exchange.getMessage().getHeader(KafkaConstants.KEY));
        record.setHeader(KafkaConstants.OVERRIDE_TOPIC, exchange.getMessage().getHeader(TOPIC_HEADER));
        record.setHeader(SPLIT_INDEX, exchange.getProperty(Exchange.SPLIT_INDEX, 0, Integer.class));
        @SuppressWarnings("unchecked")
        List<Message> handOvers = exchange.getProperty(HAND_OVERS, List.class);
        handOvers.add(record);
    }

    /** Dispatch, after the split: the batch's records for the lanes, each with its lane's topic. */
    public List<Message> handOvers(Exchange exchange) {
        @SuppressWarnings("unchecked")
        List<Message> handOvers = new ArrayList<>(exchange.getProperty(HAND_OVERS, List.class));
        // enriched in parallel: back in the order they were consumed, so a conversation keeps its order
        handOvers.sort(java.util.Comparator.comparing(m -> m.getHeader(SPLIT_INDEX, Integer.class)));
        handOvers.forEach(m -> m.removeHeader(SPLIT_INDEX));
        return handOvers;
    }

    /** A lane consumer: the headers dispatch derived from the enriched interaction it received. */
    public void received(Exchange exchange) {
        SocialInteraction interaction = exchange.getMessage().getBody(SocialInteraction.class);
        if (interaction.enrichment() != null) {
            exchange.getMessage().setHeader(Enricher.DEPARTMENT_HEADER, interaction.enrichment().department());
        }
        exchange.getMessage().setHeader(Enricher.INTERACTION_ID_HEADER, interaction.id());
    }

    /** The lane's topic, created and its consumer route started the first time this instance needs it. */
    String open(String lane) {
        String topic = open.get(lane);
        return topic != null ? topic : start(lane);
    }

    private synchronized String start(String lane) {
        String topic = open.get(lane);
        if (topic == null) {
            topic = topics.lane(lane);
            // each consumer a route with its own static group member id (a Kafka consumer's consumersCount would give
            // them all the same one); Kafka shares the lane's partitions out among every instance's consumers
            for (int consumer = 0; consumer < consumersPerLane; consumer++) {
                try {
                    camel.addRouteFromTemplate(TEMPLATE + "-" + lane + "-" + consumer, TEMPLATE,
                            Map.of("lane", lane, "topic", topic, "consumer", Integer.toString(consumer)));
                } catch (Exception e) {
                    throw new IllegalStateException("Cannot start delivery lane " + lane, e);
                }
            }
            open.put(lane, topic);
            LOG.info("Delivery lane {} started", lane);
        }
        return topic;
    }

    /** At start, every department's lane consumes what an earlier run left in it. */
    @Override
    public void afterApplicationStart(CamelContext camelContext) {
        this.camel = camelContext;
        DepartmentRoutes.departments(camelContext).stream().sorted().forEach(this::open);
    }

    @Override
    public void beforeApplicationStart(CamelContext camelContext) {
        this.camel = camelContext;
    }
}
