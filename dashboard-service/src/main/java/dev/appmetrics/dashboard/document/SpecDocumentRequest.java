package dev.appmetrics.dashboard.document;

/** Body of a create or an update of a spec document; an update names the version it read. */
public interface SpecDocumentRequest<S> {

  String name();

  S spec();

  Long version();
}
