package dev.appmetrics.dashboard.board;

import dev.appmetrics.dashboard.document.SpecDocument;
import jakarta.persistence.Entity;
import jakarta.persistence.Table;

/** A dashboard of an organization: its spec holds the time range, the filter and the widgets with their layout. */
@Entity
@Table(name = "dashboard")
public class Dashboard extends SpecDocument {}
