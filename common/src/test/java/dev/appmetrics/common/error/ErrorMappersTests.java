package dev.appmetrics.common.error;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.ws.rs.BadRequestException;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.core.Response;
import org.junit.jupiter.api.Test;

class ErrorMappersTests {

  private final ErrorMappers mappers = new ErrorMappers();

  @Test
  void wrappedMalformedBodyNamesLineAndColumn() {
    JsonProcessingException parseError = null;
    try {
      new ObjectMapper().readTree("{\n  \"name\": ,\n}");
    } catch (JsonProcessingException e) {
      parseError = e;
    }
    Response response = mappers.webApplication(new BadRequestException(parseError));
    ErrorResponse body = (ErrorResponse) response.getEntity();
    assertEquals(400, response.getStatus());
    assertEquals("malformed_json", body.code());
    assertTrue(body.message().contains("line 2, column 11"), body.message());
  }

  @Test
  void otherWebErrorsKeepTheirStatusAndName() {
    Response response = mappers.webApplication(new NotFoundException("no such thing"));
    ErrorResponse body = (ErrorResponse) response.getEntity();
    assertEquals(404, response.getStatus());
    assertEquals("not_found", body.code());
    assertEquals("no such thing", body.message());
  }

  @Test
  void apiExceptionKeepsItsDetails() {
    ApiException failure =
        new ApiException(
            422,
            "invalid_items",
            "2 items rejected",
            java.util.List.of(new ErrorResponse.Detail("items[3].value", "must be finite")));
    Response response = mappers.apiException(failure);
    ErrorResponse body = (ErrorResponse) response.getEntity();
    assertEquals(422, response.getStatus());
    assertEquals("items[3].value", body.details().get(0).field());
  }
}
