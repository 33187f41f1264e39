package dev.appmetrics.ingest.pipeline;

import dev.appmetrics.ingest.event.Rejection;
import java.util.List;

/** What one request delivered: the number of events Kafka acknowledged and each item left out with its reason. */
public record IngestResult(int accepted, List<Rejection> rejected) {}
