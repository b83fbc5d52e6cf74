package io.pekkomule.node.api;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.pekkomule.node.shaper.ShaperSettings;
import io.pekkomule.protocol.KadId;
import io.pekkomule.protocol.keyword.KeywordHasher;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.regex.Pattern;
import org.apache.pekko.NotUsed;
import org.apache.pekko.http.javadsl.marshalling.sse.EventStreamMarshalling;
import org.apache.pekko.http.javadsl.model.ContentType;
import org.apache.pekko.http.javadsl.model.ContentTypes;
import org.apache.pekko.http.javadsl.model.HttpEntities;
import org.apache.pekko.http.javadsl.model.HttpEntity;
import org.apache.pekko.http.javadsl.model.HttpHeader;
import org.apache.pekko.http.javadsl.model.HttpResponse;
import org.apache.pekko.http.javadsl.model.MediaTypes;
import org.apache.pekko.http.javadsl.model.RequestEntity;
import org.apache.pekko.http.javadsl.model.StatusCodes;
import org.apache.pekko.http.javadsl.model.headers.HttpChallenge;
import org.apache.pekko.http.javadsl.model.headers.Location;
import org.apache.pekko.http.javadsl.model.headers.RawHeader;
import org.apache.pekko.http.javadsl.model.headers.WWWAuthenticate;
import org.apache.pekko.http.javadsl.model.sse.ServerSentEvent;
import org.apache.pekko.http.javadsl.server.AllDirectives;
import org.apache.pekko.http.javadsl.server.ExceptionHandler;
import org.apache.pekko.http.javadsl.server.PathMatchers;
import org.apache.pekko.http.javadsl.server.RejectionHandler;
import org.apache.pekko.http.javadsl.server.Route;
import org.apache.pekko.http.scaladsl.model.EntityStreamSizeException;
import org.apache.pekko.stream.Materializer;
import org.apache.pekko.stream.javadsl.Source;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The management API's routes (docs/api.md). Every error is a JSON body {@code {"error": …,
 * "status": …}}; no exception text reaches a client unless it is an {@link ApiException}.
 */
final class ApiRoutes extends AllDirectives {
  private static final Logger log = LoggerFactory.getLogger(ApiRoutes.class);

  static final String REALM = "pekko-mule";
  private static final Pattern LOOKUP_ID = Pattern.compile("[A-Za-z0-9._-]{1,64}");
  private static final Pattern HEX32 = Pattern.compile("[0-9a-fA-F]{32}");
  private static final int MAX_KEYWORD_CHARS = 256;
  private static final int MAX_FILE_NAME_CHARS = 1024;
  private static final ContentType PROMETHEUS_TEXT =
      ContentTypes.parse("text/plain; version=0.0.4; charset=utf-8");
  private static final List<HttpHeader> SECURITY_HEADERS = List.of(
      RawHeader.create("Cache-Control", "no-store"),
      RawHeader.create("X-Content-Type-Options", "nosniff"),
      RawHeader.create("X-Frame-Options", "DENY"),
      RawHeader.create("Referrer-Policy", "no-referrer"),
      RawHeader.create("Content-Security-Policy",
          "default-src 'none'; script-src 'self'; style-src 'self'; connect-src 'self';"
              + " img-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'"));

  /**
   * Every route served here as {@code "METHOD /path"} ({@code {id}} for a path parameter).
   * OpenApiDriftTest keeps docs/openapi.yaml equal to this list and checks that the routes below
   * serve exactly these.
   */
  static final List<String> ENDPOINTS = List.of(
      "GET /", "GET /app.js", "GET /app.css",
      "GET /health/alive", "GET /health/ready", "GET /alive", "GET /ready",
      "GET /metrics",
      "GET /api/v1/status",
      "GET /api/v1/routing",
      "GET /api/v1/lookups", "POST /api/v1/lookups", "GET /api/v1/lookups/{id}",
      "GET /api/v1/publications", "POST /api/v1/publications",
      "GET /api/v1/shaper", "GET /api/v1/shaper/histograms",
      "GET /api/v1/persistence",
      "GET /api/v1/lab", "GET /api/v1/lab/nodes/{id}/routing",
      "GET /api/v1/persistence",
      "GET /api/v1/events");

