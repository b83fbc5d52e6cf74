package io.pekkomule.node.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/** A small HTTP/1.1 client for route tests against a server bound to a loopback port. */
final class HttpProbe {
  static final ObjectMapper JSON = new ObjectMapper();

  private final HttpClient client = HttpClient.newBuilder()
      .version(HttpClient.Version.HTTP_1_1)
      .connectTimeout(Duration.ofSeconds(5))
      .build();
  private final String base;

  /** @param base {@code http://127.0.0.1:PORT/} */
  HttpProbe(String base) {
    this.base = base;
  }

  /** One answer, body as text. */
  record Answer(int status, HttpResponse<String> raw) {
    String body() {
      return raw.body();
    }

    Optional<String> header(String name) {
      return raw.headers().firstValue(name);
    }

    JsonNode json() {
      try {
        return JSON.readTree(raw.body());
      } catch (IOException e) {
        throw new UncheckedIOException("not JSON: " + raw.body(), e);
      }
    }
  }

  HttpRequest.Builder request(String path, String authorization) {
    HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base).resolve(path))
        .timeout(Duration.ofSeconds(10));
    if (authorization != null) {
      b.header("Authorization", authorization);
    }
    return b;
  }

  Answer get(String path, String authorization) {
    return send(request(path, authorization).GET().build());
  }

  Answer post(String path, String authorization, String contentType, String body) {
    return send(request(path, authorization).header("Content-Type", contentType)
        .POST(HttpRequest.BodyPublishers.ofString(body)).build());
  }

  Answer postJson(String path, String authorization, String body) {
    return post(path, authorization, "application/json", body);
  }

  /** Sends and waits at most 15 s for the whole body (a request timeout only covers headers). */
  Answer send(HttpRequest request) {
    CompletableFuture<HttpResponse<String>> f =
        client.sendAsync(request, HttpResponse.BodyHandlers.ofString());
    try {
      HttpResponse<String> r = f.get(15, TimeUnit.SECONDS);
      return new Answer(r.statusCode(), r);
    } catch (ExecutionException e) {
      throw new IllegalStateException(request.method() + " " + request.uri() + " failed", e.getCause());
    } catch (TimeoutException e) {
      f.cancel(true);
      throw new AssertionError(request.method() + " " + request.uri() + ": no complete answer within 15 s");
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  HttpClient client() {
    return client;
  }
}
