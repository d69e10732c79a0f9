package io.socialwire.conversation;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.socialwire.kafka.CompactedTopicView;
import io.socialwire.kafka.KafkaBootstrap;
import io.socialwire.kafka.KafkaTopics;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.stereotype.Component;

/**
 * Conversation to record, kept in the compacted topic {@code socialwire.threads}. Every instance reads it whole
 * when it starts, before its routes consume (this bean is ready before Camel starts), and follows it after.
 */
@Component
public class ConversationIndex implements DisposableBean {

    private final CompactedTopicView<ThreadRecord> view;

    public ConversationIndex(KafkaBootstrap bootstrap, KafkaTopics topics, ObjectMapper json) {
        this.view = CompactedTopicView.ofJson(bootstrap, topics.names().threads(), json,
                ThreadRecord.class);
        view.start();
    }

    public ThreadRecord find(String conversationId) {
        return view.get(conversationId);
    }

    public void remember(ThreadRecord thread) {
        view.put(thread.conversationId(), thread);
    }

    /** Whether the record is already another conversation's (a person's Lead, from their earlier conversation). */
    public boolean isRecordOfAnother(String recordId, String conversationId) {
        return view.values().stream().anyMatch(t -> recordId.equals(t.recordId())
                && !conversationId.equals(t.conversationId()));
    }

    public int size() {
        return view.size();
    }

    @Override
    public void destroy() throws InterruptedException {
        view.close();
    }
}
