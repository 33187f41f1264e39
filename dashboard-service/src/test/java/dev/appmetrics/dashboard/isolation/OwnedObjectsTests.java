package dev.appmetrics.dashboard.isolation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Organization 2 of a new database, after organization 1 made one object of every kind and two tokens: its project,
 * key, saved query and dashboard have id 2, like organization 1's second token; its tokens are 3 and 4.
 */
class OwnedObjectsTests {

  private static OwnedObjects organizationTwo() {
    OwnedObjects two = new OwnedObjects(2);
    for (String type : List.of("projects", "keys", "saved-queries", "dashboards")) {
      two.add(type, 2);
    }
    two.add("tokens", 3);
    two.add("tokens", 4);
    return two;
  }

  @Test
  void anotherOrganizationsTokenWithTheSameIdShowsNothing() {
    String tokensOfOne =
        """
        {"items":[{"id":1,"organizationId":1,"name":"admin","prefix":"amt_abcdef","scopes":["admin"]},
        {"id":2,"organizationId":1,"name":"reader","prefix":"amt_ghijkl","scopes":["read"]}],
        "total":2,"offset":0,"limit":2}""";
    assertEquals(List.of(), organizationTwo().shownIn("tokens", tokensOfOne));
  }

  @Test
  void numbersThatAreNoIdsShowNothing() {
    String dashboardOfOne =
        """
        {"id":1,"name":"d","version":2,"spec":{"projects":[1],"period":"2h","widgets":[{"id":"w2","title":"t",
        "queries":[{"label":"A","metric":"m","aggregate":"count","limit":2}],"layout":{"x":2,"y":2,"w":2,"h":2}}]}}""";
    assertEquals(List.of(), organizationTwo().shownIn("dashboards", dashboardOfOne));
  }

  @Test
  void anObjectCarryingTheOrganizationsIdIsShown() {
    assertEquals(
        List.of("/items/1/organizationId"),
        organizationTwo()
            .shownIn(
                "tokens",
                "{\"items\":[{\"id\":1,\"organizationId\":1},{\"id\":5,\"organizationId\":2}],\"total\":2}"));
  }

  @Test
  void anObjectOfATypeWithOneOfItsIdsIsShown() {
    assertEquals(
        List.of("/items/0/id"),
        organizationTwo()
            .shownIn(
                "saved-queries",
                "{\"items\":[{\"id\":2,\"name\":\"q\",\"version\":0}],\"total\":1}"));
    assertEquals(
        List.of("/id"), organizationTwo().shownIn("dashboards", "{\"id\":2,\"name\":\"d\"}"));
  }

  @Test
  void anObjectReferringToItsProjectIsShown() {
    assertEquals(
        List.of("/spec/projects/1"),
        organizationTwo()
            .shownIn(
                "saved-queries", "{\"id\":9,\"spec\":{\"projects\":[1,2],\"period\":\"1h\"}}"));
    assertEquals(
        List.of("/items/0/projectId"),
        organizationTwo()
            .shownIn("keys", "{\"items\":[{\"id\":9,\"projectId\":2,\"publicKey\":\"0f\"}]}"));
  }

  @Test
  void nestedObjectsAreTypedByTheirField() {
    String created =
        "{\"organization\":{\"id\":2,\"slug\":\"o\"},\"adminToken\":{\"id\":3,\"organizationId\":9}}";
    assertEquals(
        List.of("/organization/id", "/adminToken/id"),
        organizationTwo().shownIn("organizations", created));
  }

  @Test
  void anAnswerThatIsNoJsonIsAnError() {
    assertThrows(
        IllegalArgumentException.class, () -> organizationTwo().shownIn("projects", "<html>"));
  }
}
