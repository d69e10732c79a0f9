package io.socialwire.replies;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.socialwire.conversation.ConversationIndex;
import io.socialwire.conversation.ThreadRecord;
import io.socialwire.dispatch.DeadLetters;
import io.socialwire.dispatch.Failures;
import io.socialwire.model.Channels;
import io.socialwire.receipts.Receipts;
import io.socialwire.sinks.http.TargetRefusedException;
import io.socialwire.state.HubState;
import io.socialwire.state.KeyedState;
import io.socialwire.state.StateTopology;
import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * The steps of the replies routes (routes/replies/): an agent's answer read from a system of record becomes a
 * {@link Reply} of the conversation whose record it is; the outbox consumer posts it once on the conversation's
 * channel, remembers how far it got (so a crash neither loses nor repeats it), and notes the outcome on the record.
 */
@Component("replies")
public class Replies {

    private static final Logger LOG = LoggerFactory.getLogger(Replies.class);
    public static final String REPLY = "reply";
    /** new, unknown (posting when a crash came: look first), posted, refused, noted, off. */
    public static final String STATE_HEADER = "replyState";
    public static final String WITH_HEADER = "replyWith";
    public static final String FIND_WITH_HEADER = "replyFindWith";
    public static final String NOTE_WITH_HEADER = "replyNoteWith";
    /** The posted answer's link, set by the channel's kamelet. */
    public static final String URL_HEADER = "replyUrl";
    /**
     * Why the channel would refuse the answer, set by a kamelet that knows it without calling (a post longer than
     * the channel takes): refused with that reason, no call made.
     */
    public static final String REFUSED_HEADER = "replyRefused";

    private final ConversationIndex index;
    private final Receipts receipts;
    private final HubState state;
    private final KeyedState<ReplyProgress> progress;
    private final RepliesProperties properties;
    private final ObjectMapper json;
    private final MeterRegistry metrics;
    private final Clock clock;

    Replies(ConversationIndex index, Receipts receipts, HubState state, RepliesProperties properties,
            ObjectMapper json, MeterRegistry metrics, Clock clock) {
        this.index = index;
        this.receipts = receipts;
        this.state = state;
        this.progress = state.store(StateTopology.REPLIES_SENT, json, ReplyProgress.class);
        this.properties = properties;
        this.json = json;
        this.metrics = metrics;
        this.clock = clock;
    }

    @EventListener(ApplicationReadyEvent.class)
    void sayWhichChannelsAreOff() {
        properties.channels().forEach((channel, settings) -> {
            if (!settings.on()) {
                LOG.info("Replies on {} are off: no token set", Channels.displayName(channel));
            }
        });
    }

    /**
     * An answer an agent wrote on a record in {@code system}; null unless the record is a conversation's that the hub
     * created and knows where to answer.
     */
    public Reply of(String system, String recordId, String entryId, String text, String agent, Instant writtenAt) {
        if (recordId == null || text == null || text.isBlank()) {
            return null;
        }
        for (String conversationId : state.conversationsOf(recordId)) {
            ThreadRecord thread = index.find(conversationId);
            if (thread != null && system.equals(thread.system()) && recordId.equals(thread.recordId())
                    && thread.replyTo() != null) {
                return new Reply(system + ":" + entryId, system, thread.recordType(), recordId, conversationId,
                        text.strip(), agent, writtenAt, thread.replyTo());
            }
        }
        return null;
    }

