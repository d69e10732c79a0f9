package io.socialwire.channels.bluesky;

import java.io.IOException;
import java.util.concurrent.atomic.AtomicReference;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.springframework.stereotype.Component;

/**
 * The brand's Bluesky session ({@code com.atproto.server.createSession}'s answer), kept between answers so the
 * reply kamelets log in once, and again when the PDS says the token expired. Its token is never logged.
 */
@Component("blueskySession")
public class BlueskySession {

    private record Session(String accessJwt, String did) {
    }

    private final ObjectMapper json;
    private final AtomicReference<Session> current = new AtomicReference<>();

    BlueskySession(ObjectMapper json) {
        this.json = json;
    }

    public boolean missing() {
        return current.get() == null;
    }

    /** Keeps the session createSession answered. */
    public void keep(String answer) throws IOException {
        JsonNode session = json.readTree(answer);
        if (!session.hasNonNull("accessJwt") || !session.hasNonNull("did")) {
            throw new IOException("createSession answered without accessJwt and did");
        }
        current.set(new Session(session.path("accessJwt").asText(), session.path("did").asText()));
    }

    /** The PDS refused the token: the next call logs in again. */
    public void forget() {
        current.set(null);
    }

    public String authorization() {
        return "Bearer " + session().accessJwt();
    }

    /** The brand account's DID: the repository its posts go in. */
    public String did() {
        return session().did();
    }

    private Session session() {
        Session session = current.get();
        if (session == null) {
            throw new IllegalStateException("no Bluesky session: log in first");
        }
        return session;
    }
}
