package dev.appmetrics.dashboard.board;

import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import jakarta.enterprise.context.ApplicationScoped;

@ApplicationScoped
public class DashboardRepository implements PanacheRepositoryBase<Dashboard, Long> {}
