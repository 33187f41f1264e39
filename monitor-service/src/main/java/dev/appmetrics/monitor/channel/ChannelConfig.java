package dev.appmetrics.monitor.channel;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.appmetrics.monitor.api.Problems;
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
  private static final String MASK = "****";
  private static final Pattern EMAIL = Pattern.compile("[^@\\s]+@[^@\\s]+\\.[^@\\s]+");

  public ChannelConfig validated(ChannelType type) {
    return switch (type) {
      case SLACK ->
          new ChannelConfig(secret("config.url", required("config.url", url)), null, null, null);
      case PAGERDUTY ->
          new ChannelConfig(
              url == null ? PAGERDUTY_EVENTS_URL : url,
              secret("config.routingKey", required("config.routingKey", routingKey)),
              null,
              null);
      case EMAIL -> {
        if (recipients == null
            || recipients.isEmpty()
            || recipients.stream().anyMatch(r -> r == null || !EMAIL.matcher(r).matches())) {
          throw Problems.of(
              "config.recipients", "config.recipients needs one or more email addresses");
        }
        yield new ChannelConfig(required("config.url", url), null, List.copyOf(recipients), null);
      }
      case WEBHOOK -> {
        if (secret == null || secret.length() < 16) {
          throw Problems.of("config.secret", "config.secret must have at least 16 characters");
        }
        yield new ChannelConfig(
            required("config.url", url), null, null, secret("config.secret", secret));
      }
    };
  }

  /**
   * The config as the API shows it: secrets reduced to their last four characters. A Slack incoming webhook URL is
   * itself the credential (whoever has it can post to the channel), so it is masked too.
   */
  public ChannelConfig masked(ChannelType type) {
    return new ChannelConfig(
        type == ChannelType.SLACK ? mask(url) : url, mask(routingKey), recipients, mask(secret));
  }

  /**
   * This config as an update meant it: since reads only ever show secrets masked, a secret sent back exactly as its
   * mask means "keep the stored one" (a client can send back what it read and change only the name). A mask that is
   * not the stored secret's is refused: storing it would replace the secret with four stars and four characters.
   */
  public ChannelConfig keepingSecretsOf(
      ChannelType type, ChannelType storedType, ChannelConfig stored) {
    String storedSlackUrl =
        type == ChannelType.SLACK && storedType == ChannelType.SLACK ? stored.url : null;
    return new ChannelConfig(
        type == ChannelType.SLACK ? kept("config.url", url, storedSlackUrl) : url,
        kept("config.routingKey", routingKey, stored.routingKey),
        recipients,
        kept("config.secret", secret, stored.secret));
  }

  private static String kept(String field, String given, String stored) {
    if (given == null || !given.startsWith(MASK)) {
      return given;
    }
    if (stored != null && given.equals(mask(stored))) {
      return stored;
    }
    throw Problems.of(
        field,
        field
            + " is masked ('"
            + given
            + "') but is not the stored one's mask: send the "
            + "whole value");
  }

  /** A secret that starts like a mask was read back from the API, not copied from the receiver. */
  private static String secret(String field, String value) {
    if (value.startsWith(MASK)) {
      throw Problems.of(field, field + " is masked ('" + value + "'): send the whole value");
    }
    return value;
  }

  private static String mask(String secret) {
    return secret == null ? null : MASK + secret.substring(Math.max(0, secret.length() - 4));
  }

  private static String required(String field, String value) {
    if (value == null || value.isBlank()) {
      throw Problems.of(field, field + " is required");
    }
    return value.strip();
  }
}