  /** The error body of every 4xx and 5xx answer. */
  record ApiError(String error, int status) {}

  private final NodeView view;
  private final NodeControl control;
  private final PrometheusMeterRegistry registry;
  private final ApiToken token;
  private final ManagementSettings settings;
  private final Optional<ShaperSettings> configuredShaper;
  private final Materializer materializer;
  private final Clock clock;
  private final ObjectMapper json = ApiJson.mapper();

  ApiRoutes(NodeView view, NodeControl control, PrometheusMeterRegistry registry, ApiToken token,
      ManagementSettings settings, Optional<ShaperSettings> configuredShaper,
      Materializer materializer, Clock clock) {
    this.view = view;
    this.control = control;
    this.registry = registry;
    this.token = token;
    this.settings = settings;
    this.configuredShaper = configuredShaper;
    this.materializer = materializer;
    this.clock = clock;
  }

  Route route() {
    return respondWithDefaultHeaders(SECURITY_HEADERS, () ->
        handleExceptions(exceptions(), () ->
            handleRejections(rejections(), () ->
                withSizeLimit(settings.maxRequestBytes(), () -> concat(
                    pathPrefix("health", this::health),
                    // Pekko Management's default paths for the same two checks
                    path("alive", () -> get(this::alive)),
                    path("ready", () -> get(this::ready)),
                    page(),
                    path("metrics", () -> authenticated(() -> get(this::metrics))),
                    pathPrefix("api", () -> pathPrefix("v1", () -> authenticated(this::api))))))));
  }

  // ------------------------------------------------------------------ routes

  private Route health() {
    return concat(
        path("alive", () -> get(this::alive)),
        path("ready", () -> get(this::ready)));
  }

  private Route alive() {
    return complete(json(200, Map.of("status", "alive")));
  }

  private Route ready() {
    return completeWithFuture(timed(view::readiness).handle((r, e) -> {
      Readiness ready = e == null ? r : Readiness.notReady(reason(e));
      return json(ready.ready() ? 200 : 503, ready);
    }));
  }

  private Route page() {
    return concat(
        pathSingleSlash(() -> get(() -> getFromResource("web/index.html", ContentTypes.TEXT_HTML_UTF8))),
        path("app.js", () -> get(() -> getFromResource("web/app.js"))),
        path("app.css", () -> get(() -> getFromResource("web/app.css"))));
  }

  private Route api() {
    return concat(
        path("status", () -> get(this::status)),
        path("routing", () -> get(this::routing)),
        pathPrefix("lookups", () -> concat(
            pathEndOrSingleSlash(() -> concat(get(this::lookups), post(() -> body(this::startLookup)))),
            path(PathMatchers.segment(), id -> get(() -> lookup(id))))),
        path("publications", () -> concat(get(this::publications), post(() -> body(this::publish)))),
        pathPrefix("shaper", () -> concat(
            pathEnd(() -> get(this::shaper)),
            path("histograms", () -> get(this::shaperHistograms)))),
        pathPrefix("lab", () -> concat(
            pathEnd(() -> get(this::lab)),
            pathPrefix("nodes", () -> pathPrefix(PathMatchers.segment(), id ->
                path("routing", () -> get(() -> labRouting(id))))))),
        path("persistence", () -> get(this::persistence)),
        path("events", () -> get(this::events)));
  }

  /** {@code GET /api/v1/status}: identity, uptime, transport, routing counts, shaper numbers. */
  record Status(
      String version,
      IdentityView identity,
      Instant startedAt,
      long uptimeSeconds,
      TransportView transport,
      RoutingSummary routing,
      LookupCounts lookups,
      ShaperReport.Summary shaper) {}

  /** Lookups the node knows: running ones and all it still lists. */
  record LookupCounts(int running, int listed) {}

