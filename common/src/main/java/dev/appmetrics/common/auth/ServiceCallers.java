package dev.appmetrics.common.auth;

import io.smallrye.config.ConfigMapping;
import java.util.Map;
import java.util.Set;

/**
 * The other services allowed to call this one for an organization they name in {@link ApiAuthFilter#ORGANIZATION_HEADER},
 * each with a credential of its own and only the scopes it needs: query-service accepts monitor-service reading, and
 * no service accepts anything else. A service with none configured accepts no service calls at all.
 */
@ConfigMapping(prefix = "appmetrics.auth")
public interface ServiceCallers {

  /** By caller name, e.g. {@code appmetrics.auth.service-callers.monitor.token} and {@code ….scopes=read}. */
  Map<String, ServiceCaller> serviceCallers();

  interface ServiceCaller {
    String token();

    Set<Scope> scopes();
  }
}
