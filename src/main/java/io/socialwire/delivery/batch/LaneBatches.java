package io.socialwire.delivery.batch;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.socialwire.conversation.Conversations;
import io.socialwire.dispatch.DeadLetters;
import io.socialwire.dispatch.Failures;
import io.socialwire.dispatch.KafkaBatches;
import io.socialwire.kafka.DeferredAcks;
import io.socialwire.targets.Targets;
import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.apache.camel.ProducerTemplate;
import org.springframework.stereotype.Component;

/**
 * The batch steps of the delivery lanes (routes/deliver.camel.yaml). A lane consumes a batch of records (up to
 * {@code socialwire.delivery.batch-size}, or what arrived within {@code batch-wait-ms}); each record is routed
 * on its own by the YAML routes, whose batched sinks collect writes instead of calling their target; the flush then
 * hands them per system to its batch-write route (routes/targets/), which sends them in as few calls as the API
 * allows. A record a
 * target refuses goes to the dead-letter topic on its own; the others land. Offsets are committed once the whole
 * batch is written or dead-lettered.
 */
@Component("laneBatches")
public class LaneBatches {

    /** The record's value and source headers as consumed, for the dead-letter topic. */
    static final String RECORD = "laneRecord";
    /** Set by a route on a record: the endpoint its exchange goes to once the batch's writes are done. */
    public static final String AFTER_WRITE = "afterWrite";

    /** The route's variable holding the writes it sends. */
    static final String WRITES = "writes";
    /** The lane batch's store writes, awaited together before its commit, and what a joining thread was in. */

    private final Targets targets;
    private final InFlightBatches inFlight;
    private final ProducerTemplate camel;
    private final Conversations conversations;
    private final Failures failures;

    LaneBatches(Targets targets, InFlightBatches inFlight, ProducerTemplate camel, Conversations conversations,
                Failures failures) {
        this.targets = targets;
        this.inFlight = inFlight;
        this.camel = camel;
        this.conversations = conversations;
        this.failures = failures;
    }

    /** After {@code kafkaBatches.open}: the batch's writes, and whether it overlaps one cut short by a stop. */
    public void open(Exchange exchange) {
        @SuppressWarnings("unchecked")
        List<Exchange> consumed = exchange.getProperty(KafkaBatches.CONSUMED, List.class);
        exchange.setProperty(LaneBatch.PROPERTY, new LaneBatch(inFlight.overlaps(consumed)));
    }

    /** First step for each record: keeps what was consumed, should the record be dead-lettered after the split. */
    public void record(Exchange exchange) {
        exchange.setProperty(RECORD, exchange.getMessage().copy());
        exchange.setProperty(LaneBatch.ROUTED, exchange);
        LaneBatch.of(exchange).add(exchange);
    }

    /**
     * After {@code conversations.lookup}: a new conversation whose record another record of this batch is creating
     * continues in that record once it exists.
     */
    public void joinCreating(Exchange exchange) {
        if (!Conversations.NEW.equals(exchange.getMessage().getHeader(Conversations.STATE_HEADER))) {
            return;
        }
        Write creating = LaneBatch.of(exchange).creating(LaneBatch.interaction(exchange).conversationId());
        if (creating != null) {
            exchange.setProperty(Conversations.PENDING_RECORD, creating);
            conversations.continueCreating(exchange, creating.system(), creating.type());
        }
    }