  private Route status() {
    CompletableFuture<TransportView> transport = timed(view::transport);
    CompletableFuture<RoutingSummary> routing = timed(view::routingSummary);
    CompletableFuture<List<LookupView>> lookups = timed(view::lookups);
    return respond(CompletableFuture.allOf(transport, routing, lookups).thenApply(x -> {
      List<LookupView> ls = lookups.join();
      int running = (int) ls.stream().filter(l -> l.state() == LookupView.State.RUNNING).count();
      return json(200, new Status(view.version(), view.identity(), view.startedAt(),
          uptime().toSeconds(), transport.join(), routing.join(),
          new LookupCounts(running, ls.size()),
          ShaperReport.summary(registry, view.shaperAlarms())));
    }));
  }

  /** {@code GET /api/v1/routing}: every bucket with contacts and replacement cache. */
  record Routing(KadId kadId, RoutingSummary summary, List<BucketView> buckets) {}

  private Route routing() {
    return respond(timed(view::routing).thenApply(r ->
        json(200, new Routing(view.identity().kadId(), RoutingSummary.of(r), r.buckets()))));
  }

  record Lookups(List<LookupView> lookups) {}

  /** {@code GET /api/v1/publications}: our shared files and when each item goes out next. */
  record Publications(List<PublicationView> publications) {}

  private Route publications() {
    return respond(timed(view::publications).thenApply(p -> json(200, new Publications(p))));
  }

  /** {@code GET /api/v1/persistence}: what the journal acknowledged. */
  private Route persistence() {
    return respond(timed(view::persistence).thenApply(p -> json(200, p)));
  }

  private Route lookups() {
    return respond(timed(view::lookups).thenApply(l -> json(200, new Lookups(l))));
  }

  private Route lookup(String id) {
    if (!LOOKUP_ID.matcher(id).matches()) {
      return complete(error(400, "bad lookup id: expected 1 to 64 of [A-Za-z0-9._-]"));
    }
    return respond(timed(() -> view.lookup(id)).thenApply(d -> d
        .map(detail -> json(200, detail))
        .orElseGet(() -> error(404, "no lookup with id " + id))));
  }

  /** The 202 answer to a started lookup or publication. */
  record Started(String id, String href) {}

  private CompletionStage<HttpResponse> startLookup(ObjectNode body) {
    String type = text(body, "type");
    LookupKind kind = LookupKind.searchKind(type).orElseThrow(() -> ApiException.badRequest(
        "unknown lookup type " + quote(type) + "; expected one of node, keyword, source, notes"));
    LookupRequest request;
    switch (kind) {
      case NODE -> {
        onlyFields(body, "a node lookup", "type", "target");
        request = new LookupRequest.Node(hex(body, "target"));
      }
      case KEYWORD -> {
        onlyFields(body, "a keyword search", "type", "keyword");
        request = new LookupRequest.Keyword(keyword(text(body, "keyword")));
      }
      case SOURCE -> {
        onlyFields(body, "a source search", "type", "target", "fileSize");
        request = new LookupRequest.Source(hex(body, "target"), optionalSize(body));
      }
      default -> {
        onlyFields(body, "a notes search", "type", "target", "fileSize");
        request = new LookupRequest.Notes(hex(body, "target"), optionalSize(body));
      }
    }
    return timed(() -> control.startLookup(request)).thenApply(this::started);
  }

  private CompletionStage<HttpResponse> publish(ObjectNode body) {
    String type = text(body, "type");
    PublishRequest request;
    switch (type) {
      case "keyword" -> {
        onlyFields(body, "a keyword publication", "type", "fileHash", "fileName", "fileSize");
        request = new PublishRequest.Keyword(
            hex(body, "fileHash"), fileName(body), size(body, "fileSize"));
      }
      case "source" -> {
        onlyFields(body, "a source publication", "type", "fileHash", "fileSize");
        request = new PublishRequest.Source(hex(body, "fileHash"), size(body, "fileSize"));
      }
      case "notes" -> {
        onlyFields(body, "a notes publication", "type", "fileHash", "fileName", "rating", "comment");
        long rating = integer(body, "rating", 0, 5);
        String comment = body.has("comment") ? text(body, "comment") : "";
        if (comment.length() > PublishRequest.Notes.MAX_COMMENT) {
          throw ApiException.badRequest(
              "comment longer than " + PublishRequest.Notes.MAX_COMMENT + " characters");
        }
        request = new PublishRequest.Notes(hex(body, "fileHash"), fileName(body), (int) rating, comment);
      }
      default -> throw ApiException.badRequest(
          "unknown publication type " + quote(type) + "; expected one of keyword, source, notes");
    }
    return timed(() -> control.publish(request)).thenApply(this::started);
  }

