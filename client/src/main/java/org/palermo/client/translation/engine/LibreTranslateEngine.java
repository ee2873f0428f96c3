package org.palermo.client.translation.engine;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import org.palermo.client.ClientException;
import org.palermo.text.Language;
import org.palermo.text.Text;

/**
 * A LibreTranslate-compatible HTTP endpoint the operator or member configures
 * ({@code POST <url>/translate} with {@code q}, {@code source}, {@code target},
 * {@code format=text} and an optional {@code api_key}). It is local only when the endpoint is a
 * loopback address; anywhere else the plaintext leaves the machine.
 */
public final class LibreTranslateEngine implements TranslationEngine {
  private static final ObjectMapper JSON = new ObjectMapper();

  private final URI endpoint;
  private final String apiKey;
  private final HttpClient client;

  public LibreTranslateEngine(URI endpoint, String apiKey) {
    if (endpoint.getScheme() == null || !endpoint.getScheme().matches("https?")
        || endpoint.getHost() == null) {
      throw ClientException.usage(Text.of("translation.libretranslate-bad-url", endpoint));
    }
    this.endpoint = endpoint;
    this.apiKey = apiKey;
    this.client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(20)).build();
  }

  @Override
  public String name() {
    return "libretranslate";
  }

  /** Whether the endpoint is this machine (a loopback address). */
  @Override
  public boolean local() {
    try {
      for (InetAddress address : InetAddress.getAllByName(endpoint.getHost())) {
        if (!address.isLoopbackAddress()) {
          return false;
        }
      }
      return true;
    } catch (UnknownHostException e) {
      return false;
    }
  }

  @Override
  public boolean translates(Language from, Language to) {
    return from != to;
  }

  /** Where the plaintext goes. */
  public String where() {
    return endpoint.getHost() + (endpoint.getPort() > 0 ? ":" + endpoint.getPort() : "");
  }

  @Override
  public String translate(String text, Language from, Language to) {
    Map<String, String> body = new LinkedHashMap<>();
    body.put("q", text);
    body.put("source", from.tag());
    body.put("target", to.tag());
    body.put("format", "text");
    if (apiKey != null && !apiKey.isBlank()) {
      body.put("api_key", apiKey);
    }
    HttpResponse<String> response;
    try {
      HttpRequest request = HttpRequest.newBuilder(endpoint.resolve("translate"))
          .timeout(Duration.ofMinutes(5)).header("Content-Type", "application/json")
          .header("Accept", "application/json")
          .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body))).build();
      response = client.send(request, HttpResponse.BodyHandlers.ofString());
    } catch (IOException e) {
      throw ClientException.unreachable(Text.of("translation.libretranslate-unreachable",
          where(), String.valueOf(e.getMessage())), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw ClientException.usage(Text.of("translation.interrupted"));
    }
    JsonNode answer;
    try {
      answer = JSON.readTree(response.body());
    } catch (IOException e) {
      answer = JSON.createObjectNode();
    }
    if (response.statusCode() != 200 || !answer.path("translatedText").isTextual()) {
      throw ClientException.refused(Text.of("translation.libretranslate-refused", where(),
          response.statusCode(), answer.path("error").asText("")));
    }
    return answer.path("translatedText").asText();
  }
}
