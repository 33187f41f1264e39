package dev.appmetrics.dashboard.savedquery;

import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import jakarta.enterprise.context.ApplicationScoped;

@ApplicationScoped
public class SavedQueryRepository implements PanacheRepositoryBase<SavedQuery, Long> {}
