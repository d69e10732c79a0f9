package io.socialwire.erasure;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.Map;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Predicate;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.socialwire.conversation.ConversationIndex;
import io.socialwire.conversation.ThreadRecord;
import io.socialwire.identity.IdentityResolver;
import io.socialwire.kafka.KafkaBootstrap;
import io.socialwire.kafka.KafkaTopics;
import io.socialwire.kafka.TopicScan;
import io.socialwire.model.SocialInteraction;
import io.socialwire.receipts.Receipts;
import io.socialwire.targets.Targets;
import io.socialwire.trace.Traces;
import org.apache.camel.ProducerTemplate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Erases a person: every interaction of theirs the hub received (found in {@code socialwire.interactions}) is
 * overwritten where it was copied (the record it created, its comments, its Tasks, the person's Lead), its
 * receipts get tombstones, its trace keeps only its ids and when it was erased, and the identity cache forgets. Also redacts one post its author deleted.
 * {@code socialwire.interactions} and {@code socialwire.dlq} are not compacted: the original stays there until
 * their retention ends, which bounds how long an erased post survives in the hub.
 */
@Component("erasure")
public class ErasureService {

    private static final Logger LOG = LoggerFactory.getLogger(ErasureService.class);
    /** The conversation's record, for an erase endpoint (null when the index knows none). */
    static final String THREAD_HEADER = "erasureThread";

    /** What an erasure did. */
    public record Report(int interactions, List<String> records, int receiptsForgotten, String retained) {
    }

    private final KafkaBootstrap bootstrap;
    private final List<String> sources;
    private final ObjectMapper json;
    private final ConversationIndex index;
    private final Receipts receipts;
    private final Traces traces;
    private final IdentityResolver identity;
    private final Targets targets;
    private final ProducerTemplate camel;

    ErasureService(KafkaBootstrap bootstrap, KafkaTopics topics, ObjectMapper json, ConversationIndex index,
                   Receipts receipts, Traces traces, IdentityResolver identity, Targets targets,
                   ProducerTemplate camel) {
        this.camel = camel;
        this.bootstrap = bootstrap;
        this.sources = List.of(topics.names().interactions(), topics.names().dlq());
        this.json = json;
        this.index = index;
        this.receipts = receipts;
        this.traces = traces;
        this.identity = identity;
        this.targets = targets;
    }

    public Report erase(String channel, String authorId) {
        List<SocialInteraction> theirs = find(i -> channel.equals(i.channel()) && i.author() != null
                && authorId.equals(i.author().id()));
        Set<String> changed = new LinkedHashSet<>();
        Set<String> ids = new LinkedHashSet<>();
        for (SocialInteraction interaction : theirs) {
            if (ids.add(interaction.id())) {
                changed.addAll(redact(interaction));
            }
        }
        SocialInteraction first = theirs.isEmpty() ? null : theirs.get(0);
        targets.anonymised().forEach((system, target) -> {
            if (target.eraseAuthorWith() != null) {
                changed.addAll(erased(camel.requestBodyAndHeaders(target.eraseAuthorWith(), first,
                        Map.of("channel", channel, "authorId", authorId))));
            }
        });
        ids.forEach(receipts::forget);
        ids.forEach(traces::erase);
        identity.forgetAll();
        LOG.info("Erased a {} author: {} interactions, {} records changed", channel, ids.size(), changed.size());
        return new Report(ids.size(), List.copyOf(changed), ids.size(),
                "socialwire.interactions and socialwire.dlq keep the originals until their retention ends");
    }

    /** A deleted post (X delete event): its text is overwritten wherever the hub copied it. */
    public void redactDeleted(SocialInteraction deletion) {
        String deletedId = deletion.inReplyToId();
        List<SocialInteraction> deleted = find(i -> i.id().equals(deletedId));
        List<String> changed = new ArrayList<>();
        deleted.stream().findFirst().ifPresent(i -> changed.addAll(redact(i)));
        LOG.info("Redacted deleted post {}: {} records changed", deletedId, changed.size());
    }

    /**
     * Overwrites the copies of one interaction (the record it created, its comment or Task on another) in every
     * system where erasure anonymises (socialwire.targets.<system>.erase-with).
     */
    List<String> redact(SocialInteraction interaction) {
        List<String> changed = new ArrayList<>();
        ThreadRecord thread = index.find(interaction.conversationId());
        Map<String, Object> headers = new HashMap<>();
        headers.put(THREAD_HEADER, thread);
        targets.anonymised().forEach((system, target) ->
                changed.addAll(erased(camel.requestBodyAndHeaders(target.eraseWith(), interaction, headers))));
        return changed;
    }

    /** The records an erase endpoint changed, as it answered them ({@code <system>:<type>:<id>}). */
    private static List<String> erased(Object answer) {
        List<String> changed = new ArrayList<>();
        if (answer instanceof List<?> list) {
            list.forEach(item -> changed.add(String.valueOf(item)));
        }
        return changed;
    }

    private List<SocialInteraction> find(Predicate<SocialInteraction> which) {
        List<SocialInteraction> found = new ArrayList<>();
        TopicScan.readAll(bootstrap, sources, record -> {
            SocialInteraction interaction = parse(record.value());
            if (interaction != null && interaction.id() != null && which.test(interaction)) {
                found.add(interaction);
            }
        });
        return found;
    }

    private SocialInteraction parse(String value) {
        try {
            return value == null ? null : json.readValue(value, SocialInteraction.class);
        } catch (Exception notAnInteraction) {
            return null;
        }
    }
}
