package io.socialwire.conversation;

import java.time.Duration;
import java.util.Set;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.socialwire.state.HubState;
import io.socialwire.state.KeyedState;
import io.socialwire.state.StateTopology;
import org.springframework.stereotype.Component;

/**
 * Conversation to record: the state store {@code conversations}, kept in the compacted topic
 * {@code socialwire.threads} and partitioned by conversation id like the interactions.
 */
@Component
public class ConversationIndex {

    private final KeyedState<ThreadRecord> threads;
    private final HubState state;
    /** Records this instance just gave a conversation, until the derived {@code records} store has them. */
    private final Cache<String, String> recentRecords = Caffeine.newBuilder().maximumSize(10_000)
            .expireAfterWrite(Duration.ofSeconds(30)).build();

    public ConversationIndex(HubState state, ObjectMapper json) {
        this.state = state;
        this.threads = state.store(StateTopology.CONVERSATIONS, json, ThreadRecord.class);
    }

    public ThreadRecord find(String conversationId) {
        return threads.get(conversationId);
    }

    public void remember(ThreadRecord thread) {
        threads.put(thread.conversationId(), thread);
        if (thread.recordId() != null) {
            recentRecords.put(thread.recordId(), thread.conversationId());
        }
    }

    /** Whether the record is already another conversation's (a person's Lead, from their earlier conversation). */
    public boolean isRecordOfAnother(String recordId, String conversationId) {
        String recent = recentRecords.getIfPresent(recordId);
        if (recent != null && !recent.equals(conversationId)) {
            return true;
        }
        Set<String> having = state.conversationsOf(recordId);
        return having.stream().anyMatch(other -> !other.equals(conversationId));
    }
}
