package dev.appmetrics.ingest.body;

import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * The JSON reader of metric payloads. It reads NaN and Infinity (which some SDKs and Python's json emit) as numbers,
 * so that such a value is rejected for its one item, with its index, instead of failing the whole payload.
 */
@ApplicationScoped
public class IngestJson {

  private final ObjectMapper mapper;

  public IngestJson(ObjectMapper json) {
    // Every metric has a value and a timestamp: Jackson's fast double parser reads them exactly, in
    // less time.
    this.mapper =
        json.copy()
            .enable(JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS.mappedFeature())
            .enable(StreamReadFeature.USE_FAST_DOUBLE_PARSER.mappedFeature());
  }

  public ObjectMapper mapper() {
    return mapper;
  }
}