    /** The outbox consumer: the answer (body, JSON), how far it got already, and the routes that handle it. */
    public void open(Exchange exchange) {
        Reply reply = read(exchange.getMessage().getBody(String.class));
        exchange.setProperty(REPLY, reply);
        exchange.setProperty(DeadLetters.TARGET_PROPERTY, reply.to().channel());
        exchange.setVariable("replyJson", exchange.getMessage().getBody(String.class));
        Message message = exchange.getMessage();
        RepliesProperties.Channel channel = properties.channels().get(reply.to().channel());
        RepliesProperties.Source source = properties.sources().get(reply.system());
        message.setHeader(NOTE_WITH_HEADER, source == null ? null : source.noteWith());
        ReplyProgress done = progress.get(reply.id());
        String state;
        if (done != null) {
            state = ReplyProgress.POSTING.equals(done.state()) ? "unknown" : done.state();
            message.setHeader(URL_HEADER, done.url());
        } else if (channel == null || !channel.on()) {
            state = "off";
        } else {
            state = "new";
        }
        message.setHeader(STATE_HEADER, state);
        if (channel != null) {
            message.setHeader(WITH_HEADER, channel.replyWith());
            message.setHeader(FIND_WITH_HEADER, channel.findWith());
        }
    }

    /** Before the call to the channel: after it, a crash leaves it unknown whether the answer went out. */
    public void posting(Exchange exchange) {
        progress.putAndWait(reply(exchange).id(), new ReplyProgress(ReplyProgress.POSTING, null, null,
                clock.instant()));
    }

    /**
     * The channel's answer to the post ({@code CamelHttpResponseCode}): posted (its link in {@code replyUrl}),
     * refused for good (the reason noted on the record and dead-lettered), or a failure to retry (a rate limit, an
     * outage: thrown, so the outbox record is handed back). A kamelet that refused it without calling said why in
     * {@code replyRefused}.
     */
    public void answered(Exchange exchange) {
        Reply reply = reply(exchange);
        Message message = exchange.getMessage();
        String refusedBeforeCalling = message.getHeader(REFUSED_HEADER, String.class);
        if (refusedBeforeCalling != null) {
            refuse(exchange, 0, refusedBeforeCalling);
            return;
        }
        int status = message.getHeader(Exchange.HTTP_RESPONSE_CODE, 0, Integer.class);
        if (status >= 200 && status < 300 && message.getHeader(URL_HEADER) != null) {
            posted(exchange, "posted");
            return;
        }
        String reason = reason(message.getBody(String.class), status);
        if (status == 429) {
            progress.remove(reply.id()); // a rate limit: certainly not posted
        }
        if (status == 0 || Failures.isRetryableStatus(status)) {
            count(reply, "retried");
            throw new TargetRefusedException(reply.to().channel(), status, reason);
        }
        refuse(exchange, status, reason);
    }

    /**
     * A crash came after the call to the channel began and before its answer was kept, and the post cannot be looked
     * for (no find-with kamelet for the channel, or a kind it cannot search, like a direct message): rather than
     * risk posting twice, the record says so and a person checks.
     */
    public void unknown(Exchange exchange) {
        refuse(exchange, 0, "the hub stopped while posting it; check the conversation on "
                + Channels.displayName(reply(exchange).to().channel()) + " before answering again");
    }

    /** Found on the channel after a crash ({@code replyUrl} set by the find-with kamelet), or not: post it. */
    public void found(Exchange exchange) {
        if (ReplyProgress.REFUSED.equals(exchange.getMessage().getHeader(STATE_HEADER))) {
            return; // the channel could not be looked at: the record was told to check
        }
        if (exchange.getMessage().getHeader(URL_HEADER) != null) {
            posted(exchange, "found");
        } else {
            exchange.getMessage().setHeader(STATE_HEADER, "new");
        }
    }

    /** Replies on the answer's channel are off (no token): the record says so. */
    public void off(Exchange exchange) {
        refuse(exchange, 0, "replies on " + Channels.displayName(reply(exchange).to().channel())
                + " are off (no token set)");
    }

    /** The note for the record: where the answer was posted, or why it was not. */
    public String note(Exchange exchange) {
        Reply reply = reply(exchange);
        String channel = Channels.displayName(reply.to().channel());
        String url = exchange.getMessage().getHeader(URL_HEADER, String.class);
        ReplyProgress done = progress.get(reply.id());
        if (done != null && ReplyProgress.REFUSED.equals(done.state())) {
            return "Reply not sent on " + channel + ": " + done.reason();
        }
        return "Replied on " + channel + ": " + url;
    }