  private HttpResponse started(String id) {
    if (id == null || !LOOKUP_ID.matcher(id).matches()) {
      throw new IllegalStateException("the node returned an unusable lookup id");
    }
    String href = "/api/v1/lookups/" + id;
    return json(202, new Started(id, href)).addHeader(Location.create(href));
  }

  private Route shaper() {
    return withShaperSettings(s -> json(200, ShaperReport.of(registry, s, uptime(), view.shaperAlarms())));
  }

  private Route shaperHistograms() {
    return withShaperSettings(s -> json(200, ShaperHistograms.of(registry, s)));
  }

  private Route withShaperSettings(Function<ShaperSettings, HttpResponse> answer) {
    Optional<ShaperSettings> s = view.shaperSettings().or(() -> configuredShaper);
    if (s.isEmpty()) {
      return complete(error(503, "shaper settings unknown (no pekko-mule.shaper in the configuration)"));
    }
    return complete(answer.apply(s.get()));
  }

  /** {@code GET /api/v1/lab/nodes/{id}/routing}: any lab node's table, as {@code /routing}. */
  private Route labRouting(String id) {
    if (!HEX32.matcher(id).matches()) {
      return complete(error(400, "bad lab node id: expected a KadID of 32 hex digits"));
    }
    KadId node = KadId.fromHex(id);
    return respond(timed(() -> view.labRouting(node)).thenApply(r -> r
        .map(t -> json(200, new Routing(node, RoutingSummary.of(t), t.buckets())))
        .orElseGet(() -> error(404, "no node " + node.toHex() + " in this lab (see GET /api/v1/lab)"))));
  }

  private Route lab() {
    return respond(timed(view::lab).thenApply(l -> l
        .map(status -> json(200, status))
        .orElseGet(() -> error(404, "not a lab: this node runs on its own (see pekko-mule lab)"))));
  }

  private Route events() {
    Source<ServerSentEvent, NotUsed> events = view.events()
        .zipWithIndex()
        .map(p -> ServerSentEvent.create(eventData(p.first()), p.first().type(), String.valueOf(p.second() + 1)))
        .keepAlive(settings.eventsKeepAlive(), ServerSentEvent::heartbeat)
        .mapMaterializedValue(m -> NotUsed.getInstance());
    return completeOK(events, EventStreamMarshalling.toEventStream());
  }

  private Route metrics() {
    return complete(HttpResponse.create().withEntity(HttpEntities.create(PROMETHEUS_TEXT,
        registry.scrape().getBytes(java.nio.charset.StandardCharsets.UTF_8))));
  }

  // ------------------------------------------------------------------ auth

  /** Runs {@code inner} only with {@code Authorization: Bearer <the token>}; else 401. */
  private Route authenticated(Supplier<Route> inner) {
    return optionalHeaderValueByName("Authorization", header -> {
      if (header.isEmpty()) {
        return complete(unauthorized("missing bearer token (Authorization: Bearer <token>)", null));
      }
      String h = header.get().trim();
      int space = h.indexOf(' ');
      if (space < 0 || !h.substring(0, space).equalsIgnoreCase("Bearer")) {
        return complete(unauthorized("authorization scheme must be Bearer", "invalid_request"));
      }
      if (!token.matches(h.substring(space + 1).trim())) {
        return complete(unauthorized("invalid bearer token", "invalid_token"));
      }
      return inner.get();
    });
  }

