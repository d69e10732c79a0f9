package io.socialwire.identity;

import java.io.IOException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

import com.fasterxml.jackson.databind.JsonNode;
import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.socialwire.model.InteractionJson;
import io.socialwire.model.SocialInteraction;
import io.socialwire.pacing.TargetPacing;
import org.apache.camel.Exchange;
import org.apache.camel.Message;
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
    /** Set on a lane batch when Salesforce could not be asked: its records defer the match. */
    static final String UNAVAILABLE = "identityUnavailable";
    /** Handles per query: the IN list stays far below SOQL's length limit. */
    private static final int HANDLES_PER_QUERY = 100;

    private static final Logger LOG = LoggerFactory.getLogger(IdentityResolver.class);

    private final IdentityProperties properties;
    private final SalesforceQueries salesforce;
    private final Clock clock;
    private final TargetPacing pacing;
    /** Matches and misses by channel and handle, bounded in size and time. */
    private final Cache<String, Optional<Person>> cache;
    private final InteractionJson interactions;

    public IdentityResolver(IdentityProperties properties, SalesforceQueries salesforce, Clock clock,
                            TargetPacing pacing, InteractionJson interactions) {
        this.interactions = interactions;
        this.properties = properties;
        this.salesforce = salesforce;
        this.clock = clock;
        this.pacing = pacing;
        this.cache = Caffeine.newBuilder().maximumSize(properties.cacheSize()).expireAfterWrite(properties.ttl())
                .ticker(() -> {
                    Instant now = clock.instant();
                    return now.getEpochSecond() * 1_000_000_000L + now.getNano();
                }).build();
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
        SocialInteraction interaction = exchange.getMessage().getBody(SocialInteraction.class);
        boolean known = cached(interaction) != null;
        if (known || !pacing.isPaused("salesforce") && !exchange.getProperty(UNAVAILABLE, false, Boolean.class)) {
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

    /**
     * The lane batch step: matches every author of the batch the cache does not know in one call (the Composite
     * API, Contacts and unconverted Leads by handle), so the records' own steps find them cached. When Salesforce
     * is paused or fails, the batch goes on and its records defer the match ({@link #resolveOrDefer}).
     */
    public void resolveAll(Exchange exchange) {
        if (!properties.enabled()) {
            return;
        }
        Map<String, Map<String, String>> wanted = new LinkedHashMap<>(); // field -> handle -> cache key
        for (Object record : exchange.getMessage().getBody(List.class)) {
            SocialInteraction interaction = parse(((Message) record).getBody(String.class));
            String field = interaction == null ? null : properties.handleFields().get(interaction.channel());
            String handle = interaction == null ? null : handle(interaction);
            if (field != null && handle != null && cached(interaction) == null) {
                wanted.computeIfAbsent(field, f -> new LinkedHashMap<>()).put(handle,
                        interaction.channel() + ":" + handle);
            }
        }
        if (wanted.isEmpty()) {
            return;
        }
        if (pacing.isPaused("salesforce")) {
            exchange.setProperty(UNAVAILABLE, true);
            return;
        }
        List<String> queries = new ArrayList<>();
        List<String[]> asked = new ArrayList<>(); // per query: type, field
        wanted.forEach((field, handles) -> {
            List<String> all = new ArrayList<>(handles.keySet());
            for (int from = 0; from < all.size(); from += HANDLES_PER_QUERY) {
                String in = all.subList(from, Math.min(all.size(), from + HANDLES_PER_QUERY)).stream()
                        .map(SalesforceQueries::literal).collect(Collectors.joining(", ", "(", ")"));
                queries.add("SELECT Id, Name, " + field + " FROM Contact WHERE " + field + " IN " + in);
                asked.add(new String[] {Person.CONTACT, field});
                queries.add("SELECT Id, Name, Description, " + field + " FROM Lead WHERE " + field + " IN " + in
                        + " AND IsConverted = false");
                asked.add(new String[] {Person.LEAD, field});
            }
        });
        List<List<JsonNode>> answers;
        try {
            answers = salesforce.all(queries);
        } catch (RuntimeException e) {
            LOG.warn("Authors not matched, Salesforce failed: {}", e.getClass().getSimpleName());
            exchange.setProperty(UNAVAILABLE, true);
            return;
        }
        Map<String, Person> found = new HashMap<>(); // cache key -> person; a Contact wins over a Lead
        for (int i = 0; i < answers.size(); i++) {
            String type = asked.get(i)[0];
            String field = asked.get(i)[1];
            for (JsonNode r : answers.get(i)) {
                String key = wanted.get(field).get(r.path(field).asText("").toLowerCase(Locale.ROOT));
                if (key != null && (type.equals(Person.CONTACT) || !found.containsKey(key))) {
                    found.put(key, person(type, r));
                }
            }
        }
        wanted.values().forEach(keys -> keys.values().forEach(key ->
                cache.put(key, Optional.ofNullable(found.get(key)))));
    }

    public Optional<Person> resolve(SocialInteraction interaction) {
        String field = properties.handleFields().get(interaction.channel());
        String handle = handle(interaction);
        if (!properties.enabled() || field == null || handle == null) {
            return Optional.empty();
        }
        String key = interaction.channel() + ":" + handle;
        Optional<Person> cached = cached(interaction);
        if (cached != null) {
            return cached;
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
        cache.put(key, person);
        return person;
    }

    /** The cached match of the author (empty: known to be nobody), or null when the cache does not know. */
    @SuppressWarnings("OptionalAssignedToNull")
    private Optional<Person> cached(SocialInteraction interaction) {
        String handle = interaction == null ? null : handle(interaction);
        return handle == null ? null : cache.getIfPresent(interaction.channel() + ":" + handle);
    }

    private SocialInteraction parse(String record) {
        try {
            return record == null ? null : interactions.fromRecord(record);
        } catch (IOException e) {
            return null; // not an interaction: its own steps dead-letter it
        }
    }

    /** Forgets every cached match (erasure: a person's identity must not outlive their records). */
    public void forgetAll() {
        cache.invalidateAll();
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
        Optional<JsonNode> record = salesforce.first("SELECT Id, Name" + (Person.LEAD.equals(type) ? ", Description" : "")
                + " FROM " + type + " WHERE " + field + " = " + SalesforceQueries.literal(handle) + condition + " LIMIT 1");
        return record.map(r -> person(type, r));
    }

    /**
     * A matched record as a person. A Lead keeps only the interaction its Description names as its creator (the
     * {@code Interaction:} line of the social context the hub writes), so a first interaction redelivered after a
     * crash recognises the Lead it created itself.
     */
    private static Person person(String type, JsonNode record) {
        String createdBy = record.path("Description").asText("").lines().filter(l -> l.startsWith("Interaction:"))
                .map(l -> l.substring("Interaction:".length()).strip()).findFirst().orElse(null);
        return new Person(type, record.path("Id").asText(), record.path("Name").asText(null), createdBy);
    }
}
