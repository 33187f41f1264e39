package dev.appmetrics.query.warmup;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.appmetrics.common.auth.Grants.ProjectGrant;
import dev.appmetrics.query.warmup.WarmUpTargets.Candidate;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * The warm-up reads the busiest candidate whose project the credential store already knows as the candidate's
 * organization's, passing over odd metric names, and project 0 when there is none (an empty database).
 */
class WarmUpTargetsTest {

  private static final Map<Long, ProjectGrant> STORE =
      Map.of(
          2L, new ProjectGrant(2, 20, "inactive", false),
          3L, new ProjectGrant(3, 99, "other-organization", true),
          4L, new ProjectGrant(4, 40, "known", true),
          5L, new ProjectGrant(5, 50, "quieter", true));

  private static Optional<Candidate> choose(List<Candidate> candidates) {
    return WarmUpTargets.choose(candidates, id -> Optional.ofNullable(STORE.get(id)));
  }

  @Test
  void picksTheBusiestCandidateOfAKnownActiveProjectOfItsOrganization() {
    Candidate known = new Candidate(40, 4, "http.latency", 700);
    assertEquals(
        Optional.of(known),
        choose(
            List.of(
                new Candidate(0, 0, "warm.up", 5000),
                new Candidate(10, 1, "unknown.project", 4000),
                new Candidate(20, 2, "inactive.project", 3000),
                new Candidate(30, 3, "moved.project", 2000),
                new Candidate(40, 4, "odd name\"", 1000),
                known,
                new Candidate(50, 5, "quieter", 600))));
  }

  @Test
  void anEmptyDatabaseOrOnlyUnknownProjectsFallBackToTheEmptyProject() {
    assertTrue(choose(List.of()).isEmpty());
    assertTrue(choose(List.of(new Candidate(10, 1, "unknown.project", 4000))).isEmpty());
    assertEquals(0, WarmUpTarget.EMPTY.project());
    assertEquals(0, WarmUpTarget.EMPTY.organization());
  }
}
