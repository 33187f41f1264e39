package dev.appmetrics.query.samples;

import dev.appmetrics.common.error.ApiException;
import dev.appmetrics.query.time.TimeRange;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Where the next page starts. It pins the time range of the first page, so a relative period ("24h") does not
 * slide between pages, and the sort, so a cursor is not reused with another order. Opaque to clients.
 */
public record SampleCursor(long offset, TimeRange range, SampleSort sort) {

  private static final Pattern FORMAT = Pattern.compile("v1:(\\d{1,9}):(-?\\d{1,12}):(-?\\d{1,12}):([a-z-]{1,10})");

  public String encode() {
    String text = "v1:" + offset + ":" + range.start() + ":" + range.end() + ":" + sort.wireName();
    return Base64.getUrlEncoder().withoutPadding().encodeToString(text.getBytes(StandardCharsets.UTF_8));
  }

  public static SampleCursor decode(String cursor) {
    String text;
    try {
      text = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8);
    } catch (IllegalArgumentException e) {
      throw invalid();
    }
    Matcher m = FORMAT.matcher(text);
    if (!m.matches()) {
      throw invalid();
    }
    SampleSort sort = SampleSort.parse(m.group(4)).orElseThrow(SampleCursor::invalid);
    long start = Long.parseLong(m.group(2));
    long end = Long.parseLong(m.group(3));
    if (end <= start) {
      throw invalid();
    }
    return new SampleCursor(Long.parseLong(m.group(1)), new TimeRange(start, end), sort);
  }

  private static ApiException invalid() {
    return ApiException.badRequest("'cursor' is not a cursor this API returned");
  }
}
