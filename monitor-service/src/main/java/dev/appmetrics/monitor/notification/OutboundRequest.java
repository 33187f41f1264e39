package dev.appmetrics.monitor.notification;

import java.util.Map;

/** An HTTP POST of a JSON body to a receiver, ready to send. */
public record OutboundRequest(String url, Map<String, String> headers, String body) {}
