package dev.appmetrics.dashboard.savedquery;

import dev.appmetrics.dashboard.document.SpecDocument;
import jakarta.persistence.Entity;
import jakarta.persistence.Table;

/** A named Explorer state of an organization ("Save As, New Query"). */
@Entity
@Table(name = "saved_query")
public class SavedQuery extends SpecDocument {}
