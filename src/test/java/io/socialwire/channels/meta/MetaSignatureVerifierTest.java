package io.socialwire.channels.meta;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;

import io.socialwire.Fixtures;
import io.socialwire.webhook.WebhookRejectedException;
import org.junit.jupiter.api.Test;

class MetaSignatureVerifierTest {

    @Test
    void matchesGitHubsPublishedVectorForTheSameScheme() {
        MetaSignatureVerifier verifier = new MetaSignatureVerifier("It's a Secret to Everybody");
        byte[] body = "Hello, World!".getBytes(StandardCharsets.UTF_8);

        assertThat(verifier.sign(body))
                .isEqualTo("sha256=757107ea0eb2509fc211221cce984b8a37570b6d7586c22c46f4379c8b043e17");
        assertThatCode(() -> verifier.verify(
                "sha256=757107ea0eb2509fc211221cce984b8a37570b6d7586c22c46f4379c8b043e17", body))
                .doesNotThrowAnyException();
    }

    @Test
    void verifiesTheRawEscapedBytesButNotReSerialisedJson() {
        MetaSignatureVerifier verifier = new MetaSignatureVerifier("test-app-secret");
        byte[] escaped = Fixtures.bytes("fixtures/meta/escaped-unicode.json");
        // the same JSON document with äöå written as UTF-8 instead of \\u escapes
        byte[] reSerialised = new String(escaped, StandardCharsets.UTF_8)
                .replace("\\u00e4\\u00f6\\u00e5", "äöå").getBytes(StandardCharsets.UTF_8);
        // computed independently: openssl dgst -sha256 -hmac test-app-secret escaped-unicode.json
        String metaSignature = "sha256=285f1bc7b4b19c2e2ffbdde2435d68dc3b365b43c25acf86c8abe2876c9875c2";

        assertThatCode(() -> verifier.verify(metaSignature, escaped)).doesNotThrowAnyException();
        assertThatThrownBy(() -> verifier.verify(metaSignature, reSerialised))
                .isInstanceOf(WebhookRejectedException.class)
                .hasMessageContaining("does not match");
    }

    @Test
    void refusesMissingMalformedAndWrongSignaturesWith401() {
        MetaSignatureVerifier verifier = new MetaSignatureVerifier("test-app-secret");
        byte[] body = "{}".getBytes(StandardCharsets.UTF_8);
        String good = verifier.sign(body);

        assertRejected(() -> verifier.verify(null, body), "missing");
        assertRejected(() -> verifier.verify("sha1=" + good.substring(7), body), "must start with sha256=");
        assertRejected(() -> verifier.verify("sha256=zz", body), "not hexadecimal");
        assertRejected(() -> verifier.verify(good.substring(0, good.length() - 2) + "00", body), "does not match");
        assertRejected(() -> verifier.verify(good, "{ }".getBytes(StandardCharsets.UTF_8)), "does not match");
    }

    @Test
    void acceptsUppercaseHex() {
        MetaSignatureVerifier verifier = new MetaSignatureVerifier("test-app-secret");
        byte[] body = "{}".getBytes(StandardCharsets.UTF_8);

        assertThatCode(() -> verifier.verify("sha256=" + verifier.sign(body).substring(7).toUpperCase(), body))
                .doesNotThrowAnyException();
    }

    private static void assertRejected(org.assertj.core.api.ThrowableAssert.ThrowingCallable call, String reason) {
        assertThatThrownBy(call).isInstanceOfSatisfying(WebhookRejectedException.class, e -> {
            assertThat(e.status()).isEqualTo(401);
            assertThat(e.getMessage()).contains(reason);
        });
    }
}
