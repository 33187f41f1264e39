package dev.appmetrics.dashboard.mcp.text;

import java.util.ArrayList;
import java.util.List;

/** A plain-text table with aligned columns: compact for a model, readable for a person. */
public final class TextTable {

  private final List<String> header;
  private final List<List<String>> rows = new ArrayList<>();

  public TextTable(String... header) {
    this(List.of(header));
  }

  public TextTable(List<String> header) {
    this.header = List.copyOf(header);
  }

  public TextTable row(Object... cells) {
    List<String> row = new ArrayList<>();
    for (Object cell : cells) {
      row.add(cell == null ? "" : cell.toString());
    }
    return row(row);
  }

  public TextTable row(List<String> cells) {
    rows.add(List.copyOf(cells));
    return this;
  }

  public boolean isEmpty() {
    return rows.isEmpty();
  }

  @Override
  public String toString() {
    int[] widths = new int[header.size()];
    for (int i = 0; i < header.size(); i++) {
      widths[i] = header.get(i).length();
      for (List<String> row : rows) {
        widths[i] = Math.max(widths[i], i < row.size() ? row.get(i).length() : 0);
      }
    }
    StringBuilder text = new StringBuilder();
    line(text, header, widths);
    for (List<String> row : rows) {
      line(text, row, widths);
    }
    return text.toString();
  }

  private static void line(StringBuilder text, List<String> cells, int[] widths) {
    StringBuilder line = new StringBuilder();
    for (int i = 0; i < widths.length; i++) {
      String cell = i < cells.size() ? cells.get(i) : "";
      line.append(cell)
          .append(" ".repeat(widths[i] - cell.length()))
          .append(i + 1 < widths.length ? "  " : "");
    }
    text.append(line.toString().stripTrailing()).append('\n');
  }
}
