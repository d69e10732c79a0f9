package io.socialwire.emulator.jira;

import java.util.List;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The Jira Cloud site the emulator plays. Credentials are the emulators' shared ones (EMULATOR_USERNAME as the
 * account's email, EMULATOR_PASSWORD as its API token).
 *
 * @param projects   project keys that exist on the site; issues in others are refused as on a real site
 * @param issueTypes issue types every project offers
 */
@ConfigurationProperties("socialwire.emulators.jira")
public record JiraEmulatorProperties(
        @DefaultValue("SOC") List<String> projects,
        @DefaultValue({"Task", "Bug", "Story", "Epic"}) List<String> issueTypes) {
}
