package io.socialwire.channels.x;

import java.time.ZoneId;
import java.util.List;

import io.socialwire.channels.polling.Cursors;
import io.socialwire.model.Author;
import io.socialwire.model.SocialInteraction;
import org.apache.camel.Exchange;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;
import twitter4j.v1.DirectMessage;
import twitter4j.v1.Status;

/**
 * The step after a camel-twitter (v1.1) consumer: one status becomes an interaction unless the source's cursor
 * has passed it. camel-twitter's search sends no {@code since_id} and returns the same statuses on every poll, and
 * its timelines start again from id 1 after a restart: the cursor in {@code socialwire.cursors} is what makes each
 * status count once. The consumer hands statuses over oldest first, so the cursor only moves forward.
 */
@Component("xV11")
public class XV11Statuses {

    private final Cursors cursors;

    public XV11Statuses(Cursors cursors, @Value("${socialwire.channels.x-v11.enabled:false}") boolean enabled,
                        @Value("${socialwire.channels.x-v11.rest-base-url:}") String restBaseUrl) {
        this.cursors = cursors;
        if (enabled && !restBaseUrl.isBlank()) {
            // twitter4j reads its REST base from this property when camel-twitter builds the client
            System.setProperty("twitter4j.restBaseURL", restBaseUrl.endsWith("/") ? restBaseUrl : restBaseUrl + "/");
        }
    }

    public void fresh(Exchange exchange, String source) {
        Status status = exchange.getMessage().getBody(Status.class);
        exchange.getMessage().setBody(cursors.isNew(exchange, source, status.getId())
                ? List.of(interaction(status)) : List.of());
    }

    /** The same for a direct message: the conversation is the sender; the account's own messages are skipped. */
    public void freshMessage(Exchange exchange, String source, String accountId) {
        DirectMessage message = exchange.getMessage().getBody(DirectMessage.class);
        boolean fresh = cursors.isNew(exchange, source, message.getId());
        if (!fresh || Long.toString(message.getSenderId()).equals(accountId)) {
            exchange.getMessage().setBody(List.of());
            return;
        }
        String id = Long.toString(message.getId());
        String sender = Long.toString(message.getSenderId());
        exchange.getMessage().setBody(List.of(new SocialInteraction(SocialInteraction.idFor("x", "dm-" + id), "x",
                "direct_message", id, SocialInteraction.idFor("x", "dm-" + sender), null, null,
                message.getCreatedAt() == null ? null
                        : message.getCreatedAt().atZone(ZoneId.systemDefault()).toInstant(),
                message.getText(), null, new Author(sender, sender, null, null, null, null), null, null, null)));
    }

    static SocialInteraction interaction(Status status) {
        String id = Long.toString(status.getId());
        String handle = status.getUser().getScreenName();
        long parent = status.getInReplyToStatusId();
        Author author = new Author(Long.toString(status.getUser().getId()), handle, status.getUser().getName(),
                "https://x.com/" + handle, (long) status.getUser().getFollowersCount(), status.getUser().isVerified());
        return new SocialInteraction(SocialInteraction.idFor("x", id), "x", parent > 0 ? "reply" : "mention", id,
                SocialInteraction.idFor("x", parent > 0 ? Long.toString(parent) : id),
                parent > 0 ? SocialInteraction.idFor("x", Long.toString(parent)) : null,
                "https://x.com/" + handle + "/status/" + id,
                status.getCreatedAt() == null ? null : status.getCreatedAt().atZone(ZoneId.systemDefault()).toInstant(),
                status.getText(), status.getLang(), author, null, null, null);
    }
}
