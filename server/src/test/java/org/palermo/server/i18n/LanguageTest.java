package org.palermo.server.i18n;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.palermo.server.testing.TestServer;

/**
 * Problem answers in the language of the request's Accept-Language, among the six UN
 * languages: a 404 in Russian and in Arabic (the path inside it isolated, so it keeps its
 * direction), weights honoured, English for the others; Jetty's 431 in English (it never
 * parsed the headers that would say otherwise).
 */
class LanguageTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static TestServer server;

  @BeforeAll
  static void start() {
    server = TestServer.start();
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  private static HttpResponse<String> get(String path, String acceptLanguage) {
    var request = server.request(path);
    if (acceptLanguage != null) {
      request.header("Accept-Language", acceptLanguage);
    }
    return server.send(request.GET().build());
  }

  private static JsonNode body(HttpResponse<String> r) throws Exception {
    return JSON.readTree(r.body());
  }

  @Test
  void notFound_inRussian() throws Exception {
    HttpResponse<String> r = get("api/v1/no-such-route", "ru-RU,ru;q=0.9,en;q=0.5");
    assertEquals(404, r.statusCode());
    assertEquals("ru", r.headers().firstValue("Content-Language").orElseThrow());
    assertTrue(r.headers().allValues("Vary").toString().contains("Accept-Language"));
    JsonNode problem = body(r);
    assertEquals("urn:palermo:problem:not-found", problem.path("type").asText());
    assertEquals(ServerText.render(org.palermo.text.Text.of("errors.title-not-found"),
        org.palermo.text.Language.RUSSIAN), problem.path("title").asText());
    assertTrue(problem.path("detail").asText().matches(".*\\p{IsCyrillic}{4,}.*"),
        problem.toString());
    assertTrue(problem.path("detail").asText().contains("/api/v1/openapi.yaml"),
        problem.toString());
  }

  @Test
  void notFound_inArabic_withTheArgumentsIsolated() throws Exception {
    HttpResponse<String> r = get("api/v1/workspaces/" + "0".repeat(32) + "/documents", "ar");
    assertEquals("ar", r.headers().firstValue("Content-Language").orElseThrow());
    JsonNode problem = body(r);
    assertTrue(problem.path("title").asText().matches(".*\\p{IsArabic}{3,}.*"),
        problem.toString());
    assertTrue(problem.path("detail").asText().matches(".*\\p{IsArabic}{3,}.*"),
        problem.toString());
    HttpResponse<String> json = server.send(server.request("api/v1/accounts")
        .header("Accept-Language", "ar").header("Content-Type", "application/json")
        .POST(java.net.http.HttpRequest.BodyPublishers.ofString("{\"nosuchfield\": 1}"))
        .build());
    String detail = body(json).path("detail").asText();
    assertTrue(detail.contains("\u2068nosuchfield\u2069"), detail);
  }

  @Test
  void weightsAreHonoured_andOtherLanguagesGetEnglish() throws Exception {
    assertEquals("es", get("api/v1/no-such-route", "de, fr;q=0.5, es;q=0.8").headers()
        .firstValue("Content-Language").orElseThrow());
    HttpResponse<String> german = get("api/v1/no-such-route", "de-DE");
    assertEquals("en", german.headers().firstValue("Content-Language").orElseThrow());
    assertEquals("Not found", body(german).path("title").asText());
    assertEquals("en", get("api/v1/no-such-route", "not a ;; language header").headers()
        .firstValue("Content-Language").orElseThrow());
    assertEquals("Not found", body(get("api/v1/no-such-route", null)).path("title").asText());
    HttpResponse<String> chinese = get("api/v1/no-such-route", "zh-Hans-CN");
    assertTrue(body(chinese).path("detail").asText().matches(".*\\p{IsHan}{2,}.*"),
        chinese.body());
  }

  @Test
  void headersTooLarge_isEnglish_forTheLanguageIsInHeadersNeverRead() throws Exception {
    HttpResponse<String> r = server.send(server.request("api/v1/health")
        .header("Accept-Language", "fr").header("X-Padding", "x".repeat(64 * 1024)).GET()
        .build());
    assertEquals(431, r.statusCode());
    assertEquals("en", r.headers().firstValue("Content-Language").orElseThrow());
    assertEquals(ServerText.english(org.palermo.text.Text.of("errors.headers-too-large")),
        body(r).path("detail").asText());
  }
}
