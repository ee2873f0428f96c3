package org.palermo.client.http;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Optional;
import javax.net.ssl.HttpsURLConnection;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLHandshakeException;
import org.palermo.client.ClientException;
import org.palermo.text.Language;
import org.palermo.text.Text;

/** JSON over HTTPS to one Palermo server; problem+json answers become {@link ClientException}. */
public final class PalermoHttp {
  private static final ObjectMapper JSON = new ObjectMapper()
      .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);

  private final URI base;
  private static final int STREAM_BUFFER = 256 * 1024;

  private final HttpClient client;
  private final SSLContext trust;
  private Language language = Language.ENGLISH;
  private Optional<String> token = Optional.empty();

  /** Asks the server to word its refusals in {@code language} ({@code Accept-Language}). */
  public PalermoHttp speaking(Language language) {
    this.language = language;
    return this;
  }

  /** The language the server is asked to answer in (English unless {@link #speaking}). */
  public Language language() {
    return language;
  }

  public PalermoHttp(URI base, SSLContext trust) {
    if (!"https".equals(base.getScheme())) {
      throw ClientException.usage(Text.of("http.https-only", base));
    }
    this.base = base.getPath().endsWith("/") ? base : URI.create(base + "/");
    this.trust = trust;
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

  public JsonNode put(String path, Object body) {
    try {
      return send(builder(path).header("Content-Type", "application/json")
          .PUT(HttpRequest.BodyPublishers.ofByteArray(JSON.writeValueAsBytes(body))));
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  public JsonNode patch(String path, Object body) {
    try {
      return send(builder(path).header("Content-Type", "application/json")
          .method("PATCH", HttpRequest.BodyPublishers.ofByteArray(JSON.writeValueAsBytes(body))));
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
    HttpsURLConnection connection = stream(path, "PUT");
    connection.setDoOutput(true);
    connection.setFixedLengthStreamingMode(length);
    connection.setRequestProperty("Content-Type", "application/octet-stream");
    connection.setRequestProperty("Accept", "application/json");
    connection.setRequestProperty("Accept-Language", language.tag());
    try {
      try (InputStream in = body.get();
          OutputStream out = new java.io.BufferedOutputStream(connection.getOutputStream(),
              STREAM_BUFFER)) {
        in.transferTo(out);
      }
      return answer(connection);
    } catch (java.io.UncheckedIOException e) {
      throw ClientException.usage(Text.of("http.cannot-read-upload",
          e.getCause().getMessage()));
    } catch (IOException e) {
      throw failed(e);
    } finally {
      connection.disconnect();
    }
  }

  /**
   * GETs a stream (sealed bytes): the caller reads and closes it. An error answer becomes a
   * {@link ClientException} as for JSON routes.
   */
  public InputStream openStream(String path) {
    HttpsURLConnection connection = stream(path, "GET");
    connection.setRequestProperty("Accept", "application/octet-stream, application/problem+json");
    connection.setRequestProperty("Accept-Language", language.tag());
    try {
      int status = connection.getResponseCode();
      if (status >= 400) {
        answer(connection);
      }
      return connection.getInputStream();
    } catch (IOException e) {
      throw failed(e);
    }
  }

  /**
   * Sealed streams go over HttpsURLConnection (a plain TLS socket): for bulk bytes it costs the
   * client a fraction of the processor time of HttpClient's flow machinery. Same trust, same
   * host name check, same token.
   */
  private HttpsURLConnection stream(String path, String method) {
    try {
      HttpsURLConnection connection =
          (HttpsURLConnection) base.resolve(path).toURL().openConnection();
      connection.setSSLSocketFactory(trust.getSocketFactory());
      connection.setRequestMethod(method);
      connection.setConnectTimeout(15_000);
      connection.setReadTimeout(10 * 60_000);
      connection.setUseCaches(false);
      token.ifPresent(t -> connection.setRequestProperty("Authorization", "Bearer " + t));
      return connection;
    } catch (IOException e) {
      throw failed(e);
    }
  }

  /** The JSON answer of a stream request; an error status becomes a {@link ClientException}. */
  private JsonNode answer(HttpsURLConnection connection) throws IOException {
    int status = connection.getResponseCode();
    InputStream in = status >= 400 ? connection.getErrorStream() : connection.getInputStream();
    byte[] bytes = in == null ? new byte[0] : in.readNBytes(1024 * 1024);
    if (in != null) {
      in.close();
    }
    JsonNode body = parse(bytes);
    refuseOnError(status, body);
    return body;
  }

  private ClientException failed(IOException e) {
    if (e instanceof SSLHandshakeException) {
      return ClientException.unreachable(Text.of("http.certificate-not-trusted",
          base.getAuthority()), e);
    }
    if (e instanceof ConnectException) {
      return ClientException.unreachable(Text.of("http.nothing-answers", base.getAuthority()),
          e);
    }
    return ClientException.unreachable(Text.of("http.connection-failed", base.getAuthority(),
        e.getMessage()), e);
  }

  private HttpRequest.Builder builder(String path) {
    HttpRequest.Builder b = HttpRequest.newBuilder(base.resolve(path))
        .timeout(Duration.ofMinutes(2)).header("Accept", "application/json")
        .header("Accept-Language", language.tag());
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
          : ClientException.REFUSED, detail.isEmpty()
              ? Text.of("common.server-refused-status", status)
              : Text.of("common.server-refused", detail), status);
    }
  }

  private <T> HttpResponse<T> exchange(HttpRequest.Builder request,
      HttpResponse.BodyHandler<T> handler) {
    try {
      return client.send(request.build(), handler);
    } catch (IOException e) {
      throw failed(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw ClientException.unreachable(Text.of("http.interrupted"), e);
    }
  }

  private static JsonNode parse(byte[] body) {
    if (body.length == 0) {
      return JSON.nullNode();
    }
    try {
      return JSON.readTree(body);
    } catch (IOException e) {
      throw ClientException.integrity(Text.of("http.answer-not-json"));
    }
  }

  public static ObjectMapper json() {
    return JSON;
  }
}
