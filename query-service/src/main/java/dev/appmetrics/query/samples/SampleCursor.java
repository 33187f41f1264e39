package dev.appmetrics.query.samples;

import dev.appmetrics.common.error.ApiException;
import dev.appmetrics.query.time.TimeRange;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Where the next page starts. It pins the time range of the first page, so a relative period ("24h") does not
 * slide between pages, and the sort, so a cursor is not reused with another order. Opaque to clients: the content
 * and a MAC over it and the scope (the organization and request it pages), so only offsets this API handed out
 * for that very request reach ClickHouse.
 */
public record SampleCursor(long offset, TimeRange range, SampleSort sort) {

  private static final Pattern FORMAT =
      Pattern.compile("v2:(\\d{1,9}):(-?\\d{1,12}):(-?\\d{1,12}):([a-z-]{1,10})");

  /** Far above any cursor this API writes (about 100 characters); longer text is not even decoded. */
  private static final int MAX_LENGTH = 256;

  public String encode(CursorSigner signer, List<String> scope) {
    byte[] content =
        ("v2:" + offset + ":" + range.start() + ":" + range.end() + ":" + sort.wireName())
            .getBytes(StandardCharsets.UTF_8);
    Base64.Encoder base64 = Base64.getUrlEncoder().withoutPadding();
    return base64.encodeToString(content)
        + "."
        + base64.encodeToString(signer.sign(content, scope));
  }

  /** The cursor, if {@code signer} signed it for this scope; otherwise a 400 that does not say which part failed. */
  public static SampleCursor decode(String cursor, CursorSigner signer, List<String> scope) {
    String[] parts = cursor.length() > MAX_LENGTH ? new String[0] : cursor.split("\\.", -1);
    if (parts.length != 2) {
      throw invalid();
    }
    byte[] content;
    byte[] signature;
    try {
      content = Base64.getUrlDecoder().decode(parts[0]);
      signature = Base64.getUrlDecoder().decode(parts[1]);
    } catch (IllegalArgumentException e) {
      throw invalid();
    }
    if (!signer.verifies(content, scope, signature)) {
      throw invalid();
    }
    Matcher m = FORMAT.matcher(new String(content, StandardCharsets.UTF_8));
    if (!m.matches()) {
      throw invalid();
    }
    SampleSort sort = SampleSort.parse(m.group(4)).orElseThrow(SampleCursor::invalid);
    return new SampleCursor(
        Long.parseLong(m.group(1)),
        new TimeRange(Long.parseLong(m.group(2)), Long.parseLong(m.group(3))),
        sort);
  }

  private static ApiException invalid() {
    return ApiException.badRequest(
        "'cursor' is not a cursor this API returned for this request: a cursor only "
            + "continues the request it came from, for the same organization, projects, metric, filter, sort and range");
  }
}
