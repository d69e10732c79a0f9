package io.socialwire.routing;

/** Where an interaction goes and why: the department, its priority (1 highest .. 5) and the rule that matched. */
public record RoutingDecision(String department, int priority, String intent, String matchedRule) {
}
