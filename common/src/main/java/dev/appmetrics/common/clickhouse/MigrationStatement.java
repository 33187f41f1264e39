package dev.appmetrics.common.clickhouse;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The one statement of a migration file that a step takes apart ({@link Relayout}, {@link BackfilledView}, the cluster
 * rewrite): its text without line comments, and its parts as the form the step expects finds them.
 */
final class MigrationStatement {

  private static final Pattern LINE_COMMENT = Pattern.compile("--[^\\n]*");

  private MigrationStatement() {}

  /** The file's statement without its line comments, stripped. */
  static String of(String migration) {
    return LINE_COMMENT.matcher(migration).replaceAll("").strip();
  }

  /** The statement's parts, or a refusal of a file that is not of the {@code form}, saying what it must be. */
  static Matcher parts(Pattern form, String statement, String mustBe) {
    Matcher parts = form.matcher(statement);
    if (!parts.matches()) {
      throw new IllegalArgumentException(mustBe + ": " + statement);
    }
    return parts;
  }
}