  private HttpResponse unauthorized(String message, String errorCode) {
    HttpChallenge challenge = errorCode == null
        ? HttpChallenge.create("Bearer", REALM)
        : HttpChallenge.create("Bearer", REALM, Map.of("error", errorCode));
    return error(401, message).addHeader(WWWAuthenticate.create(challenge));
  }

  // ------------------------------------------------------------------ request bodies

  /** Reads a JSON object body (application/json, at most max-request-bytes) and hands it on. */
  private Route body(Function<ObjectNode, CompletionStage<HttpResponse>> handler) {
    return extractRequestEntity(entity -> {
      if (!entity.getContentType().mediaType().equals(MediaTypes.APPLICATION_JSON)) {
        return complete(error(415, "request body must be application/json"));
      }
      return respond(strict(entity).thenCompose(text -> handler.apply(parseObject(text))));
    });
  }

  private CompletionStage<String> strict(RequestEntity entity) {
    long max = settings.maxRequestBytes();
    if (entity.getContentLengthOption().isPresent() && entity.getContentLengthOption().getAsLong() > max) {
      return CompletableFuture.failedFuture(tooLarge());
    }
    return entity.toStrict(settings.askTimeout().toMillis(), max, materializer)
        .thenApply(s -> s.getData().utf8String());
  }

  private ApiException tooLarge() {
    return new ApiException(413, "request body larger than " + settings.maxRequestBytes() + " bytes");
  }

  private ObjectNode parseObject(String text) {
    JsonNode node;
    try {
      node = json.readTree(text);
    } catch (JsonProcessingException e) {
      throw ApiException.badRequest("malformed JSON: " + e.getOriginalMessage());
    }
    if (!(node instanceof ObjectNode o)) {
      throw ApiException.badRequest("request body must be a JSON object");
    }
    return o;
  }

  private static void onlyFields(ObjectNode body, String what, String... allowed) {
    Set<String> ok = Set.of(allowed);
    for (Iterator<String> it = body.fieldNames(); it.hasNext(); ) {
      String f = it.next();
      if (!ok.contains(f)) {
        throw ApiException.badRequest("unknown field " + quote(f) + " for " + what
            + "; allowed: " + String.join(", ", allowed));
      }
    }
  }

  private static String text(ObjectNode body, String field) {
    JsonNode n = body.get(field);
    if (n == null || n.isNull()) {
      throw ApiException.badRequest("missing field \"" + field + "\"");
    }
    if (!n.isTextual()) {
      throw ApiException.badRequest("field \"" + field + "\" must be a string");
    }
    return n.textValue();
  }

  private static KadId hex(ObjectNode body, String field) {
    String s = text(body, field);
    if (!HEX32.matcher(s).matches()) {
      throw ApiException.badRequest("field \"" + field + "\" must be 32 hex digits");
    }
    return KadId.fromHex(s);
  }

  private static long integer(ObjectNode body, String field, long min, long max) {
    JsonNode n = body.get(field);
    if (n == null || n.isNull()) {
      throw ApiException.badRequest("missing field \"" + field + "\"");
    }
    if (!n.isIntegralNumber() || !n.canConvertToLong() || n.longValue() < min || n.longValue() > max) {
      throw ApiException.badRequest(
          "field \"" + field + "\" must be an integer in [" + min + ", " + max + "]");
    }
    return n.longValue();
  }

  private static long size(ObjectNode body, String field) {
    return integer(body, field, 0, Long.MAX_VALUE);
  }

  private static long optionalSize(ObjectNode body) {
    return body.has("fileSize") ? size(body, "fileSize") : 0;
  }

  private static String keyword(String query) {
    if (query.length() > MAX_KEYWORD_CHARS) {
      throw ApiException.badRequest("keyword longer than " + MAX_KEYWORD_CHARS + " characters");
    }
    if (KeywordHasher.searchTarget(query).isEmpty()) {
      throw ApiException.badRequest(
          "keyword needs a word of at least " + KeywordHasher.MIN_WORD_BYTES + " bytes");
    }
    return query;
  }

