package io.socialwire.emulator.zendesk;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The Zendesk account the emulator plays. Credentials are the emulators' shared ones: EMULATOR_USERNAME is the
 * agent's email, EMULATOR_PASSWORD its password or API token ({@code <email>/token:<token>}).
 *
 * @param perPageLimit the most tickets, comments or results one page holds (Zendesk's is 100)
 */
@ConfigurationProperties("socialwire.emulators.zendesk")
public record ZendeskEmulatorProperties(@DefaultValue("100") int perPageLimit) {
}
