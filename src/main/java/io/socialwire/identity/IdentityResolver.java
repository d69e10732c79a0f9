package io.socialwire.identity;

import java.time.Clock;
import java.time.Instant;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import com.fasterxml.jackson.databind.JsonNode;
import io.socialwire.model.SocialInteraction;
import io.socialwire.pacing.TargetPacing;
import org.apache.camel.Exchange;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Matches the author to an existing Salesforce Contact, else an unconverted Lead, by the handle field configured
 * for the channel; answers are cached (misses too) for the configured time, so a busy author costs one pair of
 * queries per TTL rather than per post.
 */
@Component("identity")
public class IdentityResolver {

    public static final String PERSON = "person";
    public static final String PERSON_TYPE_HEADER = "personType";
    public static final String PERSON_ID_HEADER = "personId";
    /** The {@code personType} when Salesforce could not be asked: the author may or may not be known. */
    public static final String UNRESOLVED = "unresolved";

    private static final Logger LOG = LoggerFactory.getLogger(IdentityResolver.class);

    private record Cached(Optional<Person> person, Instant expires) {
    }

    private final IdentityProperties properties;
    private final SalesforceQueries salesforce;
    private final Clock clock;
    private final TargetPacing pacing;
    private final Map<String, Cached> cache = new ConcurrentHashMap<>();

    public IdentityResolver(IdentityProperties properties, SalesforceQueries salesforce, Clock clock,
                            TargetPacing pacing) {
        this.properties = properties;
        this.salesforce = salesforce;
        this.clock = clock;
        this.pacing = pacing;
    }

    /** The dispatch step: sets the {@code person} property and the {@code personType} header (Contact, Lead, none). */
    public void resolve(Exchange exchange) {
        Optional<Person> person = resolve(exchange.getMessage().getBody(SocialInteraction.class));
        exchange.setProperty(PERSON, person.orElse(null));
        exchange.getMessage().setHeader(PERSON_TYPE_HEADER, person.map(Person::type).orElse("none"));
        exchange.getMessage().setHeader(PERSON_ID_HEADER, person.map(Person::id).orElse(null));
    }

    /**
     * The delivery step: like {@link #resolve(Exchange)}, but when Salesforce is paused or failing the interaction
     * goes on as {@code unresolved} instead of waiting, so a Salesforce outage does not hold up ServiceNow records.
     * Routes that need the answer (sales) retry an unresolved interaction; the Contact Task is logged later.
     */
    public void resolveOrDefer(Exchange exchange) {
        if (!pacing.isPaused("salesforce")) {
            try {
                resolve(exchange);
                return;
            } catch (RuntimeException e) {
                LOG.warn("Author not matched, Salesforce failed: {}", e.getClass().getSimpleName());
            }
        }
        exchange.setProperty(PERSON, null);
        exchange.getMessage().setHeader(PERSON_TYPE_HEADER, UNRESOLVED);
        exchange.getMessage().setHeader(PERSON_ID_HEADER, null);
    }

    public Optional<Person> resolve(SocialInteraction interaction) {
        String field = properties.handleFields().get(interaction.channel());
        String handle = handle(interaction);
        if (!properties.enabled() || field == null || handle == null) {
            return Optional.empty();
        }
        String key = interaction.channel() + ":" + handle;
        Cached cached = cache.get(key);
        if (cached != null && clock.instant().isBefore(cached.expires())) {
            return cached.person();
        }
        // here, not in the route: a redelivery retries this step alone, and must still respect a hold
        try {
            pacing.await("salesforce");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while Salesforce was paused", e);
        }
        Optional<Person> person = find(Person.CONTACT, field, handle, "")
                .or(() -> find(Person.LEAD, field, handle, " AND IsConverted = false"));
        cache.put(key, new Cached(person, clock.instant().plus(properties.ttl())));
        return person;
    }

    /** Forgets every cached match (erasure: a person's identity must not outlive their records). */
    public void forgetAll() {
        cache.clear();
    }

    /** The value stored in the channel's handle field for this author, as matching expects it. */
    public static String handle(SocialInteraction interaction) {
        if (interaction.author() == null || interaction.author().handle() == null) {
            return null;
        }
        String handle = interaction.author().handle().strip();
        handle = handle.startsWith("@") ? handle.substring(1) : handle;
        return handle.isEmpty() ? null : handle.toLowerCase(Locale.ROOT);
    }

    private Optional<Person> find(String type, String field, String handle, String condition) {
        Optional<JsonNode> record = salesforce.first("SELECT Id, Name FROM " + type + " WHERE " + field + " = "
                + SalesforceQueries.literal(handle) + condition + " LIMIT 1");
        return record.map(r -> new Person(type, r.path("Id").asText(), r.path("Name").asText(null)));
    }
}
