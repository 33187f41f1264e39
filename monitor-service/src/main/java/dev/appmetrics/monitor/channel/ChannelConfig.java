package dev.appmetrics.monitor.channel;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.appmetrics.common.error.ApiException;
import java.util.List;
import java.util.regex.Pattern;

/**
 * The target of a channel. Slack: {@code url} (the incoming webhook). PagerDuty: {@code routingKey} (the integration
 * key of an Events API v2 service) and optionally {@code url} (default {@value #PAGERDUTY_EVENTS_URL}). Email:
 * {@code url} of the email webhook and {@code recipients}. Webhook: {@code url} and {@code secret} for the HMAC.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ChannelConfig(String url, String routingKey, List<String> recipients, String secret) {

  public static final String PAGERDUTY_EVENTS_URL = "https://events.pagerduty.com/v2/enqueue";
  private static final Pattern EMAIL = Pattern.compile("[^@\\s]+@[^@\\s]+\\.[^@\\s]+");

  public ChannelConfig validated(ChannelType type) {
    return switch (type) {
      case SLACK -> new ChannelConfig(required("config.url", url), null, null, null);
      case PAGERDUTY -> new ChannelConfig(url == null ? PAGERDUTY_EVENTS_URL : url,
          required("config.routingKey", routingKey), null, null);
      case EMAIL -> {
        if (recipients == null || recipients.isEmpty()
            || recipients.stream().anyMatch(r -> r == null || !EMAIL.matcher(r).matches())) {
          throw ApiException.badRequest("config.recipients needs one or more email addresses");
        }
        yield new ChannelConfig(required("config.url", url), null, List.copyOf(recipients), null);
      }
      case WEBHOOK -> {
        if (secret == null || secret.length() < 16) {
          throw ApiException.badRequest("config.secret must have at least 16 characters");
        }
        yield new ChannelConfig(required("config.url", url), null, null, secret);
      }
    };
  }

  /** The config as the API shows it: secrets reduced to their last four characters. */
  public ChannelConfig masked() {
    return new ChannelConfig(url, mask(routingKey), recipients, mask(secret));
  }

  private static String mask(String secret) {
    return secret == null ? null : "****" + secret.substring(Math.max(0, secret.length() - 4));
  }

  private static String required(String field, String value) {
    if (value == null || value.isBlank()) {
      throw ApiException.badRequest(field + " is required");
    }
    return value.strip();
  }
}
