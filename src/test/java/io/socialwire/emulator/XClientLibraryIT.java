package io.socialwire.emulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Set;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.twitter.clientlib.ApiException;
import com.twitter.clientlib.TwitterCredentialsBearer;
import com.twitter.clientlib.api.TwitterApi;
import com.twitter.clientlib.model.Get2TweetsIdResponse;
import com.twitter.clientlib.model.Get2TweetsSearchRecentResponse;
import io.socialwire.support.HubIntegrationTest;
import org.junit.jupiter.api.Test;

/** X's official v2 Java client (twitter-api-java-sdk), unchanged but for its base path, against the X emulator. */
class XClientLibraryIT extends HubIntegrationTest {

    @Test
    void theOfficialClientSearchesAndReadsAuthorsAndErrors() throws Exception {
        HttpResponse<String> posted = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                        URI.create("http://localhost:" + port + "/emulators/x/2/tweets"))
                .header("Authorization", "Bearer user:sdk_user").header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"text\":\"hello from the sdk test, @acme\"}")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(posted.statusCode()).isEqualTo(201);
        TwitterApi api = client("local-x-bearer-token-it");

        Get2TweetsSearchRecentResponse found = api.tweets().tweetsRecentSearch("sdk test")
                .maxResults(10).expansions(Set.of("author_id"))
                .tweetFields(Set.of("created_at", "conversation_id", "lang", "author_id"))
                .userFields(Set.of("username", "name", "public_metrics", "verified")).execute();

        assertThat(found.getData()).singleElement().satisfies(tweet -> {
            assertThat(tweet.getText()).isEqualTo("hello from the sdk test, @acme");
            assertThat(tweet.getConversationId()).isEqualTo(tweet.getId());
            assertThat(tweet.getCreatedAt()).isNotNull();
        });
        assertThat(found.getIncludes().getUsers()).singleElement()
                .satisfies(user -> assertThat(user.getUsername()).isEqualTo("sdk_user"));
        assertThat(found.getMeta().getResultCount()).isEqualTo(1);
        assertThatThrownBy(() -> client("wrong").tweets().tweetsRecentSearch("sdk").execute())
                .isInstanceOfSatisfying(ApiException.class, e -> assertThat(e.getCode()).isEqualTo(401));
    }

    @Test
    void theOfficialClientLooksUpATweetByIdAndReadsXsResourceNotFound() throws Exception {
        HttpResponse<String> posted = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                        URI.create("http://localhost:" + port + "/emulators/x/2/tweets"))
                .header("Authorization", "Bearer user:sdk_lookup").header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"text\":\"looked up by id, @acme\"}")).build(),
                HttpResponse.BodyHandlers.ofString());
        String id = new ObjectMapper().readTree(posted.body()).path("data").path("id").asText();
        TwitterApi api = client("local-x-bearer-token-it");

        Get2TweetsIdResponse found = api.tweets().findTweetById(id).expansions(Set.of("author_id"))
                .tweetFields(Set.of("created_at", "conversation_id", "lang", "author_id")).execute();

        assertThat(found.getData().getId()).isEqualTo(id);
        assertThat(found.getData().getText()).isEqualTo("looked up by id, @acme");
        assertThat(found.getData().getConversationId()).isEqualTo(id);
        assertThat(found.getData().getCreatedAt()).isNotNull();
        assertThat(found.getIncludes().getUsers()).singleElement()
                .satisfies(user -> assertThat(user.getUsername()).isEqualTo("sdk_lookup"));
        Get2TweetsIdResponse unknown = api.tweets().findTweetById("1900000000000999999").execute();
        assertThat(unknown.getData()).isNull();
        assertThat(unknown.getErrors()).singleElement().satisfies(problem -> {
            assertThat(problem.getTitle()).isEqualTo("Not Found Error");
            assertThat(problem.getType()).isEqualTo("https://api.twitter.com/2/problems/resource-not-found");
            assertThat(problem.getDetail()).isEqualTo("Could not find tweet with id: [1900000000000999999].");
        });
    }

    private TwitterApi client(String token) {
        TwitterApi api = new TwitterApi(new TwitterCredentialsBearer(token));
        api.getApiClient().setBasePath("http://localhost:" + port + "/emulators/x");
        return api;
    }
}
