package io.socialwire.targets.salesforce;

import java.time.Clock;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.socialwire.pacing.TargetPacing;
import org.apache.camel.Exchange;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * Salesforce says how much of the org's daily API allowance is used on every answer ({@code Sforce-Limit-Info:
 * api-usage=used/limit}); near the limit the calls are spaced out, so the org keeps some for its own users.
 */
@Component("salesforceLimits")
public class SalesforceLimits {

    private static final Pattern API_USAGE = Pattern.compile("api-usage=(\\d+)/(\\d+)");

    private final TargetPacing pacing;
    private final Clock clock;
    private final double nearLimit;
    private final Duration nearLimitPause;

    SalesforceLimits(TargetPacing pacing, Clock clock,
                     @Value("${socialwire.pacing.salesforce-near-limit:0.9}") double nearLimit,
                     @Value("${socialwire.pacing.salesforce-near-limit-pause:1s}") Duration nearLimitPause) {
        this.pacing = pacing;
        this.clock = clock;
        this.nearLimit = nearLimit;
        this.nearLimitPause = nearLimitPause;
    }

    /** After a Salesforce call: near the org's daily limit, space the calls out. */
    public void observe(Exchange exchange) {
        String info = exchange.getMessage().getHeader("Sforce-Limit-Info", String.class);
        Matcher usage = info == null ? null : API_USAGE.matcher(info);
        if (usage != null && usage.find()) {
            double used = Double.parseDouble(usage.group(1));
            double limit = Double.parseDouble(usage.group(2));
            if (limit > 0 && used / limit >= nearLimit) {
                pacing.holdOff(SalesforceWrites.SYSTEM, clock.instant().plus(nearLimitPause));
            }
        }
    }
}