    /**
     * Sends the batch's writes, creations first, then what continues them. Ready writes go out together per
     * system and group; a record a target refuses is dead-lettered; a failure retrying can fix fails the step, which
     * Camel retries (writes that landed are not sent again; what follows them, index and receipt, is done first if it
     * failed), and at last the batch, which Kafka hands back.
     */
    public void flush(Exchange exchange) throws InterruptedException {
        LaneBatch batch = LaneBatch.of(exchange);
        if (batch.writes().isEmpty()) {
            return;
        }
        inFlight.flushing(exchange.getProperty(KafkaBatches.CONSUMED, List.class));
        RuntimeException retry = null;
        Set<String> failing = new HashSet<>(); // a system that failed is left alone until the retry
        // written by an earlier attempt, but what follows (index, receipt) failed: done now, or the step fails again
        batch.writes().stream().filter(Write::awaitsFollowUp).forEach(Write::followUp);
        while (true) {
            deadLetterOrphans(batch);
            Map<String, List<Write>> calls = new LinkedHashMap<>();
            batch.writes().stream().filter(Write::isReady).forEach(w -> calls
                    .computeIfAbsent(w.system() + "/" + w.group(), k -> new ArrayList<>()).add(w));
            if (calls.isEmpty()) {
                break;
            }
            long before = batch.writes().stream().filter(Write::isDone).count();
            // each system on its own: one that is down does not hold up the writes to the others
            for (List<Write> call : calls.values()) {
                String system = call.get(0).system();
                if (failing.contains(system)) {
                    continue;
                }
                Exception failed = write(batch, call);
                call.stream().filter(w -> w.refusal() != null && !w.isDone())
                        .forEach(w -> deadLetter(w, w.refusal()));
                if (failed == null) {
                    continue;
                }
                if (failures.isPermanentFailure(failed, system)) {
                    // a write that landed is not refused: only what follows it failed, which the retry does
                    call.stream().filter(w -> !w.hasLanded()).forEach(w -> deadLetter(w, failed));
                    continue;
                }
                if (!Failures.isAnswer(failed)) {
                    batch.markSuspect(); // no answer: some of the writes may have landed
                }
                retry = failed instanceof RuntimeException r ? r : new IllegalStateException(failed.getMessage(), failed);
                failing.add(system);
            }
            if (batch.writes().stream().filter(Write::isDone).count() == before) {
                break; // nothing moved: what is left waits for a retry
            }
        }
        if (retry != null || batch.writes().stream().anyMatch(w -> !w.isDone())) {
            throw retry != null ? retry : new IllegalStateException("writes left for a retry: a target said later");
        }
    }

    /**
     * After the flush: the steps a route left for once its record is written (property {@value #AFTER_WRITE}, an
     * endpoint), such as an alert that links the record, each record's once.
     */
    public void afterWrites(Exchange exchange) {
        for (Exchange record : LaneBatch.of(exchange).routed()) {
            String endpoint = record.getProperty(AFTER_WRITE, String.class);
            if (endpoint == null || record.getProperty(LaneBatch.PROPERTY, LaneBatch.class) == null) {
                continue;
            }
            Exchange done = camel.send(endpoint, record);
            if (done.getException() != null) {
                throw new IllegalStateException("after writing, " + endpoint + " failed", done.getException());
            }
            record.removeProperty(AFTER_WRITE);
        }
    }

    /**
     * Sends one call's writes through their system's batch-write route (socialwire.targets.<system>.batch-write-with),
     * which marks each written or refused; the route's failure, if any.
     */
    private Exception write(LaneBatch batch, List<Write> call) {
        Exchange done = camel.send(targets.batchWriteWith(call.get(0).system()), e -> {
            e.setProperty(LaneBatch.PROPERTY, batch);
            e.setVariable(WRITES, call);
            e.getMessage().setBody(call);
        });
        return done.getException();
    }

    /** Writes whose record could not be created (it was dead-lettered) go the same way. */
    private void deadLetterOrphans(LaneBatch batch) {
        for (Write w : batch.writes()) {
            Write parent = w.parent();
            if (!w.isDone() && parent != null && parent.isDone() && parent.failure() != null) {
                deadLetter(w, parent.failure());
            }
        }
    }

    private void deadLetter(Write write, Throwable reason) {
        write.failed(reason);
        Message record = write.exchange().getProperty(RECORD, Message.class);
        Exchange failed = camel.send("direct:dead-letter", e -> {
            e.getMessage().setBody(record.getBody());
            e.getMessage().setHeaders(new HashMap<>(record.getHeaders()));
            e.setProperty(Exchange.EXCEPTION_CAUGHT, reason);
            e.setProperty(DeadLetters.TARGET_PROPERTY, write.exchange().getProperty(DeadLetters.TARGET_PROPERTY));
            e.setProperty(Conversations.INTERACTION, write.interaction());
        });
        if (failed.getException() != null) {
            throw new IllegalStateException("the dead-letter topic did not take a refused record",
                    failed.getException());
        }
    }
}
