package dev.appmetrics.query.sql;

import java.util.function.Function;

/**
 * A statement ready to run: its SQL (ending in {@code FORMAT JSONCompact}) and the decoder that reads each of its
 * rows by column name into a record. A builder returns both together, so the columns a decoder reads are the ones
 * its SQL selects, in one place.
 */
public record Statement<T>(String sql, Function<Row, T> decoder) {}
