package io.socialwire.webhook;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class ChannelSwitchTest {

    @Test
    void aChannelWithoutItsSecretIsOffAndAnswers503WithTheReason() {
        ChannelSwitch off = new ChannelSwitch("LinkedIn", "LINKEDIN_CLIENT_SECRET", " ");

        assertThat(off.isOn()).isFalse();
        assertThatThrownBy(off::requireOn).isInstanceOfSatisfying(WebhookRejectedException.class, e -> {
            assertThat(e.status()).isEqualTo(503);
            assertThat(e.getMessage())
                    .isEqualTo("LinkedIn webhooks are not configured (LINKEDIN_CLIENT_SECRET is not set)");
        });
    }

    @Test
    void aChannelWithItsSecretIsOn() {
        ChannelSwitch on = new ChannelSwitch("X Account Activity", "X_CONSUMER_SECRET", "s3cret");

        assertThat(on.isOn()).isTrue();
        assertThatCode(on::requireOn).doesNotThrowAnyException();
    }
}
