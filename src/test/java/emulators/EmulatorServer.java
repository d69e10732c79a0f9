package emulators;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;

import io.socialwire.emulator.CreatedRecords;
import io.socialwire.emulator.EmulatorProperties;
import io.socialwire.emulator.EmulatorFaults;
import io.socialwire.emulator.EmulatorStats;
import io.socialwire.emulator.EmulatorTraffic;
import io.socialwire.emulator.jira.JiraEmulator;
import io.socialwire.emulator.jira.JiraEmulatorProperties;
import io.socialwire.emulator.meta.MetaGraphEmulator;
import io.socialwire.emulator.receiver.HttpReceiverEmulator;
import io.socialwire.emulator.salesforce.SalesforceEmulator;
import io.socialwire.emulator.servicenow.ServiceNowEmulator;
import io.socialwire.emulator.x.XEmulator;
import io.socialwire.emulator.zendesk.ZendeskEmulator;
import io.socialwire.emulator.zendesk.ZendeskEmulatorProperties;
import io.socialwire.support.HubClient;
import io.socialwire.tryit.TryItApplication;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.actuate.autoconfigure.security.servlet.ManagementWebSecurityAutoConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.autoconfigure.security.servlet.SecurityAutoConfiguration;
import org.springframework.boot.autoconfigure.security.servlet.UserDetailsServiceAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;

/**
 * The emulators alone, in a process of their own, so they outlive the restarts and kills of the hub under test,
 * as real systems of record would. It lives outside the io.socialwire package so the hub's
 * component scan never picks it up.
 */
@SpringBootConfiguration
// the emulated systems check their own credentials; the hub's API security is not theirs
@EnableAutoConfiguration(exclude = {SecurityAutoConfiguration.class, UserDetailsServiceAutoConfiguration.class,
    ManagementWebSecurityAutoConfiguration.class})
@EnableConfigurationProperties({EmulatorProperties.class, JiraEmulatorProperties.class,
    ZendeskEmulatorProperties.class})
@Import({ServiceNowEmulator.class, SalesforceEmulator.class, XEmulator.class, JiraEmulator.class,
    ZendeskEmulator.class, MetaGraphEmulator.class, io.socialwire.emulator.linkedin.LinkedInEmulator.class, HttpReceiverEmulator.class, EmulatorTraffic.class, EmulatorFaults.class,
    EmulatorStats.class, CreatedRecords.class})
public class EmulatorServer {

    @Bean
    Clock clock() {
        return Clock.systemUTC();
    }

    public static ConfigurableApplicationContext start() {
        List<String> args = new ArrayList<>();
        HubClient.PROPERTIES.forEach((k, v) -> args.add("--" + k + "=" + v));
        args.add("--server.port=0");
        args.add("--camel.main.routes-include-pattern=classpath:no-routes/*.yaml");
        args.add("--spring.application.name=emulators");
        args.add("--management.endpoint.health.validate-group-membership=false");
        // their records in memory: each test starts from empty systems of record
        args.add("--socialwire.emulators.data-dir=");
        return new SpringApplicationBuilder(EmulatorServer.class).profiles(TryItApplication.PROFILE)
                .run(args.toArray(String[]::new));
    }

    public static int port(ConfigurableApplicationContext emulators) {
        return Integer.parseInt(emulators.getEnvironment().getProperty("local.server.port"));
    }

    /**
     * The settings of a hub in a child JVM (a crash test's) pointed at these emulators, with a data folder and an
     * embedded Kafka port of its own; only the webhooks feed it (no polled or streamed channel).
     */
    public static List<String> childHubSettings(int emulatorPort, java.nio.file.Path dataDir, int kafkaPort) {
        List<String> settings = new ArrayList<>();
        HubClient.PROPERTIES.forEach((k, v) -> settings.add(k + "=" + v));
        settings.addAll(hubSettings(emulatorPort));
        settings.add("SOCIALWIRE_DATA_DIR=" + dataDir);
        settings.add("SOCIALWIRE_EMBEDDED_KAFKA_PORT=" + kafkaPort);
        settings.add("X_BEARER_TOKEN=");
        settings.add("BLUESKY_JETSTREAM_URL=");
        return settings;
    }

    /** A free local port. */
    public static int freePort() {
        try (java.net.ServerSocket socket = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /** The settings that point a hub at emulators running elsewhere. */
    public static List<String> hubSettings(int emulatorPort) {
        String base = "http://localhost:" + emulatorPort;
        return List.of(
                "SOCIALWIRE_EMULATORS=false",
                "SERVICENOW_API_URL=" + base + "/emulators/servicenow/api",
                "SERVICENOW_OAUTH_TOKEN_URL=" + base + "/emulators/servicenow/oauth_token.do",
                "SERVICENOW_RECORD_URL=" + base + "/emulators/servicenow/api/now/table/{type}/{id}",
                "SALESFORCE_LOGIN_URL=" + base + "/emulators/salesforce",
                "X_API_URL=" + base + "/emulators/x",
                "META_GRAPH_URL=" + base + "/emulators/meta",
                "LINKEDIN_API_URL=" + base + "/emulators/linkedin",
                "MARKETING_WEBHOOK_URL=" + base + "/emulators/receiver/marketing",
                "PR_ALERT_WEBHOOK_URL=" + base + "/emulators/receiver/pr-alerts",
                "SALESFORCE_RECORD_URL=" + base + "/emulators/salesforce/services/data/v56.0/sobjects/{type}/{id}");
    }
}
