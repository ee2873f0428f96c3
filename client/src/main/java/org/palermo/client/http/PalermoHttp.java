package org.palermo.client.http;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Optional;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLHandshakeException;
import org.palermo.client.ClientException;

/** JSON over HTTPS to one Palermo server; problem+json answers become {@link ClientException}. */
public final class PalermoHttp {
  private static final ObjectMapper JSON = new ObjectMapper()
      .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);

  private final URI base;
  private final HttpClient client;
  private Optional<String> token = Optional.empty();

  public PalermoHttp(URI base, SSLContext trust) {
    if (!"https".equals(base.getScheme())) {
      throw ClientException.usage("The server URL must start with https:// (got " + base + ")");
    }
    this.base = base.getPath().endsWith("/") ? base : URI.create(base + "/");
    this.client = HttpClient.newBuilder().sslContext(trust)
        .connectTimeout(Duration.ofSeconds(15)).build();
  }

  public URI base() {
    return base;
  }

  public void useToken(String sessionToken) {
    this.token = Optional.ofNullable(sessionToken);
  }

  public JsonNode get(String path) {
    return send(builder(path).GET());
  }

  public JsonNode post(String path, Object body) {
    try {
      return send(builder(path).header("Content-Type", "application/json")
          .POST(HttpRequest.BodyPublishers.ofByteArray(JSON.writeValueAsBytes(body))));
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  public JsonNode delete(String path) {
    return send(builder(path).DELETE());
  }

  /** PUTs the {@code length} bytes a fresh stream from {@code body} yields. */
  public JsonNode putStream(String path, java.util.function.Supplier<InputStream> body,
      long length) {
    HttpRequest.BodyPublisher publisher = HttpRequest.BodyPublishers.fromPublisher(
        HttpRequest.BodyPublishers.ofInputStream(body), length);
    return send(builder(path).timeout(Duration.ofHours(12))
        .header("Content-Type", "application/octet-stream").PUT(publisher));
  }

  /**
   * GETs a stream (sealed bytes): the caller reads and closes it. An error answer becomes a
   * {@link ClientException} as for JSON routes.
   */
  public InputStream openStream(String path) {
    HttpRequest.Builder request = builder(path).timeout(Duration.ofHours(12))
        .header("Accept", "application/octet-stream, application/problem+json");
    HttpResponse<InputStream> response = exchange(request,
        HttpResponse.BodyHandlers.ofInputStream());
    if (response.statusCode() >= 400) {
      try (InputStream in = response.body()) {
        refuseOnError(response.statusCode(), parse(in.readNBytes(64 * 1024)));
      } catch (IOException e) {
        throw ClientException.unreachable("Connection to " + base.getAuthority() + " failed: "
            + e.getMessage(), e);
      }
    }
    return response.body();
  }

  private HttpRequest.Builder builder(String path) {
    HttpRequest.Builder b = HttpRequest.newBuilder(base.resolve(path))
        .timeout(Duration.ofMinutes(2)).header("Accept", "application/json");
    token.ifPresent(t -> b.header("Authorization", "Bearer " + t));
    return b;
  }

  private JsonNode send(HttpRequest.Builder request) {
    HttpResponse<byte[]> response = exchange(request, HttpResponse.BodyHandlers.ofByteArray());
    JsonNode body = parse(response.body());
    refuseOnError(response.statusCode(), body);
    return body;
  }

  private void refuseOnError(int status, JsonNode body) {
    if (status >= 400) {
      String detail = body.path("detail").asText("");
      throw new ClientException(status >= 500 ? ClientException.UNREACHABLE
          : ClientException.REFUSED, "The server refused: " + (detail.isEmpty()
              ? "status " + status : detail), status);
    }
  }

  private <T> HttpResponse<T> exchange(HttpRequest.Builder request,
      HttpResponse.BodyHandler<T> handler) {
    try {
      return client.send(request.build(), handler);
    } catch (SSLHandshakeException e) {
      throw ClientException.unreachable("TLS with " + base.getAuthority() + " failed: its"
          + " certificate is not trusted (use --ca or --pin-cert with the fingerprint the server"
          + " printed)", e);
    } catch (ConnectException e) {
      throw ClientException.unreachable("Cannot reach " + base.getAuthority()
          + ": nothing answers there", e);
    } catch (IOException e) {
      throw ClientException.unreachable("Connection to " + base.getAuthority() + " failed: "
          + e.getMessage(), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw ClientException.unreachable("Interrupted", e);
    }
  }

  private static JsonNode parse(byte[] body) {
    if (body.length == 0) {
      return JSON.nullNode();
    }
    try {
      return JSON.readTree(body);
    } catch (IOException e) {
      throw ClientException.integrity("The server's answer is not JSON");
    }
  }

  public static ObjectMapper json() {
    return JSON;
  }
}