  private static String fileName(ObjectNode body) {
    String name = text(body, "fileName");
    if (name.isBlank() || name.length() > MAX_FILE_NAME_CHARS
        || name.chars().anyMatch(Character::isISOControl)) {
      throw ApiException.badRequest("field \"fileName\" must be 1 to " + MAX_FILE_NAME_CHARS
          + " characters without control characters");
    }
    return name;
  }

  private static String quote(String s) {
    String cut = s.length() > 32 ? s.substring(0, 32) + "…" : s;
    return "\"" + cut + "\"";
  }

  // ------------------------------------------------------------------ responses and errors

  private Route respond(CompletionStage<HttpResponse> response) {
    return completeWithFuture(response.exceptionally(this::failure));
  }

  /** Copies the node's stage and bounds it by ask-timeout; a synchronous throw becomes a failure. */
  private <T> CompletableFuture<T> timed(Supplier<? extends CompletionStage<T>> call) {
    CompletableFuture<T> f = new CompletableFuture<>();
    try {
      call.get().whenComplete((v, e) -> {
        if (e != null) {
          f.completeExceptionally(e);
        } else {
          f.complete(v);
        }
      });
    } catch (RuntimeException e) {
      f.completeExceptionally(e);
    }
    return f.orTimeout(settings.askTimeout().toMillis(), TimeUnit.MILLISECONDS);
  }

  private HttpResponse failure(Throwable t) {
    Throwable c = unwrap(t);
    if (c instanceof ApiException a) {
      return error(a.status(), a.getMessage());
    }
    if (c instanceof EntityStreamSizeException) {
      return error(413, tooLarge().getMessage());
    }
    if (c instanceof TimeoutException) {
      return error(503, reason(c));
    }
    log.warn("management API request failed", c);
    return error(500, "internal error");
  }

  private String reason(Throwable t) {
    Throwable c = unwrap(t);
    if (c instanceof ApiException a) {
      return a.getMessage();
    }
    if (c instanceof TimeoutException) {
      return "the node did not answer within " + settings.askTimeout().toMillis() + "ms";
    }
    log.warn("management API: node view failed", c);
    return "internal error";
  }

  private static Throwable unwrap(Throwable t) {
    Throwable c = t;
    while ((c instanceof CompletionException || c instanceof ExecutionException) && c.getCause() != null) {
      c = c.getCause();
    }
    return c;
  }

  private ExceptionHandler exceptions() {
    return ExceptionHandler.newBuilder()
        .matchAny(e -> complete(failure(e)))
        .build();
  }

  // The default handler knows every rejection (404, 405 with Allow, 415, …); only its plain-text
  // body is replaced by the JSON error form.
  private RejectionHandler rejections() {
    return RejectionHandler.defaultHandler().mapRejectionResponse(r -> {
      if (r.entity() instanceof HttpEntity.Strict s
          && !s.getContentType().mediaType().equals(MediaTypes.APPLICATION_JSON)) {
        String text = s.getData().utf8String().trim();
        return r.withEntity(jsonEntity(new ApiError(text.isEmpty() ? r.status().reason() : text,
            r.status().intValue())));
      }
      return r;
    });
  }

  HttpResponse error(int status, String message) {
    return json(status, new ApiError(message, status));
  }

  private HttpResponse json(int status, Object body) {
    return HttpResponse.create().withStatus(StatusCodes.get(status)).withEntity(jsonEntity(body));
  }

  private org.apache.pekko.http.javadsl.model.ResponseEntity jsonEntity(Object body) {
    try {
      return HttpEntities.create(ContentTypes.APPLICATION_JSON, json.writeValueAsBytes(body));
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot write " + body.getClass().getSimpleName(), e);
    }
  }

  private String eventData(ApiEvent e) {
    ObjectNode node = json.valueToTree(e);
    node.put("type", e.type());
    try {
      return json.writeValueAsString(node);
    } catch (JsonProcessingException x) {
      throw new IllegalStateException("cannot write event " + e.type(), x);
    }
  }

  private Duration uptime() {
    Duration d = Duration.between(view.startedAt(), clock.instant());
    return d.isNegative() ? Duration.ZERO : d;
  }
}
