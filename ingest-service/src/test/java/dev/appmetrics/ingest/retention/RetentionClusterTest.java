package dev.appmetrics.ingest.retention;

import dev.appmetrics.ingest.support.OwnTopicsOnTheCluster;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;

/**
 * Retention in cluster mode on the local cluster: the same cases as on one server, with every partition lying in the
 * shards' local tables (a Distributed table has none), and the tiers filled by their views on the shards.
 */
@QuarkusTest
@TestProfile(OwnTopicsOnTheCluster.class)
class RetentionClusterTest extends RetentionTest {}