    /** An answer on its way into the outbox: its JSON, keyed by its conversation (the body, a {@link Reply}). */
    public void toOutbox(Exchange exchange) throws IOException {
        Reply reply = exchange.getMessage().getBody(Reply.class);
        exchange.getMessage().setHeader("kafka.KEY", reply.conversationId());
        exchange.getMessage().setBody(json.writeValueAsString(reply));
    }

    /** The record says what became of the answer: nothing is left to do for it. */
    public void noted(Exchange exchange) {
        Reply reply = reply(exchange);
        ReplyProgress done = progress.get(reply.id());
        progress.putAndWait(reply.id(), new ReplyProgress(ReplyProgress.NOTED, done == null ? null : done.url(),
                done == null ? null : done.reason(), clock.instant()));
    }

    public Reply reply(Exchange exchange) {
        return exchange.getProperty(REPLY, Reply.class);
    }

    /** {@code outcome}: posted now, or found on the channel, posted before a crash. */
    private void posted(Exchange exchange, String outcome) {
        Reply reply = reply(exchange);
        String url = exchange.getMessage().getHeader(URL_HEADER, String.class);
        progress.putAndWait(reply.id(), new ReplyProgress(ReplyProgress.POSTED, url, null, clock.instant()));
        exchange.getMessage().setHeader(STATE_HEADER, ReplyProgress.POSTED);
        count(reply, outcome);
        if (reply.writtenAt() != null && "posted".equals(outcome)) {
            Timer.builder("socialwire_reply_latency").description("from the agent's answer to its post on the channel")
                    .tag("channel", reply.to().channel()).publishPercentileHistogram().register(metrics)
                    .record(Duration.between(reply.writtenAt(), clock.instant()).abs());
        }
        receipt(reply, url, "replied");
        LOG.info("Reply {} {} on {}", reply.id(), "posted".equals(outcome) ? "posted" : "found already posted",
                reply.to().channel());
    }

    private void refuse(Exchange exchange, int status, String reason) {
        Reply reply = reply(exchange);
        progress.putAndWait(reply.id(), new ReplyProgress(ReplyProgress.REFUSED, null, reason, clock.instant()));
        exchange.getMessage().setHeader(STATE_HEADER, ReplyProgress.REFUSED);
        exchange.setProperty(Exchange.EXCEPTION_CAUGHT,
                new TargetRefusedException(status, Channels.displayName(reply.to().channel()) + " refused the reply: "
                        + reason));
        count(reply, "refused");
        receipt(reply, null, "reply_refused");
        LOG.warn("Reply {} refused by {}: {}", reply.id(), reply.to().channel(), reason);
    }

    private void count(Reply reply, String outcome) {
        metrics.counter("socialwire_replies_total", "channel", reply.to().channel(), "target", reply.system(),
                "outcome", outcome).increment();
    }

    /** What became of the answer, on the receipts of the interaction it answers (GET /api/interactions/{id}). */
    private void receipt(Reply reply, String url, String action) {
        if (reply.to().interactionId() != null) {
            receipts.publish(reply.to().interactionId(), reply.conversationId(), reply.to().channel(), reply.id(), url,
                    action);
        }
    }

    /** The channel's own words for a refusal (X's detail, Graph's error message); never the answer's text. */
    String reason(String answer, int status) {
        try {
            JsonNode body = answer == null || answer.isBlank() ? null : json.readTree(answer);
            if (body != null) {
                for (String path : new String[] {"/error/message", "/detail", "/title", "/message", "/errors/0/message"}) {
                    JsonNode found = body.at(path);
                    if (found.isTextual() && !found.asText().isBlank()) {
                        return "HTTP " + status + " " + found.asText();
                    }
                }
            }
        } catch (IOException e) {
            // not JSON: the status says enough
        }
        return status == 0 ? "no answer" : "HTTP " + status;
    }

    private Reply read(String body) {
        try {
            return json.readValue(body, Reply.class);
        } catch (IOException e) {
            throw new UncheckedIOException("not a reply", e);
        }
    }
}
